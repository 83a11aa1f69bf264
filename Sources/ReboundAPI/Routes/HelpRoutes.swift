import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReboundAnswers
import ReboundChannels
import ReboundCore
import ReboundStore

/// The public help centre and self-service portal under `/help/{shop}`: articles by section, one article,
/// search; order lookup (number + email, rate-limited per client and email), order status with tracking
/// links, return requests within the policy, printable invoice.
///
/// The portal keeps no session: forms carry a signed, expiring CSRF token, and once an order is verified its
/// links carry a signed order token (`?t=`). Pages are rendered by ``HelpPages`` and ``PortalPages``, which
/// escape every value, and are served with a Content-Security-Policy that allows no script at all.
struct HelpRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    /// How long a form may be filled in.
    static let formLifetime: TimeInterval = 2 * 3_600
    /// How long a verified order's links work.
    static let orderLinkLifetime: TimeInterval = 7 * 86_400

    static let contentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    static let tooManyLookups = ProblemDetails(
        .tooManyRequests,
        type: "rate-limited",
        title: "Too many order checks",
        detail: "Please wait a few minutes before trying again.",
        headers: [.retryAfter: "180"]
    )

    func add(to router: Router<ReboundRequestContext>) {
        router.get("help/:shop") { request, context in
            let page = try await self.page(request, context)
            return Self.html(HelpPages.index(HelpCenterView(knowledge: page.bot.knowledge, locale: page.locale, paths: page.paths)))
        }
        router.get("help/:shop/articles/:id") { request, context in
            let page = try await self.page(request, context)
            let id = try context.parameters.require("id")
            guard let view = HelpArticleView(knowledge: page.bot.knowledge, id: KnowledgeDocument.ID(id), locale: page.locale, paths: page.paths)
            else {
                throw ProblemDetails.notFound("article \(id)")
            }
            return Self.html(HelpPages.article(view))
        }
        router.get("help/:shop/search") { request, context in
            let page = try await self.page(request, context)
            let query = Query(request).string("q") ?? ""
            return Self.html(HelpPages.search(HelpSearchView(knowledge: page.bot.knowledge, query: query, locale: page.locale, paths: page.paths)))
        }
        router.get("help/:shop/orders") { request, context in
            let page = try await self.page(request, context)
            return Self.html(
                PortalPages.lookup(OrderLookupView(shop: page.shop, locale: page.locale, paths: page.paths, csrfToken: page.csrf("lookup")))
            )
        }
        router.post("help/:shop/orders") { request, context in try await self.lookup(request, context) }
        router.get("help/:shop/orders/:number") { request, context in
            let (page, order) = try await self.verifiedOrder(request, context)
            return Self.html(
                PortalPages.orderStatus(
                    OrderStatusView(
                        shop: page.shop,
                        locale: page.locale,
                        paths: page.paths,
                        order: order.record,
                        returnPolicy: page.bot.facts.returns,
                        now: page.now
                    )
                )
            )
        }
        router.get("help/:shop/orders/:number/return") { request, context in
            let (page, order) = try await self.verifiedOrder(request, context)
            guard let policy = page.bot.facts.returns else { throw ProblemDetails.notFound("a return policy") }
            let view = ReturnFormView(
                shop: page.shop,
                locale: page.locale,
                paths: page.paths,
                order: order.record,
                policy: policy,
                now: page.now,
                csrfToken: page.csrf("return:" + OrderVerifier.normalizedNumber(order.record.number))
            )
            return Self.html(PortalPages.returnForm(view))
        }
        router.post("help/:shop/orders/:number/return") { request, context in try await self.requestReturn(request, context) }
        router.get("help/:shop/orders/:number/invoice") { request, context in
            let (page, order) = try await self.verifiedOrder(request, context)
            let facts = page.bot.facts
            let seller =
                facts.seller
                ?? SellerDetails(
                    name: facts.trust?.legalName ?? page.shop.name,
                    addressLines: facts.trust?.address.map { $0.components(separatedBy: ", ") } ?? [],
                    email: facts.trust?.contactEmail
                )
            let number = OrderVerifier.normalizedNumber(order.record.number)
            let view = InvoiceView(
                shop: page.shop,
                locale: page.locale,
                paths: page.paths,
                seller: seller,
                invoiceNumber: "INV-" + number,
                issuedAt: order.record.placedAt,
                order: order.record
            )
            return Self.html(PortalPages.invoice(view))
        }
    }

    /// What every page needs: the shop's bot, the locale, the paths and the time.
    struct Page {
        let shop: ShopProfile
        let bot: ShopBot
        let locale: String
        var paths: HelpPaths
        let now: Date

        var tokens: FormToken { FormToken(secret: bot.formSecret) }

        func csrf(_ form: String) -> String {
            tokens.make(purpose: "csrf:" + form, subject: shop.id, expires: now.addingTimeInterval(HelpRoutes.formLifetime))
        }

        func checkCSRF(_ token: String?, form: String) throws {
            guard tokens.verify(token, purpose: "csrf:" + form, subject: shop.id, now: now) else {
                throw ProblemDetails(
                    .forbidden,
                    type: "csrf",
                    title: "The form has expired",
                    detail: "Reload the page and send the form again."
                )
            }
        }
    }

    func page(_ request: Request, _ context: ReboundRequestContext) async throws -> Page {
        let shopID = try context.parameters.require("shop")
        guard let shop = try await store.shop(id: Shop.ID(shopID)) else { throw ProblemDetails.notFound("shop \(shopID)") }
        let now = environment.clock.now()
        let bot = try await environment.knowledge.bot(for: shop, store: store, now: now)
        let locale = Query(request).string("locale").flatMap { $0.count <= 35 ? $0 : nil } ?? Self.acceptedLocale(request) ?? bot.facts.defaultLocale
        return Page(shop: bot.knowledge.shop, bot: bot, locale: locale, paths: HelpPaths(shop: shop.id.rawValue), now: now)
    }

    /// The first language of `Accept-Language` that the shop could have articles in (`de-AT,de;q=0.9` → `de-AT`).
    static func acceptedLocale(_ request: Request) -> String? {
        guard let header = request.headers[.acceptLanguage] else { return nil }
        let first = header.split(separator: ",").first?.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let first, !first.isEmpty, first != "*", first.count <= 35 else { return nil }
        return first
    }

    static func form(_ request: Request) async throws -> [String: String] {
        let bytes = try await RequestBody.bytes(request, limit: 64 * 1024)
        var fields: [String: String] = [:]
        for (key, value) in FormEncoding.decode(String(decoding: bytes, as: UTF8.self)) where fields[key] == nil { fields[key] = value }
        return fields
    }

    func lookup(_ request: Request, _ context: ReboundRequestContext) async throws -> Response {
        var page = try await self.page(request, context)
        let form = try await Self.form(request)
        try page.checkCSRF(form["csrf_token"], form: "lookup")
        let number = String((form["order_number"] ?? "").prefix(40))
        let email = String((form["email"] ?? "").prefix(254))
        let key = "\(context.remoteAddress ?? "unknown")|\(OrderVerifier.normalizedEmail(email))"
        guard await environment.orderLookupLimiter.allow(key: key, now: page.now) else { throw Self.tooManyLookups }
        let lookup = OrderLookup(store: store)
        guard case .verified(let record) = try await lookup.verify(shopID: Shop.ID(page.shop.id), number: number, email: email) else {
            // The same page whether the number or the email was wrong.
            let view = OrderLookupView(
                shop: page.shop,
                locale: page.locale,
                paths: page.paths,
                orderNumber: number,
                email: email,
                failed: true,
                csrfToken: page.csrf("lookup")
            )
            return Self.html(PortalPages.lookup(view), status: .ok)
        }
        page.paths.orderToken = orderToken(page, number: record.number)
        let view = OrderStatusView(
            shop: page.shop,
            locale: page.locale,
            paths: page.paths,
            order: record,
            returnPolicy: page.bot.facts.returns,
            now: page.now
        )
        return Self.html(PortalPages.orderStatus(view))
    }

    func orderToken(_ page: Page, number: String) -> String {
        page.tokens.make(
            purpose: "order",
            subject: OrderVerifier.normalizedNumber(number),
            expires: page.now.addingTimeInterval(Self.orderLinkLifetime)
        )
    }

    /// The order a signed link names; 404 for a missing, wrong or expired token, as for an unknown order.
    func verifiedOrder(_ request: Request, _ context: ReboundRequestContext) async throws -> (Page, (order: Order, record: OrderRecord)) {
        var page = try await self.page(request, context)
        let number = OrderVerifier.normalizedNumber(try context.parameters.require("number"))
        let token = Query(request).string("t")
        guard page.tokens.verify(token, purpose: "order", subject: number, now: page.now),
            let order = try await OrderLookup(store: store).order(shopID: Shop.ID(page.shop.id), normalizedNumber: number)
        else { throw ProblemDetails.notFound("order \(number) (open it from the order lookup again)") }
        page.paths.orderToken = token
        return (page, order)
    }

    func requestReturn(_ request: Request, _ context: ReboundRequestContext) async throws -> Response {
        let (page, order) = try await verifiedOrder(request, context)
        guard let policy = page.bot.facts.returns else { throw ProblemDetails.notFound("a return policy") }
        let number = OrderVerifier.normalizedNumber(order.record.number)
        let form = try await Self.form(request)
        try page.checkCSRF(form["csrf_token"], form: "return:" + number)
        let returnRequest: ReturnRequest
        switch ReturnRequest.validate(form: form, order: order.record, policy: policy, now: page.now) {
        case .failure(let problems):
            let view = ReturnFormView(
                shop: page.shop,
                locale: page.locale,
                paths: page.paths,
                order: order.record,
                policy: policy,
                now: page.now,
                form: form.filter { $0.key != "csrf_token" },
                problems: problems.problems,
                csrfToken: page.csrf("return:" + number)
            )
            return Self.html(PortalPages.returnForm(view), status: .unprocessableContent)
        case .success(let valid):
            returnRequest = valid
        }
        let shopID = Shop.ID(page.shop.id)
        let lines = returnRequest.items.map { item -> String in
            let title = order.record.lines.first { $0.id == item.lineID }?.title ?? item.lineID
            return "\(item.quantity) × \(title)"
        }
        var text = "Return request for order \(order.record.number): " + lines.joined(separator: ", ")
        text += "\nReason: \(returnRequest.reason.rawValue); wants: \(returnRequest.resolution.rawValue)"
        if let comment = returnRequest.comment { text += "\nComment: \(comment)" }
        let stored = try await store.appendConversationMessage(
            shopID: shopID,
            to: .find(
                channel: "portal",
                customerID: order.order.customerID,
                visitorID: nil,
                externalThread: "return:" + number,
                subject: "Return · order \(order.record.number)",
                cartID: nil
            ),
            author: "shopper",
            authorName: order.record.email,
            body: text,
            now: page.now
        )
        if stored.conversation.intent == nil {
            try await store.setConversationIntent(shopID: shopID, conversationID: stored.conversation.id, intent: "return_request")
        }
        if stored.isNew { await InboxFeed.arrived(environment, shopID: shopID, conversationID: stored.conversation.id, message: stored.message) }
        let event = Event(
            id: Event.ID("return_requested:\(stored.message.id)"),
            type: "return_requested",
            occurredAt: page.now,
            properties: [
                "order_id": .string(order.order.externalID), "order_number": .string(order.record.number),
                "conversation_id": .string(stored.conversation.id), "reason": .string(returnRequest.reason.rawValue),
                "resolution": .string(returnRequest.resolution.rawValue),
                "items": .array(returnRequest.items.map { .object(["line": .string($0.lineID), "quantity": .int(Int64($0.quantity))]) }),
            ]
        )
        try await store.appendSystemEvents([(event, order.order.customerID)], shopID: shopID, now: page.now)
        let german = TextLanguage(localeIdentifier: page.locale) == .german
        let html = PortalPages.message(
            shop: page.shop,
            locale: page.locale,
            paths: page.paths,
            title: german ? "Rücksendung angemeldet" : "Return request received",
            text: german
                ? "Danke! Wir melden uns per E-Mail mit den nächsten Schritten für Bestellung \(order.record.number)."
                : "Thank you! We will email you the next steps for order \(order.record.number).",
            links: [HelpArticleLink(title: german ? "Zur Bestellung" : "Back to the order", url: page.paths.order(order.record.number), excerpt: "")]
        )
        return Self.html(html, status: .created)
    }

    /// An HTML page with the portal's security headers.
    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8", .contentSecurityPolicy: contentSecurityPolicy, .xContentTypeOptions: "nosniff",
                // Order links carry a token: never send it on to another site.
                HTTPField.Name("Referrer-Policy")!: "no-referrer", .cacheControl: "no-store",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
