import Foundation

/// Turns a Meta webhook body into neutral messages and delivery statuses.
///
/// Messenger (`"object": "page"`) and Instagram (`"object": "instagram"`) put events in `entry[].messaging[]` with
/// `sender.id`, `recipient.id`, `timestamp` (milliseconds) and `message.mid` / `text` / `attachments[].payload.url`
/// (https://developers.facebook.com/docs/messenger-platform/reference/webhook-events/messages,
/// https://developers.facebook.com/docs/messenger-platform/instagram/features/webhook). WhatsApp
/// (`"object": "whatsapp_business_account"`) puts them in `entry[].changes[].value` with `metadata.phone_number_id`,
/// `contacts[]`, `messages[]` (`from`, `id`, `timestamp` in seconds as a string, `type`, `text.body`) and
/// `statuses[]` (https://developers.facebook.com/docs/whatsapp/cloud-api/webhooks/payload-examples).
///
/// Verify ``MetaSignature`` first; parsing does not authenticate anything.
public enum MetaWebhookParser {
    /// - Throws: ``PlatformError/Code/malformedPayload`` when the body is not JSON, not one of the three objects,
    ///   or a message lacks its sender or id.
    public static func parse(_ body: [UInt8]) throws -> SocialWebhookBatch {
        let webhook: WebhookDTO
        do {
            webhook = try JSONDecoder().decode(WebhookDTO.self, from: Data(body))
        } catch {
            throw PlatformError(.malformedPayload, "Meta webhook body is not the documented JSON: \(describe(error))")
        }
        guard let object = webhook.object else { throw PlatformError(.malformedPayload, "Meta webhook body has no \"object\"") }
        guard let entries = webhook.entry else { throw PlatformError(.malformedPayload, "Meta webhook body has no \"entry\" list") }
        var batch = SocialWebhookBatch()
        switch object {
        case "page":
            for (index, entry) in entries.enumerated() { try parseMessaging(entry, index: index, platform: .messenger, into: &batch) }
        case "instagram":
            for (index, entry) in entries.enumerated() { try parseMessaging(entry, index: index, platform: .instagram, into: &batch) }
        case "whatsapp_business_account":
            for (index, entry) in entries.enumerated() { try parseWhatsApp(entry, index: index, into: &batch) }
        default:
            throw PlatformError(.malformedPayload, "Meta webhook object \"\(object)\" is not page, instagram or whatsapp_business_account")
        }
        return batch
    }

    // MARK: Messenger and Instagram

    static func parseMessaging(_ entry: EntryDTO, index: Int, platform: SocialPlatform, into batch: inout SocialWebhookBatch) throws {
        for (eventIndex, event) in (entry.messaging ?? []).enumerated() {
            let path = "entry[\(index)].messaging[\(eventIndex)]"
            let timestamp = date(milliseconds: event.timestamp) ?? date(milliseconds: entry.time) ?? Date(timeIntervalSince1970: 0)
            if let message = event.message {
                guard let sender = event.sender?.id?.value, !sender.isEmpty else {
                    throw PlatformError(.malformedPayload, "\(path) has a message without sender.id")
                }
                guard let mid = message.mid, !mid.isEmpty else { throw PlatformError(.malformedPayload, "\(path) has a message without mid") }
                let recipient = event.recipient?.id?.value ?? entry.id?.value ?? ""
                let attachments = (message.attachments ?? []).map { SocialAttachment(type: $0.type ?? "unknown", url: $0.payload?.url) }
                batch.messages.append(
                    InboundSocialMessage(
                        platform: platform,
                        senderID: sender,
                        recipientID: recipient,
                        messageID: mid,
                        text: message.text,
                        timestamp: timestamp,
                        attachments: attachments,
                        replyToMessageID: message.reply_to?.mid,
                        payload: message.quick_reply?.payload,
                        isEcho: message.is_echo ?? false
                    )
                )
            } else if let delivery = event.delivery {
                // The receipt's sender is the customer the shop's messages went to.
                let customer = event.sender?.id?.value ?? ""
                let watermark = date(milliseconds: delivery.watermark)
                let mids = delivery.mids ?? []
                if mids.isEmpty {
                    batch.statuses.append(
                        SocialDeliveryStatus(
                            platform: platform,
                            messageID: nil,
                            recipientID: customer,
                            state: .delivered,
                            timestamp: timestamp,
                            watermark: watermark
                        )
                    )
                }
                for mid in mids {
                    batch.statuses.append(
                        SocialDeliveryStatus(
                            platform: platform,
                            messageID: mid,
                            recipientID: customer,
                            state: .delivered,
                            timestamp: timestamp,
                            watermark: watermark
                        )
                    )
                }
            } else if let read = event.read {
                batch.statuses.append(
                    SocialDeliveryStatus(
                        platform: platform,
                        messageID: nil,
                        recipientID: event.sender?.id?.value ?? "",
                        state: .read,
                        timestamp: timestamp,
                        watermark: date(milliseconds: read.watermark)
                    )
                )
            } else {
                batch.ignoredEvents += 1
            }
        }
        // Instagram also delivers some fields as `changes`; they are not messages.
        batch.ignoredEvents += entry.changes?.count ?? 0
    }

