// Wire shapes of Meta webhook deliveries. Every member is optional so that an unexpected event kind decodes and is
// skipped instead of failing the whole batch; the parser checks what each event it keeps must have.

/// An id or timestamp Meta sends sometimes as a string and sometimes as a number.
struct LooseString: Decodable, Hashable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else if let number = try? container.decode(Int64.self) {
            value = String(number)
        } else {
            value = String(try container.decode(Double.self))
        }
    }

    var int64: Int64? { Int64(value) ?? Double(value).map { Int64($0) } }
}

struct WebhookDTO: Decodable {
    var object: String?
    var entry: [EntryDTO]?
}

struct EntryDTO: Decodable {
    var id: LooseString?
    var time: LooseString?
    /// Messenger and Instagram events.
    var messaging: [MessagingDTO]?
    /// WhatsApp (and Instagram `changes`-style) notifications.
    var changes: [ChangeDTO]?
}

// MARK: Messenger and Instagram
// https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages

struct ParticipantDTO: Decodable {
    var id: LooseString?
}

struct MessagingDTO: Decodable {
    var sender: ParticipantDTO?
    var recipient: ParticipantDTO?
    var timestamp: LooseString?
    var message: MessengerMessageDTO?
    var delivery: DeliveryDTO?
    var read: ReadDTO?
}

struct MessengerMessageDTO: Decodable {
    struct Reference: Decodable { var mid: String? }
    struct QuickReply: Decodable { var payload: String? }
    struct Attachment: Decodable {
        struct Payload: Decodable { var url: String? }
        var type: String?
        var payload: Payload?
    }

    var mid: String?
    var text: String?
    var is_echo: Bool?
    var attachments: [Attachment]?
    var reply_to: Reference?
    var quick_reply: QuickReply?
}

/// `message_deliveries`: every listed `mid`, and everything before `watermark`, was delivered.
struct DeliveryDTO: Decodable {
    var mids: [String]?
    var watermark: LooseString?
}

/// `message_reads`: everything before `watermark` was read.
struct ReadDTO: Decodable {
    var watermark: LooseString?
}

// MARK: WhatsApp
// https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples

struct ChangeDTO: Decodable {
    var field: String?
    var value: WhatsAppValueDTO?
}

struct WhatsAppValueDTO: Decodable {
    struct Metadata: Decodable {
        var display_phone_number: String?
        var phone_number_id: LooseString?
    }
    struct Contact: Decodable {
        struct Profile: Decodable { var name: String? }
        var profile: Profile?
        var wa_id: String?
    }

    var messaging_product: String?
    var metadata: Metadata?
    var contacts: [Contact]?
    var messages: [WhatsAppMessageDTO]?
    var statuses: [WhatsAppStatusDTO]?
}

struct WhatsAppMessageDTO: Decodable {
    struct Text: Decodable { var body: String? }
    struct Media: Decodable {
        var id: String?
        var mime_type: String?
        var caption: String?
    }
    struct Button: Decodable {
        var text: String?
        var payload: String?
    }
    struct Interactive: Decodable {
        struct Reply: Decodable {
            var id: String?
            var title: String?
        }
        var type: String?
        var button_reply: Reply?
        var list_reply: Reply?
    }
    struct Context: Decodable { var id: String? }

    var from: String?
    var id: String?
    var timestamp: LooseString?
    var type: String?
    var text: Text?
    var image: Media?
    var video: Media?
    var audio: Media?
    var document: Media?
    var sticker: Media?
    var button: Button?
    var interactive: Interactive?
    var context: Context?
}

struct WhatsAppStatusDTO: Decodable {
    struct ErrorDTO: Decodable {
        var code: LooseString?
        var title: String?
    }
    var id: String?
    var status: String?
    var timestamp: LooseString?
    var recipient_id: String?
    var errors: [ErrorDTO]?
}
