import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// Recommendations: rules mined from real orders, thresholds, the storefront API with its bad inputs, holdouts,
/// add-on rules and upgrades.
@Suite struct RecommendationAPITests {
    static func refresh(_ app: TestApp) async throws -> Int {
        try await RecsRefreshWorker(
            store: app.store,
            wallClock: app.clock.wallClock,
            clock: ContinuousClock(),
            interval: .seconds(1),
            logger: app.store.logger
        )
        .runOnce(claim: false)
    }

    /// Holdouts off, so that test visitors always see recommendations.
    static func noHoldouts(_ app: TestApp) async throws {
        let off: JSONValue = ["product_page": 0, "cart": 0, "free_shipping": 0, "thank_you": 0, "email": 0]
        #expect(try await app.request(.put, "/v1/recommendations/settings", json: ["holdout_percent": off]).status == .ok)
    }

    static func rule(_ rules: [JSONValue], _ from: String, _ to: String) -> JSONValue? {
        rules.first { $0["antecedent"]?.stringValue == from && $0["consequent"]?.stringValue == to }
    }

    static func close(_ value: JSONValue?, _ expected: Double) -> Bool {
        guard let number = value?.doubleValue else { return false }
        return abs(number - expected) < 1e-9
    }

    @Test(arguments: TestEngine.available)
    func rulesFromARealSampleEqualHandComputedFigures(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await RetailSample.load(app, invoices: Array(RetailSample.invoices.prefix(9)))
            #expect(try await app.request(.put, "/v1/recommendations/settings", json: ["min_support": 0.15, "min_confidence": 0.5]).status == .ok)
            let summary = try await RecsModelBuilder.build(store: app.store, shopID: app.shop.id, now: app.clock.now)
            #expect(summary.orders == 9 && summary.baskets == 9 && summary.rules == 2)

            // N = 9: {22632, 22633} in 5 baskets, 22632 in 5, 22633 in 5 + 1 (536514).
            var model = try await app.request(.get, "/v1/recommendations/model").json
            var rules = model["top_rules"]?.arrayValue ?? []
            #expect(model["baskets"] == 9 && rules.count == 2)
            let forward = try #require(Self.rule(rules, "22632", "22633"))
            #expect(Self.close(forward["support"], 5.0 / 9) && Self.close(forward["confidence"], 1) && Self.close(forward["lift"], 9.0 * 5 / (5 * 6)))
            #expect(forward["pair_count"] == 5 && forward["antecedent_count"] == 5 && forward["consequent_count"] == 6)
            let backward = try #require(Self.rule(rules, "22633", "22632"))
            #expect(Self.close(backward["confidence"], 5.0 / 6) && Self.close(backward["lift"], 1.5))
            // {22865, 22866}: 1 of 9 baskets, under the 15 % support.
            #expect(Self.rule(rules, "22865", "22866") == nil)

            // 536534 arrives; the worker leaves it for 10 s (a transaction may still be open elsewhere), then counts it.
            try await RetailSample.load(app, invoices: ["536534"])
            #expect(try await Self.refresh(app) == 0)
            app.clock.advance(by: 11)
            #expect(try await Self.refresh(app) == 1)
            model = try await app.request(.get, "/v1/recommendations/model").json
            rules = model["top_rules"]?.arrayValue ?? []
            #expect(model["baskets"] == 10 && rules.count == 4)
            let owl = try #require(Self.rule(rules, "22865", "22866"))
            #expect(Self.close(owl["support"], 0.2) && Self.close(owl["confidence"], 1) && Self.close(owl["lift"], 10.0 * 2 / (2 * 2)))
            #expect(Self.close(Self.rule(rules, "22632", "22633")?["lift"], 10.0 * 5 / (5 * 6)))
            #expect(Self.close(Self.rule(rules, "22633", "22632")?["support"], 0.5))

            // The incremental counts equal a full recount of the same orders.
            let full = try await RecsModelBuilder.build(store: app.store, shopID: app.shop.id, now: app.clock.now)
            #expect(full.baskets == 10 && full.rules == 4)
            #expect(try await app.request(.get, "/v1/recommendations/model").json["top_rules"] == .array(rules))

            // Lower thresholds: support 10 % (one basket) and confidence 50 % → 22865 → 22633 (1 of 2) qualifies,
            // 22633 → 22865 (1 of 6) does not.
            #expect(try await app.request(.put, "/v1/recommendations/settings", json: ["min_support": 0.1, "min_confidence": 0.5]).status == .ok)
            rules = try await app.request(.get, "/v1/recommendations/model?limit=1000").json["top_rules"]?.arrayValue ?? []
            #expect(Self.close(Self.rule(rules, "22865", "22633")?["confidence"], 0.5))
            #expect(Self.close(Self.rule(rules, "22865", "22633")?["lift"], 10.0 * 1 / (2 * 6)))
            #expect(Self.rule(rules, "22633", "22865") == nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func thresholdsOutOfRangeAreRefused(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            for (body, field) in [
                (["min_support": 0] as JSONValue, "min_support"), (["min_support": 1.5], "min_support"), (["min_support": "often"], "min_support"),
                (["min_confidence": -0.1], "min_confidence"), (["min_confidence": 1.01], "min_confidence"),
                (["holdout_percent": ["cart": 95]], "holdout_percent.cart"), (["holdout_percent": ["checkout": 5]], "holdout_percent.checkout"),
                (["offer_minutes": 0], "offer_minutes"),
            ] {
                let response = try await app.request(.put, "/v1/recommendations/settings", json: body)
                #expect(response.status == .badRequest)
                let problem = try response.json
                #expect(problem["type"]?.stringValue?.hasSuffix("out-of-range") == true)
                #expect(problem["errors"]?.arrayValue?.first?["field"]?.stringValue == field)
            }
            // Nothing was saved.
            let settings = try await app.request(.get, "/v1/recommendations/settings").json
            #expect(settings["min_support"] == 0.001 && settings["min_confidence"] == 0.1 && settings["holdout_percent"]?["cart"] == 10)
        }
    }

    @Test(arguments: TestEngine.available)
    func productCartAndCustomerAnswersIncludingBadInput(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await RetailSample.load(app)
            try await Self.noHoldouts(app)
            _ = try await RecsModelBuilder.build(store: app.store, shopID: app.shop.id, now: app.clock.now)
            let key = app.shop.publicKey

            // Bought together first, then the hand warmers that sell best.
            var answer = try await app.request(.get, "/v1/recommendations?key=\(key)&product=22632&placement=product_page&visitor=v1").json
            #expect(answer["source"] == "rules" && answer["holdout"] == false)
            var items = answer["items"]?.arrayValue ?? []
            #expect(items.compactMap { $0["product_id"]?.stringValue } == ["22633", "22865", "22866", "22867"])
            #expect(items.first?["reason"] == "bought_together" && items.first?["confidence"]?.doubleValue == 1)
            #expect(items.dropFirst().allSatisfy { $0["reason"] == "category_best_seller" })

            // Out of stock is never offered.
            try await app.store.saveProducts(
                [RetailSample.product("22633", "HAND WARMER UNION JACK", price: 185, stock: 0, now: app.clock.now)],
                shopID: app.shop.id
            )
            items = try await app.request(.get, "/v1/recommendations?key=\(key)&product=22632&placement=product_page").json["items"]?.arrayValue ?? []
            #expect(!items.contains { $0["product_id"] == "22633" })

            // A product with no history: a clear answer from the best sellers of its category, then of the shop.
            try await app.store.saveProducts(
                [RetailSample.product("22835", "HOT WATER BOTTLE I AM SO POORLY", price: 425, now: app.clock.now)],
                shopID: app.shop.id
            )
            answer = try await app.request(.get, "/v1/recommendations?key=\(key)&product=22835&placement=product_page").json
            #expect(answer["source"] == "fallback")
            items = answer["items"]?.arrayValue ?? []
            #expect(items.compactMap { $0["product_id"]?.stringValue } == ["22112", "22632", "22865", "22866"])
            #expect(items.first?["reason"] == "category_best_seller" && items.last?["reason"] == "best_seller")

            // An unknown product is a 404 problem.
            let unknown = try await app.request(.get, "/v1/recommendations?key=\(key)&product=nope&placement=product_page")
            #expect(unknown.status == .notFound && unknown.headers[.contentType] == "application/problem+json")
            #expect(try await app.request(.get, "/v1/recommendations?key=\(key)&product=22632&placement=sidebar").status == .badRequest)

            // A cart holding a deleted and an unknown product: still an answer, and they are named.
            try await app.store.saveProducts(
                [RetailSample.product("22867", "HAND WARMER BIRD DESIGN", price: 185, status: "deleted", now: app.clock.now)],
                shopID: app.shop.id
            )
            for (index, product) in ["22632", "22867", "99999"].enumerated() {
                try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("cart-\(index)", token: "c1", product: product, price: 185))
            }
            answer = try await app.request(.get, "/v1/recommendations?key=\(key)&cart=c1&placement=cart").json
            #expect(answer["basis"] == "cart")
            #expect(Set(answer["ignored_products"]?.arrayValue?.compactMap(\.stringValue) ?? []) == ["22867", "99999"])
            let ids = answer["items"]?.arrayValue?.compactMap { $0["product_id"]?.stringValue } ?? []
            #expect(!ids.isEmpty && !ids.contains("22867") && !ids.contains("22632") && !ids.contains("99999"))
            #expect(try await app.request(.get, "/v1/recommendations?key=\(key)&cart=nope&placement=cart").status == .notFound)

            // Based on what you bought: 17850 bought 22632 and 22633 five times; neither comes back.
            let customer = try #require(
                try await app.store.orders(shopID: app.shop.id, filter: .init(), cursor: nil, limit: 20).items.first { $0.externalID == "536366" }?
                    .customerID
            )
            answer = try await app.request(.get, "/v1/recommendations?key=\(key)&customer=\(customer.rawValue)&placement=email").json
            #expect(answer["basis"] == "purchase_history" && answer["heading"] == "Based on what you bought")
            let bought = answer["items"]?.arrayValue?.compactMap { $0["product_id"]?.stringValue } ?? []
            #expect(!bought.isEmpty && !bought.contains("22632") && !bought.contains("22633"))
            #expect(try await app.request(.get, "/v1/recommendations?key=\(key)&customer=cus_nobody&placement=email").status == .notFound)

            // Every item shown to a visitor is an event.
            let shown = try await app.request(.get, "/v1/events?type=recommendation_shown&anonymous_id=v1").json["data"]?.arrayValue ?? []
            #expect(shown.count == 4)
            #expect(shown.allSatisfy { $0["properties"]?["placement"] == "product_page" && $0["properties"]?["product_id"] != nil })
        }
    }

    @Test(arguments: TestEngine.available)
    func holdoutIsDeterministicPerVisitor(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await RetailSample.load(app)
            _ = try await RecsModelBuilder.build(store: app.store, shopID: app.shop.id, now: app.clock.now)
            #expect(try await app.request(.put, "/v1/recommendations/settings", json: ["holdout_percent": ["product_page": 50]]).status == .ok)
            let key = app.shop.publicKey
            var held: [Int] = []
            for i in 0..<60 {
                let answer = try await app.request(.get, "/v1/recommendations?key=\(key)&product=22632&placement=product_page&visitor=anon_\(i)").json
                if answer["holdout"] == true {
                    #expect(answer["items"] == [])
                    held.append(i)
                }
            }
            #expect((15...45).contains(held.count))
            for i in held.prefix(5) {
                #expect(
                    try await app.request(.get, "/v1/recommendations?key=\(key)&product=22632&placement=product_page&visitor=anon_\(i)").json[
                        "holdout"
                    ] == true
                )
            }
            // The default share of the other placements is 10 %.
            #expect(try await app.request(.get, "/v1/recommendations/settings").json["holdout_percent"]?["cart"] == 10)
            let events = try await app.request(.get, "/v1/events?type=recommendation_holdout&limit=500").json["data"]?.arrayValue ?? []
            #expect(events.count == held.count + 5)
        }
    }

    @Test(arguments: TestEngine.available)
    func addOnRulesAndUpgradesInTheCart(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await RetailSample.load(app)
            try await Self.noHoldouts(app)
            _ = try await RecsModelBuilder.build(store: app.store, shopID: app.shop.id, now: app.clock.now)
            let key = app.shop.publicKey

            let bad = try await app.request(.post, "/v1/recommendations/rules", json: ["category": "hand warmers", "addons": ["nope"]])
            #expect(bad.status == .unprocessableContent)
            #expect(
                try await app.request(.post, "/v1/recommendations/rules", json: ["product_id": "22632", "category": "x", "addons": ["22112"]]).status
                    == .unprocessableContent
            )
            let created = try await app.request(
                .post,
                "/v1/recommendations/rules",
                json: ["category": "hand warmers", "addons": ["22112"], "label": "Warm up the evening"]
            )
            #expect(created.status == .created)
            let id = try #require(try created.json["id"]?.stringValue)
            #expect(try await app.request(.get, "/v1/recommendations/rules").json["data"]?.arrayValue?.count == 1)

            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("cart-1", token: "c1", product: "22632", price: 185))
            var items = try await app.request(.get, "/v1/recommendations?key=\(key)&cart=c1&placement=cart").json["items"]?.arrayValue ?? []
            #expect(items.first?["product_id"] == "22112" && items.first?["reason"] == "add_on" && items.first?["label"] == "Warm up the evening")
            #expect(items.dropFirst().first?["product_id"] == "22633")
            // Add-on rules are for the cart only.
            items = try await app.request(.get, "/v1/recommendations?key=\(key)&product=22632&placement=product_page").json["items"]?.arrayValue ?? []
            #expect(!items.contains { $0["reason"] == "add_on" })

            let updated = try await app.request(.put, "/v1/recommendations/rules/\(id)", json: ["product_id": "22632", "addons": ["22960"]])
            #expect(try updated.status == .ok && updated.json["product_id"] == "22632")
            items = try await app.request(.get, "/v1/recommendations?key=\(key)&cart=c1&placement=cart").json["items"]?.arrayValue ?? []
            #expect(items.first?["product_id"] == "22960")
            #expect(
                try await app.request(.put, "/v1/recommendations/rules/addon_none", json: ["product_id": "22632", "addons": ["22960"]]).status
                    == .notFound
            )

            // Upgrade: a dearer variant of a cart product, only where the shop allows it.
            var warmer = RetailSample.product("22632", "HAND WARMER RED POLKA DOT", price: 185, now: app.clock.now)
            warmer.variants.append(Variant(id: Variant.ID("22632-gift"), title: "Gift box", price: Money(minorUnits: 450, currency: .gbp), stock: 5))
            try await app.store.saveProducts([warmer], shopID: app.shop.id)
            items = try await app.request(.get, "/v1/recommendations?key=\(key)&cart=c1&placement=cart").json["items"]?.arrayValue ?? []
            #expect(!items.contains { $0["reason"] == "upgrade" })
            #expect(try await app.request(.put, "/v1/recommendations/settings", json: ["allow_upgrades": true]).status == .ok)
            items = try await app.request(.get, "/v1/recommendations?key=\(key)&cart=c1&placement=cart").json["items"]?.arrayValue ?? []
            let upgrade = try #require(items.first { $0["reason"] == "upgrade" })
            #expect(upgrade["product_id"] == "22632" && upgrade["variant_id"] == "22632-gift" && upgrade["price"] == 450)

            #expect(try await app.request(.delete, "/v1/recommendations/rules/\(id)").status == .noContent)
            #expect(try await app.request(.delete, "/v1/recommendations/rules/\(id)").status == .notFound)
        }
    }
}