    // MARK: WhatsApp

    static func parseWhatsApp(_ entry: EntryDTO, index: Int, into batch: inout SocialWebhookBatch) throws {
        for (changeIndex, change) in (entry.changes ?? []).enumerated() {
            guard let value = change.value, change.field == nil || change.field == "messages" else {
                batch.ignoredEvents += 1
                continue
            }
            let path = "entry[\(index)].changes[\(changeIndex)].value"
            let phoneNumberID = value.metadata?.phone_number_id?.value ?? ""
            let names = Dictionary((value.contacts ?? []).compactMap { c in c.wa_id.map { ($0, c.profile?.name) } }, uniquingKeysWith: { a, _ in a })
            for (messageIndex, message) in (value.messages ?? []).enumerated() {
                guard let from = message.from, !from.isEmpty else {
                    throw PlatformError(.malformedPayload, "\(path).messages[\(messageIndex)] has no \"from\"")
                }
                guard let id = message.id, !id.isEmpty else {
                    throw PlatformError(.malformedPayload, "\(path).messages[\(messageIndex)] has no \"id\"")
                }
                var text = message.text?.body
                var attachments: [SocialAttachment] = []
                var payload: String?
                let media: [(String, WhatsAppMessageDTO.Media?)] = [
                    ("image", message.image), ("video", message.video), ("audio", message.audio), ("document", message.document),
                    ("sticker", message.sticker),
                ]
                for case (let kind, let item?) in media {
                    attachments.append(SocialAttachment(type: kind, mediaID: item.id, mimeType: item.mime_type))
                    if text == nil { text = item.caption }
                }
                if let button = message.button {
                    text = text ?? button.text
                    payload = button.payload
                }
                if let reply = message.interactive?.button_reply ?? message.interactive?.list_reply {
                    text = text ?? reply.title
                    payload = reply.id
                }
                if message.type != nil, text == nil, attachments.isEmpty, payload == nil {
                    // Locations, contacts, reactions, system messages: kept as a message without text so the
                    // conversation shows that something arrived.
                    attachments.append(SocialAttachment(type: message.type ?? "unknown"))
                }
                batch.messages.append(
                    InboundSocialMessage(
                        platform: .whatsapp,
                        senderID: from,
                        recipientID: phoneNumberID,
                        messageID: id,
                        text: text,
                        timestamp: date(seconds: message.timestamp) ?? Date(timeIntervalSince1970: 0),
                        attachments: attachments,
                        senderName: names[from] ?? nil,
                        replyToMessageID: message.context?.id,
                        payload: payload
                    )
                )
            }
            for (statusIndex, status) in (value.statuses ?? []).enumerated() {
                guard let state = status.status, let recipient = status.recipient_id else {
                    throw PlatformError(.malformedPayload, "\(path).statuses[\(statusIndex)] has no status or recipient_id")
                }
                batch.statuses.append(
                    SocialDeliveryStatus(
                        platform: .whatsapp,
                        messageID: status.id,
                        recipientID: recipient,
                        state: SocialDeliveryState(rawValue: state),
                        timestamp: date(seconds: status.timestamp) ?? Date(timeIntervalSince1970: 0),
                        errors: (status.errors ?? []).map { "\($0.code?.value ?? "?"): \($0.title ?? "")" }
                    )
                )
            }
        }
        batch.ignoredEvents += entry.messaging?.count ?? 0
    }

    // MARK: Helpers

    static func date(milliseconds: LooseString?) -> Date? {
        guard let value = milliseconds?.int64 else { return nil }
        // Some Instagram events carry seconds; anything before 2001 in milliseconds is taken as seconds.
        return value < 1_000_000_000_000 ? Date(timeIntervalSince1970: Double(value)) : Date(timeIntervalSince1970: Double(value) / 1000)
    }

    static func date(seconds: LooseString?) -> Date? {
        guard let value = seconds?.int64 else { return nil }
        return Date(timeIntervalSince1970: Double(value))
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            context.codingPath.map(\.stringValue).joined(separator: ".") + ": " + context.debugDescription
        default: "\(error)"
        }
    }
}
