import Foundation
import Hummingbird
import Logging
import ReboundAnswers
import ReboundChat
import ReboundCore
import ReboundStore

/// `POST /v1/bot/answer` (what the chat calls), `POST /v1/conversations/{id}/classify` (ticket categorisation)
/// and `GET /v1/reports/deflection`.
struct BotRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    /// Largest answer request; the bot itself cuts a question to its maximum length.
    static let bodyLimit = 64 * 1024

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.post("bot/answer") { request, context in try await self.answer(request, context: context) }
        group.post("conversations/:id/classify") { _, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            guard try await store.conversation(shopID: shop.id, id: id) != nil else { throw ProblemDetails.notFound("conversation \(id)") }
            let classifier = ConversationClassifier(environment: environment)
            let result = try await classifier.classify(shop: shop, conversationID: id, overwrite: true)
            return JSONResponse(
                .object([
                    "conversation_id": .string(id), "intent": DTO.string(result?.intent),
                    "confidence": result.map { JSONValue.double($0.confidence) } ?? .null,
                ])
            )
        }
        group.get("reports/deflection") { request, context in try await self.deflection(request, context: context) }
    }

    func answer(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let body = try await RequestBody.json(request, limit: Self.bodyLimit)
        guard case .object = body else { throw ProblemDetails.validation(field: "(body)", "must be an object with a question") }
        guard case .string(let question)? = body["question"] else {
            throw ProblemDetails.validation(field: "question", "is required and must be a string")
        }
        func optionalString(_ key: String, max: Int = 254) throws -> String? {
            switch body[key] {
            case nil, .null?: return nil
            case .string(let text)? where text.count <= max: return text.isEmpty ? nil : text
            default: throw ProblemDetails.validation(field: key, "must be a string of at most \(max) characters")
            }
        }
        let now = environment.clock.now()
        let bot = try await environment.knowledge.bot(for: shop, store: store, now: now)
        let locale = try optionalString("locale", max: 35) ?? bot.facts.defaultLocale
        let email = try optionalString("customer_email")
        let orderNumber = try optionalString("order_number", max: 40)
        let conversationID = try optionalString("conversation_id", max: 100)

        var cart: Cart?
        if let token = try optionalString("cart_token", max: 200) { cart = try await store.cart(shopID: shop.id, token: token) }
        var customerID = cart?.customerID
        if let email, customerID == nil { customerID = try await store.customer(shopID: shop.id, email: email.lowercased())?.id }

        var order = OrderContext.none
        if let orderNumber, let email {
            let key = "\(context.remoteAddress ?? "unknown")|\(OrderVerifier.normalizedEmail(email))"
            guard await environment.orderLookupLimiter.allow(key: key, now: now) else { throw HelpRoutes.tooManyLookups }
            order = try await OrderLookup(store: store).verify(shopID: shop.id, number: orderNumber, email: email)
        }
        let history = try await store.botIncentiveHistory(shopID: shop.id, customerID: customerID, anonymousID: cart?.anonymousID)
        var botRequest = BotRequest(
            question: question,
            locale: locale,
            now: now,
            shopperCountry: try optionalString("country", max: 2)?.uppercased(),
            cart: cart.map(KnowledgeMapping.cart),
            productID: try optionalString("product_id", max: 200),
            incentiveHistory: IncentiveHistory(offersReceived: history.offers, codesRedeemed: history.redeemed),
            order: order,
            failedVerifications: order == .verificationFailed ? 1 : 0
        )
        var decision = await respond(bot, botRequest)
        var offer: (offer: IncentiveOffer, code: String)?
        if case .incentive(let reply) = decision {
            let recorded = try await recordOffer(reply.offer, rules: bot.facts.incentives, shop: shop, cart: cart, customerID: customerID, now: now)
            if let recorded {
                offer = (reply.offer, recorded)
            } else {
                // Someone else's request for this customer got the one offer first: answer as for a second objection.
                botRequest.incentiveHistory.offersReceived += 1
                decision = await respond(bot, botRequest)
            }
        }
        if let conversationID { try await record(decision, conversationID: conversationID, shop: shop, now: now) }
        context.logger.info(
            "bot answered",
            metadata: [
                "rebound.bot.decision": .string(decision.kind.rawValue), "rebound.bot.intent": .string(decision.intent?.rawValue ?? "-"),
                "rebound.bot.reasons": .string(decision.reasons.map(\.code.rawValue).joined(separator: ",")),
            ]
        )
        return JSONResponse(dto(decision, offer: offer, shop: shop))
    }

    func respond(_ bot: ShopBot, _ request: BotRequest) async -> BotDecision {
        let phraser = bot.facts.llm.map { ChatCompletionPhraser(settings: $0) }
        let timeout = Duration.milliseconds(bot.facts.llm?.timeoutMilliseconds ?? 4_000)
        return await bot.bot.respond(to: request, phraser: phraser, timeout: timeout, clock: environment.timeoutClock)
    }

    /// Records an offer as `bot_incentive_offered` (and a code issued for it); returns the code to show, or nil
    /// when a once-per-customer offer was already recorded for this customer or cart.
    func recordOffer(_ offer: IncentiveOffer, rules: IncentiveRules?, shop: Shop, cart: Cart?, customerID: Customer.ID?, now: Date) async throws
        -> String?
    {
        let issued = offer.code == nil
        let code =
            offer.code ?? "BOT-"
            + RandomToken.make(byteCount: 6).uppercased().replacingOccurrences(of: "_", with: "X").replacingOccurrences(
                of: "-",
                with: "Y"
            )
        let holder =
            customerID.map { "customer:\($0.rawValue)" } ?? cart?.anonymousID.map { "visitor:\($0)" } ?? cart.map { "cart:\($0.id.rawValue)" }
        // Once per customer is enforced by the event id: a second offer to the same holder cannot be stored.
        let id =
            rules?.oncePerCustomer != false && holder != nil ? "bot_incentive:\(holder!)" : "bot_incentive:\(RandomToken.make(byteCount: 12))"
        let event = Event(
            id: Event.ID(id),
            type: Store.botIncentiveOffered,
            anonymousID: cart?.anonymousID,
            occurredAt: now,
            properties: [
                "code": .string(code), "percent": .int(Int64(offer.percent)), "cart_id": DTO.string(cart?.id.rawValue),
                "cart_token": DTO.string(cart?.token), "expires_at": DTO.time(offer.expiresAt),
                "minimum_cart_value": offer.minimumCartValue.map { .int($0.minorUnits) } ?? .null,
            ]
        )
        let record =
            issued
            ? DiscountCodeRecord(
                code: code,
                kind: "percent",
                value: Int64(offer.percent),
                minimumCart: offer.minimumCartValue?.minorUnits,
                expiresAt: offer.expiresAt,
                customerID: customerID,
                messageKey: "bot:" + id,
                runID: nil,
                flowID: "bot"
            ) : nil
        let stored = try await store.recordBotIncentive(event, customerID: customerID, code: record, shopID: shop.id, now: now)
        return stored ? code : nil
    }

    /// Appends the bot's reply to the conversation and tags it with the intent when it has none yet.
    func record(_ decision: BotDecision, conversationID: String, shop: Shop, now: Date) async throws {
        guard let conversation = try await store.conversation(shopID: shop.id, id: conversationID) else {
            throw ProblemDetails.validation(field: "conversation_id", "no conversation \(conversationID)")
        }
        let stored = try await store.appendConversationMessage(
            shopID: shop.id,
            to: .existing(id: conversation.id),
            author: "bot",
            authorName: nil,
            body: decision.text,
            now: now
        )
        if stored.isNew {
            // A shopper following the conversation and the agents' open inboxes see the answer, in every process.
            let frame = ServerFrame.message(stored.message, conversationID: conversation.id)
            await environment.chatHub.publish(shopID: shop.id, conversationID: conversation.id, frame: frame)
        }
        if conversation.intent == nil, let intent = decision.intent {
            try await store.setConversationIntent(shopID: shop.id, conversationID: conversation.id, intent: intent.rawValue)
        }
    }

    func dto(_ decision: BotDecision, offer: (offer: IncentiveOffer, code: String)?, shop: Shop) -> JSONValue {
        var confidence = 0.0
        var handoff: JSONValue = .null
        var verification: JSONValue = .null
        switch decision {
        case .answer(let a): confidence = a.confidence
        case .incentive: confidence = 1
        case .askForVerification(let v):
            confidence = 1
            let base = environment.publicURL ?? ""
            verification = .object([
                "order_number": DTO.string(v.claim.orderNumber), "email": DTO.string(v.claim.email),
                "portal_url": .string(base + HelpPaths(shop: shop.id.rawValue).orders),
            ])
        case .handoff(let h):
            confidence = h.confidence
            handoff = .object(["summary": .string(h.agentSummary), "cart": h.cart.map { .string($0.summary(h.language)) } ?? .null])
        case .clarify: confidence = 0
        }
        return .object([
            "kind": .string(decision.kind.rawValue),
            "text": .string(decision.text),
            "intent": DTO.string(decision.intent?.rawValue),
            "confidence": .double((confidence * 1000).rounded() / 1000),
            "sources": .array(
                decision.sources.map { source in
                    .object([
                        "kind": .string(source.kind.rawValue), "title": .string(source.title), "url": DTO.string(source.url),
                        "article_id": DTO.string(source.articleID?.rawValue),
                    ])
                }
            ),
            "reasons": .array(decision.reasons.map { .object(["code": .string($0.code.rawValue), "detail": DTO.string($0.detail)]) }),
            "offer": offer.map { o in
                JSONValue.object([
                    "percent": .int(Int64(o.offer.percent)), "code": .string(o.code), "expires_at": DTO.time(o.offer.expiresAt),
                    "minimum_cart_value": o.offer.minimumCartValue.map { .int($0.minorUnits) } ?? .null,
                ])
            } ?? .null,
            "verification": verification,
            "handoff": handoff,
        ])
    }

    func deflection(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let query = Query(request)
        let now = environment.clock.now()
        let to = try query.date("to") ?? now
        let from = try query.date("from") ?? to.addingTimeInterval(-30 * 86_400)
        guard from < to else { throw ProblemDetails.badQuery("from", "must be before to") }
        let rows = try await store.deflection(shopID: shop.id, from: from, to: to, now: now)
        func rowDTO(_ row: DeflectionRow) -> JSONValue {
            .object([
                "intent": row.intent.isEmpty ? .null : .string(row.intent), "resolved": .int(Int64(row.resolved)),
                "deflected": .int(Int64(row.deflected)), "pending": .int(Int64(row.pending)),
                "deflection_rate": row.rate.map { .double(($0 * 10_000).rounded() / 10_000) } ?? .null,
            ])
        }
        let total = rows.reduce(DeflectionRow(intent: "", resolved: 0, deflected: 0, pending: 0)) {
            DeflectionRow(intent: "", resolved: $0.resolved + $1.resolved, deflected: $0.deflected + $1.deflected, pending: $0.pending + $1.pending)
        }
        guard case .object(var totalObject) = rowDTO(total) else { throw ProblemDetails.internalError }
        totalObject["intent"] = nil
        return JSONResponse(
            .object([
                "from": DTO.time(from), "to": DTO.time(to), "quiet_hours": .int(Int64(Store.deflectionQuietPeriod / 3_600)),
                "total": .object(totalObject), "intents": .array(rows.map(rowDTO)),
            ])
        )
    }
}

