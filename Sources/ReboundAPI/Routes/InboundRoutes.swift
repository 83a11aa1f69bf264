import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReboundChannels
import ReboundCore
import ReboundStore

/// What comes back from shoppers and providers: bounces, complaints and replies by email
/// (`POST /v1/inbound/email`, raw MIME), SMS replies and delivery reports from a Twilio-compatible provider
/// (`/webhooks/twilio/{shop}/inbound` and `/status`, `X-Twilio-Signature` checked).
struct InboundRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.post("inbound/email") { request, context in try await self.email(request, context: context) }
    }

    func addWebhooks(to router: Router<ReboundRequestContext>) {
        router.post("webhooks/twilio/:shop/inbound") { request, context in try await self.sms(request, context: context) }
        router.post("webhooks/twilio/:shop/status") { request, context in try await self.smsStatus(request, context: context) }
    }

    // MARK: Email

    func email(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let raw = String(decoding: try await RequestBody.bytes(request, limit: 10 * 1024 * 1024), as: UTF8.self)
        guard raw.contains(":") else { throw ProblemDetails.validation(field: "(body)", "must be a raw MIME message (RFC 5322)") }
        let now = environment.clock.now()
        if let report = BounceParser.parse(raw) {
            for address in report.suppress {
                try await store.suppress(shopID: shop.id, channel: "email", address: address, reason: report.kind.rawValue, now: now)
            }
            var messageID: String?
            if let original = report.originalMessageID.map(Self.bareMessageID),
                let message = try await store.message(shopID: shop.id, providerID: original)
            {
                messageID = message.id
                let status = report.kind == .softBounce ? "delivered" : "bounced"
                if report.kind != .softBounce {
                    let reason = report.recipients.first.map { "\($0.status) \($0.diagnostic ?? "")" }
                    try await store.recordDelivery(shopID: shop.id, messageID: message.id, status: status, error: reason, at: now)
                }
                if report.kind == .complaint, let customerID = message.customerID {
                    try await store.setConsent(
                        shopID: shop.id,
                        customerID: customerID,
                        channel: "email",
                        granted: false,
                        source: "complaint",
                        now: now
                    )
                    let event = Event(
                        id: Event.ID("unsubscribed_complaint_\(message.id)"),
                        type: "unsubscribed",
                        occurredAt: now,
                        properties: ["channel": "email"]
                    )
                    try await store.appendSystemEvents([(event, customerID)], shopID: shop.id, now: now)
                }
            }
            return JSONResponse(
                .object([
                    "kind": .string(report.kind.rawValue), "suppressed": .array(report.suppress.map(JSONValue.string)),
                    "message_id": messageID.map(JSONValue.string) ?? .null,
                ])
            )
        }
        let reply = ReplyParser.parse(raw)
        guard let from = try? EmailAddress.parse(reply.from) else {
            throw ProblemDetails.validation(field: "From", "the message has no readable sender")
        }
        var answered: MessageRecord?
        for id in reply.referencedMessageIDs {
            if let message = try await store.message(shopID: shop.id, providerID: Self.bareMessageID(id)) {
                answered = message
                break
            }
        }
        let customer = try await store.customer(shopID: shop.id, email: from.address)
        let customerID = answered?.customerID ?? customer?.id
        let text = reply.text.isEmpty ? "(empty message)" : reply.text
        let stored = try await store.appendConversationMessage(
            shopID: shop.id,
            to: .find(
                channel: "email",
                customerID: customerID,
                // A sender we don't know as a customer is known by the address, so an agent's answer can reach them.
                visitorID: customerID == nil ? from.address.lowercased() : nil,
                externalThread: reply.referencedMessageIDs.last.map(Self.bareMessageID) ?? reply.messageID.map(Self.bareMessageID),
                subject: reply.subject,
                cartID: answered?.cartID
            ),
            author: "shopper",
            authorName: from.name ?? from.address,
            body: String(text.prefix(20_000)),
            externalID: reply.messageID.map(Self.bareMessageID),
            now: now
        )
        if stored.isNew {
            let event = Event(
                id: Event.ID("conversation_message_\(stored.message.id)"),
                type: "conversation_message_received",
                occurredAt: now,
                properties: [
                    "conversation_id": .string(stored.conversation.id), "channel": "email", "in_reply_to": answered.map { .string($0.id) } ?? .null,
                ]
            )
            try await store.appendSystemEvents([(event, customerID)], shopID: shop.id, now: now)
            await ConversationClassifier(environment: environment).tagNew(shop: shop, conversation: stored.conversation, logger: context.logger)
            await InboxFeed.arrived(environment, shopID: shop.id, conversationID: stored.conversation.id, message: stored.message)
        }
        return JSONResponse(
            .object([
                "kind": "reply", "conversation_id": .string(stored.conversation.id), "seq": .int(stored.message.seq),
                "in_reply_to": answered.map { .string($0.id) } ?? .null, "duplicate": .bool(!stored.isNew),
            ]),
            status: stored.isNew ? .created : .ok
        )
    }

    /// `<abc@host>` → `abc@host`.
    static func bareMessageID(_ id: String) -> String {
        var text = Substring(id.trimmingCharacters(in: .whitespaces))
        if text.hasPrefix("<") { text = text.dropFirst() }
        if text.hasSuffix(">") { text = text.dropLast() }
        return String(text)
    }

    // MARK: SMS

    /// Checks `X-Twilio-Signature` over the public URL and the form; returns the shop, its SMS settings and the form.
    func verifiedTwilio(_ request: Request, context: ReboundRequestContext) async throws -> (Shop, ChannelSettings.SMS, [(String, String)]) {
        let shopID = Shop.ID(try context.parameters.require("shop"))
        guard let shop = try await store.shop(id: shopID) else { throw ProblemDetails.notFound("shop \(shopID.rawValue)") }
        guard let sms = try await store.channelSettings(shopID: shop.id).sms else {
            throw ProblemDetails(.notFound, type: "sms-not-configured", title: "SMS is not configured", detail: "This shop has no SMS settings.")
        }
        let body = try await RequestBody.bytes(request, limit: 64 * 1024)
        let form = FormEncoding.decode(String(decoding: body, as: UTF8.self))
        let base = environment.publicURL ?? "http://" + (request.head.authority ?? "localhost")
        let url = base + request.uri.description
        guard let signature = request.headers[HTTPField.Name("X-Twilio-Signature")!],
            TwilioSignature.isValid(signature: signature, authToken: sms.authToken, url: url, parameters: form)
        else {
            throw ProblemDetails(
                .forbidden,
                type: "bad-signature",
                title: "Signature does not match",
                detail: "X-Twilio-Signature is missing or wrong for \(url)."
            )
        }
        return (shop, sms, form)
    }

    func sms(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let (shop, settings, form) = try await verifiedTwilio(request, context: context)
        guard let inbound = InboundSMS(form: form) else { throw ProblemDetails.validation(field: "From", "the form needs From and To") }
        let now = environment.clock.now()
        let phone = (try? PhoneNumber(e164: inbound.from))?.e164 ?? inbound.from
        let customer = try await store.customer(shopID: shop.id, phone: phone)
        var reply = inbound.keyword.reply(shopName: shop.name, helpText: settings.helpText)
        switch inbound.keyword {
        case .optOut:
            try await store.suppress(shopID: shop.id, channel: "sms", address: phone, reason: "STOP", now: now)
            if let customer {
                try await store.setConsent(shopID: shop.id, customerID: customer.id, channel: "sms", granted: false, source: "sms_stop", now: now)
                let event = Event(
                    id: Event.ID("unsubscribed_sms_\(inbound.providerID ?? RandomToken.make(byteCount: 8))"),
                    type: "unsubscribed",
                    occurredAt: now,
                    properties: ["channel": "sms"]
                )
                try await store.appendSystemEvents([(event, customer.id)], shopID: shop.id, now: now)
            }
        case .optIn:
            _ = try await store.unsuppress(shopID: shop.id, channel: "sms", address: phone)
            if let customer {
                try await store.setConsent(shopID: shop.id, customerID: customer.id, channel: "sms", granted: true, source: "sms_start", now: now)
            }
        case .help:
            break
        case .conversation(let text):
            let stored = try await store.appendConversationMessage(
                shopID: shop.id,
                to: .find(channel: "sms", customerID: customer?.id, visitorID: nil, externalThread: phone, subject: nil, cartID: nil),
                author: "shopper",
                authorName: customer.flatMap { [$0.firstName, $0.lastName].compactMap { $0 }.joined(separator: " ").nilIfEmpty } ?? phone,
                body: String(text.prefix(5000)),
                externalID: inbound.providerID,
                now: now
            )
            if stored.isNew {
                let event = Event(
                    id: Event.ID("conversation_message_\(stored.message.id)"),
                    type: "conversation_message_received",
                    occurredAt: now,
                    properties: ["conversation_id": .string(stored.conversation.id), "channel": "sms"]
                )
                try await store.appendSystemEvents([(event, customer?.id)], shopID: shop.id, now: now)
                await ConversationClassifier(environment: environment).tagNew(shop: shop, conversation: stored.conversation, logger: context.logger)
                await InboxFeed.arrived(environment, shopID: shop.id, conversationID: stored.conversation.id, message: stored.message)
            }
            reply = nil
        }
        return Self.twiml(reply)
    }

    /// TwiML: `<Response><Message>…</Message></Response>`, or an empty response for no reply.
    static func twiml(_ text: String?) -> Response {
        let body = text.map { "<Response><Message>\(LinkPage.escape($0))</Message></Response>" } ?? "<Response/>"
        return Response(
            status: .ok,
            headers: [.contentType: "application/xml; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>" + body))
        )
    }

    func smsStatus(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let (shop, _, form) = try await verifiedTwilio(request, context: context)
        guard let update = SMSStatusUpdate(form: form) else {
            throw ProblemDetails.validation(field: "MessageSid", "the form needs MessageSid and MessageStatus")
        }
        if update.status.isFinal, let message = try await store.message(shopID: shop.id, providerID: update.providerID) {
            let status = update.status == .delivered ? "delivered" : "failed"
            try await store.recordDelivery(
                shopID: shop.id,
                messageID: message.id,
                status: status,
                error: update.errorCode.map { "carrier error \($0)" },
                at: environment.clock.now()
            )
        }
        return Response(status: .noContent)
    }
}
