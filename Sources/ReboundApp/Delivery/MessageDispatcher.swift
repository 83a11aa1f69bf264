import AsyncHTTPClient
public import Foundation
public import Logging
import Metrics
import ReboundAPI
public import ReboundChannels
public import ReboundCore
public import ReboundStore
public import ServiceLifecycle

/// Sends what the flows logged: claims due messages from the outbox under a lease, sends each through its channel
/// (SMTP, the SMS provider, Slack, webhooks), and records the outcome. Transient failures are retried with
/// backoff up to a limit; then, like permanent refusals, the message is `failed` (the dead-letter list).
///
/// Delivery is at least once: a process killed between the channel's acceptance and the database update sends
/// again when the lease runs out. Emails carry a Message-ID derived from the message id, so receivers can tell.
public struct MessageDispatcher<C: Clock<Duration>>: Service {
    public struct Configuration: Sendable {
        /// Where shoppers reach this server (links and provider callbacks).
        public var linkBaseURL: String
        public var interval: Duration
        public var batchSize: Int
        /// How long a claimed message belongs to this process.
        public var lease: TimeInterval
        /// Attempts before a transiently failing message is given up.
        public var maxAttempts: Int
        public var retryDelay: Backoff

        public init(
            linkBaseURL: String,
            interval: Duration = .seconds(1),
            batchSize: Int = 50,
            lease: TimeInterval = 120,
            maxAttempts: Int = 5,
            retryDelay: Backoff = Backoff(maxAttempts: 5, initial: .seconds(60), maximum: .seconds(3600))
        ) {
            self.linkBaseURL = linkBaseURL
            self.interval = interval
            self.batchSize = batchSize
            self.lease = lease
            self.maxAttempts = maxAttempts
            self.retryDelay = retryDelay
        }
    }

    let store: Store
    let wallClock: WallClock
    let clock: C
    let configuration: Configuration
    let logger: Logger
    let clients: ChannelClients
    let composer: MessageComposer

    public init(store: Store, wallClock: WallClock, clock: C, configuration: Configuration, logger: Logger) {
        self.store = store
        self.wallClock = wallClock
        self.clock = clock
        self.configuration = configuration
        self.logger = logger
        self.clients = ChannelClients(logger: logger)
        self.composer = MessageComposer(store: store, linkBaseURL: configuration.linkBaseURL)
    }

    public func run() async throws {
        await runPeriodically(every: configuration.interval, on: clock, logger: logger, name: "message dispatcher") { try await runOnce() }
        await clients.shutdown()
    }