/// Tags conversations with the intent of their first shopper message, for routing and reports.
struct ConversationClassifier {
    let environment: APIEnvironment

    /// Classifies and stores the intent; with `overwrite` false a tagged conversation is left alone.
    func classify(shop: Shop, conversationID: String, overwrite: Bool) async throws -> (intent: String?, confidence: Double)? {
        let store = environment.store
        if !overwrite, let conversation = try await store.conversation(shopID: shop.id, id: conversationID), conversation.intent != nil { return nil }
        guard let message = try await store.firstShopperMessage(shopID: shop.id, conversationID: conversationID) else { return nil }
        let now = environment.clock.now()
        let bot = try await environment.knowledge.bot(for: shop, store: store, now: now)
        // The model alone when the shop trained one; else what the bot's rules recognise. Never the language model.
        var intent: String?
        var confidence = 0.0
        if let model = bot.bot.intentModel {
            let prediction = model.predict(message.body)
            intent = prediction.candidate?.rawValue
            confidence = prediction.probability
        } else {
            let decision = bot.bot.decide(BotRequest(question: message.body, locale: bot.facts.defaultLocale, now: now))
            intent = decision.intent?.rawValue
            confidence = decision.intent == nil ? 0 : 1
        }
        try await store.setConversationIntent(shopID: shop.id, conversationID: conversationID, intent: intent)
        return (intent, (confidence * 1000).rounded() / 1000)
    }

    /// For inbound email and SMS: tags a new conversation, logging instead of failing the delivery on a problem.
    func tagNew(shop: Shop, conversation: Conversation, logger: Logger) async {
        guard conversation.intent == nil else { return }
        do {
            _ = try await classify(shop: shop, conversationID: conversation.id, overwrite: false)
        } catch {
            logger.warning(
                "conversation not classified",
                metadata: ["rebound.conversation.id": .string(conversation.id), "rebound.error": .string(String(describing: error))]
            )
        }
    }
}
