import Foundation
import HTTPTypes
import Hummingbird
import ReboundCore
import ReboundStore

/// Recommendations: the storefront's `GET /v1/recommendations` (public key), and with an API key the shop's
/// settings, add-on rules, the learned rules and the report.
struct RecommendationRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }
    static let placements = RecsSettings.placements

    func add(to router: Router<ReboundRequestContext>, v1: RouterGroup<ReboundRequestContext>) {
        router.get("v1/recommendations") { request, _ in try await self.recommendations(request) }
        OfferRoutes(environment: environment).add(to: router)
        v1.get("recommendations/settings") { _, context in
            JSONResponse(Self.settingsJSON(try await store.recsSettings(shopID: try context.requireShop().id)))
        }
        v1.put("recommendations/settings") { request, context in try await self.saveSettings(request, context: context) }
        v1.get("recommendations/model") { request, context in
            let shop = try context.requireShop()
            let state = try await store.recsModelState(shopID: shop.id)
            let rules = try await store.recsAllRules(shopID: shop.id, limit: try Query(request).limit(default: 50, max: 1000))
            return JSONResponse(
                .object([
                    "baskets": .int(state.baskets), "products": .int(state.products), "pairs": .int(state.pairs), "rules": .int(state.rules),
                    "built_at": DTO.time(state.builtAt), "refreshed_at": DTO.time(state.refreshedAt),
                    "top_rules": .array(rules.map(Self.ruleJSON)),
                ])
            )
        }
        v1.get("recommendations/rules") { _, context in
            let rules = try await store.recsAddonRules(shopID: try context.requireShop().id)
            return JSONResponse(DTO.list(rules.map(Self.addonJSON), nextCursor: nil))
        }
        v1.post("recommendations/rules") { request, context in try await self.saveRule(request, context: context, id: nil) }
        v1.put("recommendations/rules/:id") { request, context in
            try await self.saveRule(request, context: context, id: try context.parameters.require("id"))
        }
        v1.delete("recommendations/rules/:id") { _, context in
            let id = try context.parameters.require("id")
            guard try await store.deleteRecsAddonRule(id: id, shopID: try context.requireShop().id) else {
                throw ProblemDetails.notFound("rule \(id)")
            }
            return Response(status: .noContent)
        }
        v1.get("reports/recommendations") { request, context in
            try await RecommendationReport.response(request, shop: try context.requireShop(), environment: environment)
        }
    }

    // MARK: The storefront

    func recommendations(_ request: Request) async throws -> JSONResponse {
        let (shop, origin) = try await WidgetRoutes(environment: environment).shop(request)
        let query = Query(request)
        let placement = query.string("placement") ?? "free_shipping"
        guard Self.placements.contains(placement) else {
            throw ProblemDetails.badQuery("placement", "supported: \(Self.placements.joined(separator: ", "))")
        }
        let now = environment.clock.now()
        let settings = try await store.recsSettings(shopID: shop.id)
        let visitor = query.string("visitor").map { String($0.prefix(100)) }
        let customerParam = query.string("customer")
        let holdout = Recommender.inHoldout(placement: placement, subject: visitor ?? customerParam, percent: settings.holdout(for: placement))
        if placement == "free_shipping" { return try await freeShipping(request, shop: shop, origin: origin, holdout: holdout, visitor: visitor) }

        let limit = try query.limit(default: 4, max: 20)
        var anchors: [String: Double] = [:]
        var excluded = Set<String>()
        var lines: [CartLine] = []
        var ignored: [String] = []
        var basis: String
        var customerID: Customer.ID?
        if let product = query.string("product") {
            guard try await store.recsCatalog(shopID: shop.id, ids: [product])[product] != nil else {
                throw ProblemDetails.notFound("product \(product)")
            }
            anchors[product] = 1
            basis = "product"
        } else if let cartRef = query.string("cart") {
            var found = try await store.cart(shopID: shop.id, token: cartRef)
            if found == nil { found = try await store.cart(shopID: shop.id, id: Cart.ID(cartRef)) }
            guard let cart = found else { throw ProblemDetails.notFound("cart \(cartRef)") }
            lines = cart.lines
            customerID = cart.customerID
            basis = "cart"
            let known = try await store.recsCatalog(shopID: shop.id, ids: cart.lines.map(\.productID))
            for line in cart.lines {
                excluded.insert(line.productID)
                // Deleted or unknown products still say what the shopper wanted, as far as history knows them.
                if known[line.productID] == nil || known[line.productID]?.status == "deleted" { ignored.append(line.productID) }
                anchors[line.productID, default: 0] += 1
            }
        } else if let products = query.string("products") {
            let ids = products.split(separator: ",").map { String($0.prefix(200)) }.prefix(100)
            let known = try await store.recsCatalog(shopID: shop.id, ids: Array(ids))
            for id in ids {
                excluded.insert(id)
                if known[id] == nil { ignored.append(id) }
                anchors[id] = 1
            }
            basis = "cart"
        } else if let customer = customerParam {
            guard try await store.customer(shopID: shop.id, id: Customer.ID(customer)) != nil else {
                throw ProblemDetails.notFound("customer \(customer)")
            }
            customerID = Customer.ID(customer)
            anchors = try await Recommender(store: store).purchaseAnchors(shopID: shop.id, customerID: Customer.ID(customer), now: now)
            basis = "purchase_history"
        } else {
            throw ProblemDetails.badQuery("product", "give product, cart, products or customer")
        }

        var body: [String: JSONValue] = [
            "placement": .string(placement), "basis": .string(basis), "holdout": .bool(holdout),
            "ignored_products": .array(ignored.map(JSONValue.string)),
        ]
        if holdout {
            body["items"] = []
            body["source"] = .null
            try await store.appendRecsEvents(
                Recommender.exposureEvents(placement: placement, items: nil, visitor: visitor, currency: shop.currency.rawValue, now: now),
                customerID: customerID,
                shopID: shop.id,
                now: now
            )
            return WidgetRoutes.cors(JSONResponse(.object(body)), origin)
        }
        let result = try await Recommender(store: store).recommend(
            shopID: shop.id,
            .init(anchors: anchors, excluded: excluded, cartLines: lines, placement: placement, limit: limit)
        )
        body["items"] = .array(result.items.map { Recommender.json($0, currency: shop.currency.rawValue) })
        body["source"] = .string(result.source)
        if basis == "purchase_history" { body["heading"] = "Based on what you bought" }
        if visitor != nil || customerID != nil {
            try await store.appendRecsEvents(
                Recommender.exposureEvents(placement: placement, items: result.items, visitor: visitor, currency: shop.currency.rawValue, now: now),
                customerID: customerID,
                shopID: shop.id,
                now: now
            )
        }
        return WidgetRoutes.cors(JSONResponse(.object(body)), origin)
    }

    /// The product that closes the free-shipping gap (in stock, not in the cart, cheapest at or above the gap).
    func freeShipping(_ request: Request, shop: Shop, origin: String?, holdout: Bool, visitor: String?) async throws -> JSONResponse {
        let query = Query(request)
        guard let threshold = shop.settings.freeShippingThreshold else {
            return WidgetRoutes.cors(JSONResponse(.object(["items": [], "holdout": .bool(holdout)])), origin)
        }
        let total = try query.int("cart_total") ?? 0
        let inCart = Set((query.string("products") ?? "").split(separator: ",").map(String.init))
        guard total < threshold else { return WidgetRoutes.cors(JSONResponse(.object(["items": [], "gap": 0, "holdout": .bool(holdout)])), origin) }
        let now = environment.clock.now()
        if holdout {
            try await store.appendRecsEvents(
                Recommender.exposureEvents(placement: "free_shipping", items: nil, visitor: visitor, currency: shop.currency.rawValue, now: now),
                customerID: nil,
                shopID: shop.id,
                now: now
            )
            return WidgetRoutes.cors(JSONResponse(.object(["items": [], "gap": .int(threshold - total), "holdout": true])), origin)
        }
        let fillers = try await store.gapFillers(shopID: shop.id, gap: threshold - total, excluding: inCart, limit: 3)
        let items: [JSONValue] = fillers.map { item in
            .object([
                "product_id": .string(item.id), "title": .string(item.title), "price": .int(item.price),
                "url": item.url.map(JSONValue.string) ?? .null, "image_url": item.imageURL.map(JSONValue.string) ?? .null,
                "reason": "free_shipping",
            ])
        }
        if let visitor, !fillers.isEmpty {
            let events = fillers.enumerated().map { position, item in
                Event(
                    id: Event.ID.random(prefix: "rec"),
                    type: "recommendation_shown",
                    anonymousID: visitor,
                    occurredAt: now,
                    properties: [
                        "placement": "free_shipping", "product_id": .string(item.id), "position": .int(Int64(position)), "price": .int(item.price),
                    ]
                )
            }
            try await store.appendRecsEvents(events, customerID: nil, shopID: shop.id, now: now)
        }
        return WidgetRoutes.cors(
            JSONResponse(.object(["items": .array(items), "gap": .int(threshold - total), "holdout": false, "source": "rules"])),
            origin
        )
    }

    // MARK: Settings and rules

    func saveSettings(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        guard case .object(let body) = try await RequestBody.json(request, limit: 16 * 1024) else {
            throw ProblemDetails.malformedJSON("the body must be an object")
        }
        var settings = try await store.recsSettings(shopID: shop.id)
        var errors: [ProblemDetails.FieldError] = []
        if let value = body["min_support"] {
            if let number = value.doubleValue, number.isFinite, number > 0, number <= 1 {
                settings.minSupport = number
            } else {
                errors.append(.init(field: "min_support", detail: "must be a number greater than 0 and at most 1"))
            }
        }
        if let value = body["min_confidence"] {
            if let number = value.doubleValue, number.isFinite, number >= 0, number <= 1 {
                settings.minConfidence = number
            } else {
                errors.append(.init(field: "min_confidence", detail: "must be a number from 0 to 1"))
            }
        }
        if let value = body["holdout_percent"] {
            for (placement, share) in value.objectValue ?? [:] {
                guard Self.placements.contains(placement) else {
                    errors.append(.init(field: "holdout_percent.\(placement)", detail: "unknown placement"))
                    continue
                }
                if let percent = share.int64Value, (0...90).contains(percent) {
                    settings.holdoutPercent[placement] = Int(percent)
                } else {
                    errors.append(.init(field: "holdout_percent.\(placement)", detail: "must be a whole number from 0 to 90"))
                }
            }
            if value.objectValue == nil { errors.append(.init(field: "holdout_percent", detail: "must be an object of placement → percent")) }
        }
        if let value = body["allow_upgrades"] {
            if let flag = value.boolValue {
                settings.allowUpgrades = flag
            } else {
                errors.append(.init(field: "allow_upgrades", detail: "must be true or false"))
            }
        }
        if let value = body["offer_minutes"] {
            if let minutes = value.int64Value, (1...1440).contains(minutes) {
                settings.offerMinutes = Int(minutes)
            } else {
                errors.append(.init(field: "offer_minutes", detail: "must be a whole number from 1 to 1440"))
            }
        }
        if let value = body["offer_discount_percent"] {
            if let percent = value.int64Value, (0...90).contains(percent) {
                settings.offerDiscountPercent = Int(percent)
            } else {
                errors.append(.init(field: "offer_discount_percent", detail: "must be a whole number from 0 to 90"))
            }
        }
        guard errors.isEmpty else {
            throw ProblemDetails(
                .badRequest,
                type: "out-of-range",
                title: "A setting is out of range",
                detail: errors.map { "\($0.field): \($0.detail)" }.joined(separator: "; "),
                errors: errors
            )
        }
        try await store.saveRecsSettings(settings, shopID: shop.id, now: environment.clock.now())
        return JSONResponse(Self.settingsJSON(settings))
    }

    func saveRule(_ request: Request, context: ReboundRequestContext, id: String?) async throws -> JSONResponse {
        let shop = try context.requireShop()
        guard case .object(let body) = try await RequestBody.json(request, limit: 16 * 1024) else {
            throw ProblemDetails.malformedJSON("the body must be an object")
        }
        var errors: [ProblemDetails.FieldError] = []
        let product = body["product_id"]?.stringValue
        let category = body["category"]?.stringValue
        if (product == nil) == (category == nil) { errors.append(.init(field: "product_id", detail: "give product_id or category, not both")) }
        let addons = (body["addons"]?.arrayValue ?? []).compactMap(\.stringValue)
        if addons.isEmpty || addons.count > 10 { errors.append(.init(field: "addons", detail: "must list 1 to 10 product ids")) }
        let known = try await store.recsCatalog(shopID: shop.id, ids: addons + (product.map { [$0] } ?? []))
        for addon in addons where known[addon] == nil { errors.append(.init(field: "addons", detail: "unknown product \(addon)")) }
        if let product, known[product] == nil { errors.append(.init(field: "product_id", detail: "unknown product \(product)")) }
        guard errors.isEmpty else { throw ProblemDetails.validation(errors) }
        if let id, !(try await store.recsAddonRules(shopID: shop.id)).contains(where: { $0.id == id }) {
            throw ProblemDetails.notFound("rule \(id)")
        }
        let now = environment.clock.now()
        let rule = RecsAddonRule(
            id: id ?? Identifier<RecsAddonRule>.random(prefix: "addon").rawValue,
            triggerKind: product != nil ? "product" : "category",
            triggerValue: product ?? category ?? "",
            addons: addons,
            label: body["label"]?.stringValue.map { String($0.prefix(200)) },
            updatedAt: now
        )
        try await store.saveRecsAddonRule(rule, shopID: shop.id, now: now)
        return JSONResponse(Self.addonJSON(rule), status: id == nil ? .created : .ok)
    }

    static func settingsJSON(_ settings: RecsSettings) -> JSONValue {
        var holdout: [String: JSONValue] = [:]
        for placement in placements { holdout[placement] = .int(Int64(settings.holdout(for: placement))) }
        return .object([
            "min_support": .double(settings.minSupport), "min_confidence": .double(settings.minConfidence),
            "holdout_percent": .object(holdout), "allow_upgrades": .bool(settings.allowUpgrades),
            "offer_minutes": .int(Int64(settings.offerMinutes)), "offer_discount_percent": .int(Int64(settings.offerDiscountPercent)),
        ])
    }

    static func addonJSON(_ rule: RecsAddonRule) -> JSONValue {
        .object([
            "id": .string(rule.id), "product_id": rule.triggerKind == "product" ? .string(rule.triggerValue) : .null,
            "category": rule.triggerKind == "category" ? .string(rule.triggerValue) : .null,
            "addons": .array(rule.addons.map(JSONValue.string)), "label": DTO.string(rule.label), "updated_at": DTO.time(rule.updatedAt),
        ])
    }

    static func ruleJSON(_ rule: RecsRule) -> JSONValue {
        .object([
            "antecedent": .string(rule.antecedent), "consequent": .string(rule.consequent), "support": .double(rule.support),
            "confidence": .double(rule.confidence), "lift": .double(rule.lift), "pair_count": .int(rule.pairCount),
            "antecedent_count": .int(rule.antecedentCount), "consequent_count": .int(rule.consequentCount), "baskets": .int(rule.baskets),
        ])
    }
}