    /// Sends everything due now; returns how many messages it handled.
    @discardableResult
    public func runOnce() async throws -> Int {
        var handled = 0
        // Idle costs one indexed read, not a write transaction: most passes find nothing due.
        guard let next = try await store.nextDispatch(), next <= wallClock.now() else { return 0 }
        while true {
            let now = wallClock.now()
            let due = try await store.claimDueMessages(now: now, lease: configuration.lease, limit: configuration.batchSize)
            guard !due.isEmpty else { break }
            // Several at once: SMTP connections are pooled, providers are remote.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for message in due {
                    group.addTask { try await dispatch(message, now: now) }
                }
                try await group.waitForAll()
            }
            handled += due.count
            if due.count < configuration.batchSize { break }
        }
        return handled
    }

    func dispatch(_ due: DueMessage, now: Date) async throws {
        let message = due.message
        let outcome: Store.DispatchOutcome
        do {
            outcome = try await send(due, now: now)
        } catch let error as DeliveryError {
            outcome = failure(error, attempts: message.attempts, now: now)
        } catch let error as TemplateError {
            outcome = .failed(error: "template: \(error)")
        } catch {
            outcome = failure(DeliveryError(.transientFailure, "\(error)"), attempts: message.attempts, now: now)
        }
        try await store.recordDispatch(shopID: due.shopID, messageID: message.id, outcome, now: now)
        let label: String
        switch outcome {
        case .sent: label = "sent"
        case .retry: label = "retry"
        case .failed(let error):
            label = "failed"
            logger.warning("message failed", metadata: ["rebound.message.id": .string(message.id), "rebound.error": .string(error)])
        case .parked(let status, _): label = status
        }
        Counter(label: "rebound_messages_total", dimensions: [("channel", message.channel), ("outcome", label)]).increment()
    }

    /// Transient errors wait and try again until the attempts run out; permanent ones fail at once.
    func failure(_ error: DeliveryError, attempts: Int, now: Date) -> Store.DispatchOutcome {
        guard error.isTransient, attempts < configuration.maxAttempts else {
            return .failed(
                error: attempts >= configuration.maxAttempts && error.isTransient ? "gave up after \(attempts) attempts: \(error)" : "\(error)"
            )
        }
        let delay = configuration.retryDelay.delay(afterAttempt: attempts)
        return .retry(at: now.addingTimeInterval(Double(delay.components.seconds)), error: "\(error)")
    }

    func send(_ due: DueMessage, now: Date) async throws -> Store.DispatchOutcome {
        let message = due.message
        guard let shop = try await store.shop(id: due.shopID) else { return .failed(error: "the shop no longer exists") }
        let settings = try await store.channelSettings(shopID: shop.id)
        let customer = try await message.customerID.asyncMap { try await store.customer(shopID: shop.id, id: $0) } ?? nil
        switch message.channel {
        case "email":
            return try await sendEmail(message, shop: shop, settings: settings, customer: customer, now: now)
        case "sms":
            return try await sendSMS(message, shop: shop, settings: settings, customer: customer, now: now)
        case "slack":
            return try await sendSlack(message, shop: shop, settings: settings, customer: customer, now: now)
        case "webhook":
            return try await sendWebhook(message, shop: shop, settings: settings, customer: customer, now: now)
        case "discount":
            return try await pushDiscount(message, shop: shop, settings: settings, customer: customer, now: now)
        case "messenger", "instagram", "whatsapp":
            return try await sendSocial(message, shop: shop, settings: settings, now: now)
        default:
            return .parked(status: message.status, detail: "nothing to send on channel \(message.channel)")
        }
    }

    func sendEmail(_ message: MessageRecord, shop: Shop, settings: ChannelSettings, customer: Customer?, now: Date) async throws
        -> Store.DispatchOutcome
    {
        guard let email = settings.email else { return .parked(status: "intended", detail: "not sent: the shop has no email settings") }
        guard let address = message.recipient ?? customer?.email else { return .failed(error: "no email address") }
        if try await store.isSuppressed(shopID: shop.id, channel: "email", address: address) {
            return .parked(status: "suppressed", detail: "\(address) is on the suppression list")
        }
        if message.template == "reply" { return try await sendEmailReply(message, email: email, address: address, customer: customer, now: now) }
        if customer?.emailConsent?.granted == false { return .parked(status: "skipped", detail: "unsubscribed before sending") }
        let cart = try await message.cartID.asyncMap { try await store.cart(shopID: shop.id, id: $0) } ?? nil
        let parts = try await composer.parts(
            shop: shop,
            settings: settings,
            customer: customer,
            cart: cart,
            messageID: message.id,
            runID: message.runID,
            template: message.template,
            now: now
        )
        var context = parts.context
        if let kind = Self.surveyKind(message.template), let survey = (try? JSONValue.parse(message.detail ?? ""))?["survey_id"]?.stringValue {
            for score in kind.scores { context.extra["survey_\(score)"] = parts.links.survey(survey, score: score) }
        }
        let renderer = try await clients.renderer(shopID: shop.id, store: store)
        var content = try renderer.render(message.template ?? "generic", locale: parts.locale, context: context)
        if !content.missingVariables.isEmpty {
            logger.notice(
                "template printed missing variables as empty",
                metadata: ["rebound.message.id": .string(message.id), "rebound.variables": .string(content.missingVariables.joined(separator: ", "))]
            )
        }
        content.html = parts.links.rewritingLinks(in: content.html)
        let from = try EmailAddress.parse(email.from)
        let composed = EmailComposer.message(
            content,
            from: from,
            to: try EmailAddress(address, name: [customer?.firstName, customer?.lastName].compactMap { $0 }.joined(separator: " ").nilIfEmpty),
            replyTo: try email.replyTo.map { try EmailAddress.parse($0) },
            messageID: message.id + "@" + from.domain,
            date: now,
            unsubscribeURL: parts.links.unsubscribe
        )
        let signer = try await email.dkim.asyncMap { try await clients.signer($0) }
        let result: SMTPSendResult
        do {
            result = try await clients.smtp(url: email.smtpURL).send(composed, signer: signer)
        } catch let error as DeliveryError where error.code == .permanentFailure && error.message.hasPrefix("RCPT") {
            // The server refused the mailbox itself (5xx at RCPT): never try it again.
            try await store.suppress(shopID: shop.id, channel: "email", address: address, reason: "refused: \(error.message)", now: now)
            throw error
        }
        if let refused = result.rejected[address] {
            try await store.suppress(shopID: shop.id, channel: "email", address: address, reason: "refused: \(refused)", now: now)
            return .failed(error: "refused by the server: \(refused)")
        }
        return .sent(providerID: composed.messageID, subject: content.subject, at: now)
    }

    /// The survey a template asks, if it is one of the survey templates.
    static func surveyKind(_ template: String?) -> Survey.Kind? {
        switch template {
        case "csat_survey": .csat
        case "nps_survey": .nps
        default: nil
        }
    }

    /// An agent's answer in an email conversation: plain text, threaded under the shopper's message.
    func sendEmailReply(_ message: MessageRecord, email: ChannelSettings.Email, address: String, customer: Customer?, now: Date) async throws
        -> Store.DispatchOutcome
    {
        let detail = (try? JSONValue.parse(message.detail ?? "")) ?? .null
        let from = try EmailAddress.parse(email.from)
        let thread = detail["in_reply_to"]?.stringValue
        let composed = EmailMessage(
            from: from,
            to: [try EmailAddress(address, name: customer?.firstName)],
            replyTo: try email.replyTo.map { try EmailAddress.parse($0) },
            subject: detail["subject"]?.stringValue ?? "Re: your message",
            text: detail["text"]?.stringValue ?? "",
            messageID: message.id + "@" + from.domain,
            date: now,
            inReplyTo: thread
        )
        let signer = try await email.dkim.asyncMap { try await clients.signer($0) }
        _ = try await clients.smtp(url: email.smtpURL).send(composed, signer: signer)
        return .sent(providerID: composed.messageID, subject: composed.subject, at: now)
    }

    func sendSMS(_ message: MessageRecord, shop: Shop, settings: ChannelSettings, customer: Customer?, now: Date) async throws
        -> Store.DispatchOutcome
    {
        guard let sms = settings.sms else { return .parked(status: "intended", detail: "not sent: the shop has no SMS settings") }
        guard let raw = message.recipient ?? customer?.phone else { return .failed(error: "no phone number") }
        let phone: PhoneNumber
        do { phone = try PhoneNumber(e164: raw) } catch { return .failed(error: "\(raw) is not an E.164 number") }
        if try await store.isSuppressed(shopID: shop.id, channel: "sms", address: phone.e164) {
            return .parked(status: "suppressed", detail: "\(phone.e164) opted out")
        }
        if message.template == "reply" {
            // An answer to a shopper who wrote to us: no marketing consent needed, STOP still applies (checked above).
            let reply = (try? JSONValue.parse(message.detail ?? ""))?["text"]?.stringValue ?? ""
            guard sms.provider == "twilio" else { return .failed(error: "unknown SMS provider \(sms.provider)") }
            let provider = TwilioSMSProvider(configuration: .init(accountSID: sms.accountSID, authToken: sms.authToken, baseURL: sms.baseURL))
            let receipt = try await provider.send(SMSMessage(to: phone, from: sms.from, body: reply))
            return .sent(providerID: receipt.providerID, subject: nil, at: now)
        }
        if customer?.smsConsent?.granted != true { return .parked(status: "skipped", detail: "no SMS consent at sending time") }
        let cart = try await message.cartID.asyncMap { try await store.cart(shopID: shop.id, id: $0) } ?? nil
        let parts = try await composer.parts(
            shop: shop,
            settings: settings,
            customer: customer,
            cart: cart,
            messageID: message.id,
            runID: message.runID,
            now: now
        )
        // A short tracked link: SMS segments are precious (`/s/` finds the message by its random id).
        let link = configuration.linkBaseURL + "/s/" + message.id.replacingOccurrences(of: "msg_", with: "")
        let german = parts.locale.lowercased().hasPrefix("de")
        let body =
            DefaultTemplates.smsText(message.template ?? "", locale: parts.locale)
            .replacingOccurrences(of: "{shop}", with: shop.name)
            .replacingOccurrences(of: "{link}", with: link)
            + (german ? " STOP zum Abmelden" : " Reply STOP to opt out")
        guard sms.provider == "twilio" else { return .failed(error: "unknown SMS provider \(sms.provider)") }
        let provider = TwilioSMSProvider(configuration: .init(accountSID: sms.accountSID, authToken: sms.authToken, baseURL: sms.baseURL))
        let receipt = try await provider.send(
            SMSMessage(
                to: phone,
                from: sms.from,
                body: body,
                statusCallbackURL: configuration.linkBaseURL + "/webhooks/twilio/\(shop.id.rawValue)/status"
            )
        )
        let segments = SMSSegments(body)
        logger.debug(
            "SMS sent",
            metadata: ["rebound.message.id": .string(message.id), "rebound.sms.segments": .stringConvertible(segments.segments)]
        )
        return .sent(providerID: receipt.providerID, subject: "\(segments.segments) segment(s), \(segments.encoding.rawValue)", at: now)
    }

    func sendSlack(_ message: MessageRecord, shop: Shop, settings: ChannelSettings, customer: Customer?, now: Date) async throws
        -> Store.DispatchOutcome
    {
        guard let url = settings.slackWebhookURL else { return .parked(status: "intended", detail: "not sent: no Slack webhook configured") }
        let cart = try await message.cartID.asyncMap { try await store.cart(shopID: shop.id, id: $0) } ?? nil
        var fields: [(String, String)] = [("Shop", shop.name)]
        if let cart {
            fields.append(("Cart value", MoneyFormatter(locale: "en").string(Money(minorUnits: cart.value, currency: cart.currency))))
            fields.append(("Items", "\(cart.itemCount)"))
        }
        if let who = customer?.email ?? customer?.phone { fields.append(("Customer", who)) }
        if message.template == "sla_breach" {
            let detail = (try? JSONValue.parse(message.detail ?? "")) ?? .null
            let minutes = (detail["waited_seconds"]?.int64Value ?? 0) / 60
            let channel = detail["channel"]?.stringValue ?? "chat"
            let slack = SlackMessage(
                title: "SLA breached: no first answer",
                text: "A \(channel) conversation has waited \(minutes) min for a first answer.",
                fields: [("Shop", shop.name), ("Channel", channel)],
                link: detail["conversation_id"]?.stringValue.map { ("Open in the inbox", configuration.linkBaseURL + "/admin/inbox/" + $0) }
            )
            try await webhookSender.send(slack: slack, to: url, now: { now }, logger: logger)
            return .sent(providerID: nil, subject: slack.text, at: now)
        }
        let title = message.template == "vip_cart.slack" ? "VIP cart abandoned" : "Rebound: \(message.flowID ?? "flow") · \(message.step ?? "")"
        let slack = SlackMessage(
            title: title,
            text: cart.map { _ in "A high-value cart was left. An agent task was created: reach out while it's warm." }
                ?? "A flow step asked for your attention.",
            fields: fields,
            link: message.cartID.map { ("Open in Rebound", configuration.linkBaseURL + "/admin/carts/" + $0.rawValue) }
        )
        try await webhookSender.send(slack: slack, to: url, now: { now }, logger: logger)
        return .sent(providerID: nil, subject: title, at: now)
    }

    func sendWebhook(_ message: MessageRecord, shop: Shop, settings: ChannelSettings, customer: Customer?, now: Date) async throws
        -> Store.DispatchOutcome
    {
        guard let url = message.recipient ?? settings.webhookURL else { return .failed(error: "no webhook URL") }
        // An event subscription carries its payload; a flow step's is made here.
        let payload: JSONValue =
            message.template == "event"
            ? ((try? JSONValue.parse(message.detail ?? "")) ?? .null)
            : .object([
                "type": "flow.step",
                "shop_id": .string(shop.id.rawValue),
                "flow_id": message.flowID.map(JSONValue.string) ?? .null,
                "step": message.step.map(JSONValue.string) ?? .null,
                "run_id": message.runID.map(JSONValue.string) ?? .null,
                "template": message.template.map(JSONValue.string) ?? .null,
                "customer_id": message.customerID.map { .string($0.rawValue) } ?? .null,
                "customer_email": customer?.email.map(JSONValue.string) ?? .null,
                "cart_id": message.cartID.map { .string($0.rawValue) } ?? .null,
                "occurred_at": .string(RFC3339.format(now)),
            ])
        var secret = settings.webhookSecret
        if secret == nil { secret = try await store.linkKey(shopID: shop.id, now: now) }
        let status = try await webhookSender.send(
            url: url,
            body: Array(payload.jsonText.utf8),
            signer: WebhookSigner(secret: Array((secret ?? "").utf8)),
            now: { now },
            logger: logger
        )
        return .sent(providerID: "http \(status)", subject: nil, at: now)
    }

    /// One attempt per dispatch: the outbox does the retrying.
    var webhookSender: WebhookSender {
        WebhookSender(backoff: Backoff(maxAttempts: 1), sleeper: Sleeper { _ in })
    }
}
