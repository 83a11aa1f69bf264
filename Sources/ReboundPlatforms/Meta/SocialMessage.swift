public import Foundation

/// Which Meta messaging product a message came through.
public struct SocialPlatform: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    public static let messenger = Self(rawValue: "messenger")
    public static let instagram = Self(rawValue: "instagram")
    public static let whatsapp = Self(rawValue: "whatsapp")
}

/// A file, image or other media attached to an inbound message.
public struct SocialAttachment: Hashable, Sendable, Codable {
    /// `image`, `video`, `audio`, `file`, `sticker`, `document`, … as the platform names it.
    public var type: String
    /// Messenger and Instagram give a URL (`payload.url`).
    public var url: String?
    /// WhatsApp gives a media id to fetch with `GET /{media-id}`.
    public var mediaID: String?
    public var mimeType: String?

    public init(type: String, url: String? = nil, mediaID: String? = nil, mimeType: String? = nil) {
        self.type = type
        self.url = url
        self.mediaID = mediaID
        self.mimeType = mimeType
    }
}

/// A message a customer sent to the shop on Messenger, Instagram or WhatsApp, in one neutral shape.
public struct InboundSocialMessage: Hashable, Sendable, Codable {
    public var platform: SocialPlatform
    /// Messenger PSID, Instagram-scoped id, or the WhatsApp number (`wa_id` / `from`).
    public var senderID: String
    /// The Page id, the Instagram professional account id, or the WhatsApp `phone_number_id` it was sent to.
    public var recipientID: String
    /// `mid` (Messenger, Instagram) or `wamid…` (WhatsApp): unique, so a redelivered webhook can be dropped.
    public var messageID: String
    public var text: String?
    public var timestamp: Date
    public var attachments: [SocialAttachment]
    /// WhatsApp `contacts[].profile.name`, when given.
    public var senderName: String?
    /// The message this one replies to (Messenger `reply_to.mid`, WhatsApp `context.id`).
    public var replyToMessageID: String?
    /// A quick-reply or button payload the customer tapped.
    public var payload: String?
    /// Messenger and Instagram echo the shop's own sends (including those made by staff in Meta's inbox). Echoes
    /// are reported, marked, so the inbox can show staff replies; do not answer them.
    public var isEcho: Bool

    public init(
        platform: SocialPlatform,
        senderID: String,
        recipientID: String,
        messageID: String,
        text: String?,
        timestamp: Date,
        attachments: [SocialAttachment] = [],
        senderName: String? = nil,
        replyToMessageID: String? = nil,
        payload: String? = nil,
        isEcho: Bool = false
    ) {
        self.platform = platform
        self.senderID = senderID
        self.recipientID = recipientID
        self.messageID = messageID
        self.text = text
        self.timestamp = timestamp
        self.attachments = attachments
        self.senderName = senderName
        self.replyToMessageID = replyToMessageID
        self.payload = payload
        self.isEcho = isEcho
    }
}

/// Delivery states, named as the platforms name them (`sent`, `delivered`, `read`, `failed`, …).
public struct SocialDeliveryState: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }
    public var description: String { rawValue }

    public static let sent = Self(rawValue: "sent")
    public static let delivered = Self(rawValue: "delivered")
    public static let read = Self(rawValue: "read")
    public static let failed = Self(rawValue: "failed")
}

/// A delivery or read receipt for a message the shop sent.
public struct SocialDeliveryStatus: Hashable, Sendable, Codable {
    public var platform: SocialPlatform
    /// The message the status is about; `nil` for Messenger read receipts, which carry only a watermark.
    public var messageID: String?
    /// Who the message went to.
    public var recipientID: String
    public var state: SocialDeliveryState
    public var timestamp: Date
    /// Messenger receipts: every message sent before this instant has the new state.
    public var watermark: Date?
    /// WhatsApp `errors[]` of a failed message, as `code: title`.
    public var errors: [String]

    public init(
        platform: SocialPlatform,
        messageID: String?,
        recipientID: String,
        state: SocialDeliveryState,
        timestamp: Date,
        watermark: Date? = nil,
        errors: [String] = []
    ) {
        self.platform = platform
        self.messageID = messageID
        self.recipientID = recipientID
        self.state = state
        self.timestamp = timestamp
        self.watermark = watermark
        self.errors = errors
    }
}

/// Everything one webhook delivery carried. Meta batches several entries and events in one POST.
public struct SocialWebhookBatch: Hashable, Sendable {
    public var messages: [InboundSocialMessage]
    public var statuses: [SocialDeliveryStatus]
    /// Events of kinds this parser does not turn into messages (postbacks, reactions, edits, …), counted so
    /// they show up in logs.
    public var ignoredEvents: Int

    public init(messages: [InboundSocialMessage] = [], statuses: [SocialDeliveryStatus] = [], ignoredEvents: Int = 0) {
        self.messages = messages
        self.statuses = statuses
        self.ignoredEvents = ignoredEvents
    }
}
