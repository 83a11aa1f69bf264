import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundAPI
import ReboundApp
import ReboundChannels
import ReboundCore
import ReboundPlatformsFakes
import ReboundStore
import ReboundTesting
import Testing

/// The post-purchase one-click offer (Shopify's order edit through the fake), recommendations in a flow email, and
/// the report against the holdout.
@Suite struct RecommendationOfferTests {
    /// Imports one order of 22632 as Shopify order `externalID` with the given statuses.
    static func order(_ app: TestApp, _ externalID: String, fulfillment: String? = nil, cancelled: Bool = false) async throws {
        let order = Order(
            id: .random(prefix: "ord"),
            externalID: externalID,
            lines: [OrderLine(productID: "22632", variantID: "22632", title: "HAND WARMER RED POLKA DOT", quantity: 6, price: 185)],
            subtotal: Money(minorUnits: 1110, currency: .gbp),
            total: Money(minorUnits: 1110, currency: .gbp),
            source: "shopify",
            fulfillmentStatus: fulfillment,
            cancelledAt: cancelled ? app.clock.now : nil,
            placedAt: app.clock.now
        )
        _ = try await app.store.importOrders(
            [OrderSnapshot(order: order, customer: CustomerSnapshot(identity: CustomerIdentity(email: "kim@example.com")))],
            shop: app.shop,
            now: app.clock.now
        )
    }

    @Test(arguments: TestEngine.available)
    func oneClickOfferIsAddedOnceAndRefusedWhenClosedOrExpired(engine: TestEngine) async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            try await withTestApp(engine) { app in
                try await RetailSample.load(app)
                try await RecommendationAPITests.noHoldouts(app)
                _ = try await RecsModelBuilder.build(store: app.store, shopID: app.shop.id, now: app.clock.now)
                let key = app.shop.publicKey
                try await Self.order(app, "1001")
                await shopify.addOrder(id: 1001, currency: "GBP", lineItems: [(variantID: 22632, quantity: 6, unitPrice: "1.85")])
                await shopify.addVariant(id: 22633, price: "1.85")

                // The best companion of the order's hand warmer, signed for 15 minutes.
                let offer = try await app.request(.get, "/v1/orders/1001/offer?key=\(key)&visitor=v9").json["offer"]
                #expect(offer?["product_id"] == "22633" && offer?["offer_price"] == 185)
                let token = try #require(offer?["token"]?.stringValue)

                // Without an order-edit API: a pre-filled cart instead.
                let cart = try await app.request(.post, "/v1/orders/1001/offer?key=\(key)", json: ["token": .string(token)])
                #expect(try cart.status == .ok && cart.json["status"] == "cart_url")

                let patched = try await app.request(
                    .patch,
                    "/v1/settings",
                    json: ["platform_api": ["kind": "shopify", "base_url": .string(base), "access_token": .string(shopify.accessToken)]]
                )
                #expect(patched.status == .ok)
                let first = try await app.request(.post, "/v1/orders/1001/offer?key=\(key)", json: ["token": .string(token)])
                #expect(first.status == .created)
                #expect(try first.json["status"] == "added" && first.json["already_added"] == false)
                // A second click adds nothing.
                let second = try await app.request(.post, "/v1/orders/1001/offer?key=\(key)", json: ["token": .string(token)])
                #expect(try second.status == .ok && second.json["already_added"] == true && second.json["status"] == "added")
                let edited = try #require(await shopify.order(id: 1001))
                #expect(edited.lineItems.map(\.variantID) == [22632, 22633] && edited.committedEdits == 1)
                let added = try await app.request(.get, "/v1/events?type=recommendation_added").json["data"]?.arrayValue ?? []
                #expect(added.count == 1 && added.first?["properties"]?["placement"] == "thank_you" && added.first?["properties"]?["revenue"] == 185)

                try await Self.order(app, "1002")
                await shopify.addOrder(id: 1002, currency: "GBP", lineItems: [(variantID: 22632, quantity: 6, unitPrice: "1.85")])
                let late = try #require(try await app.request(.get, "/v1/orders/1002/offer?key=\(key)").json["offer"]?["token"]?.stringValue)
                // A token for another order is refused.
                let other = try await app.request(.post, "/v1/orders/1002/offer?key=\(key)", json: ["token": .string(token)])
                #expect(other.status == .badRequest)
                // An expired offer: 410.
                app.clock.advance(by: 15 * 60 + 1)
                let expired = try await app.request(.post, "/v1/orders/1002/offer?key=\(key)", json: ["token": .string(late)])
                #expect(try expired.status == .gone && expired.json["type"]?.stringValue?.hasSuffix("offer-expired") == true)
                // Fulfilled or cancelled orders cannot take an offer: 409.
                try await Self.order(app, "1003", fulfillment: "fulfilled")
                try await Self.order(app, "1004", cancelled: true)
                #expect(try await app.request(.get, "/v1/orders/1003/offer?key=\(key)").status == .conflict)
                #expect(try await app.request(.get, "/v1/orders/1004/offer?key=\(key)").status == .conflict)
                #expect(try await app.request(.get, "/v1/orders/9999/offer?key=\(key)").status == .notFound)
                // An offer fetched before fulfilment is refused when accepted after it.
                try await Self.order(app, "1005")
                let early = try #require(try await app.request(.get, "/v1/orders/1005/offer?key=\(key)").json["offer"]?["token"]?.stringValue)
                try await Self.order(app, "1005", fulfillment: "fulfilled")
                #expect(try await app.request(.post, "/v1/orders/1005/offer?key=\(key)", json: ["token": .string(early)]).status == .conflict)
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func cartRecoveryEmailCarriesComplementsWithSignedLinks(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await RetailSample.load(app)
            try await RecommendationAPITests.noHoldouts(app)
            _ = try await RecsModelBuilder.build(store: app.store, shopID: app.shop.id, now: app.clock.now)
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e1", token: "c1", product: "22632", price: 185))
            let cart = try #require(try await app.request(.get, "/v1/carts").json["data"]?.arrayValue?.first?["id"]?.stringValue)
            let rendered = try await app.request(.post, "/v1/templates/preview", json: ["template": "cart_recovery.help", "cart_id": .string(cart)])
            #expect(rendered.status == .ok)
            let html = try #require(try rendered.json["html"]?.stringValue)
            #expect(html.contains("HAND WARMER UNION JACK"))
            // The product link is a signed click link to the product page, marked as a recommendation.
            let link = try #require(html.range(of: #"https://rebound\.test/l/[A-Za-z0-9._-]+"#, options: .regularExpression).map { String(html[$0]) })
            let followed = try await app.request(.get, String(link.dropFirst("https://rebound.test".count)))
            #expect(followed.status == .found)
            #expect(followed.headers[.location]?.contains("rb_rec=") == true)
            // A preview records no impressions.
            let events = try await app.request(.get, "/v1/events?type=recommendation_shown").json["data"]?.arrayValue ?? []
            #expect(events.isEmpty)
        }
    }

    @Test(arguments: TestEngine.available)
    func winBackAndPostPurchaseEmailsRecommendFromPurchases(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await RetailSample.load(app)
            try await RecommendationAPITests.noHoldouts(app)
            let composer = MessageComposer(store: app.store, linkBaseURL: TestApp.publicURL)
            let settings = try await app.store.channelSettings(shopID: app.shop.id)
            let orders = try await app.store.orders(shopID: app.shop.id, filter: .init(), cursor: nil, limit: 20).items
            // 17951 bought 536514: owl, crates, toadstools, union jack, scotty dog.
            let buyer = try #require(orders.first { $0.externalID == "536514" }?.customerID)
            let customer = try #require(try await app.store.customer(shopID: app.shop.id, id: buyer))
            // No model yet: the slot stays empty.
            var parts = try await composer.parts(
                shop: app.shop,
                settings: settings,
                customer: customer,
                cart: nil,
                messageID: "msg_1",
                runID: nil,
                template: "win_back.miss_you",
                now: app.clock.now
            )
            #expect(parts.context.recommendations.isEmpty)
            _ = try await RecsModelBuilder.build(store: app.store, shopID: app.shop.id, now: app.clock.now)
            for template in ["win_back.miss_you", "post_purchase.cross_sell"] {
                parts = try await composer.parts(
                    shop: app.shop,
                    settings: settings,
                    customer: customer,
                    cart: nil,
                    messageID: "msg_1",
                    runID: nil,
                    template: template,
                    now: app.clock.now
                )
                let titles = parts.context.recommendations.map(\.title)
                // Σ confidence over the five products bought: 22112, 22834 and 22867 each 1/2 from the owl + 1/2 from the
                // scotty dog = 1 (lift 5, 5, 2.5); 22632 5/6 from the union jack.
                #expect(titles == ["CHOCOLATE HOT WATER BOTTLE", "HAND WARMER BABUSHKA DESIGN", "HAND WARMER BIRD DESIGN"], "\(template)")
                #expect(!titles.contains("HAND WARMER OWL DESIGN") && !titles.contains("HAND WARMER UNION JACK"))
                #expect(parts.context.recommendations.allSatisfy { $0.url.hasPrefix(TestApp.publicURL + "/l/") })
            }
            // A sent email's items are impressions of the email placement.
            let shown = try await app.request(.get, "/v1/events?type=recommendation_shown").json["data"]?.arrayValue ?? []
            #expect(
                shown.count == 6 && shown.allSatisfy { $0["properties"]?["placement"] == "email" && $0["customer_id"] == .string(buyer.rawValue) }
            )
        }
    }

    @Test(arguments: TestEngine.available)
    func reportCountsPlacementsAndComparesWithTheHoldout(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await RetailSample.load(app)
            _ = try await RecsModelBuilder.build(store: app.store, shopID: app.shop.id, now: app.clock.now)
            #expect(try await app.request(.put, "/v1/recommendations/settings", json: ["holdout_percent": ["product_page": 50]]).status == .ok)
            let key = app.shop.publicKey
            let start = app.clock.now
            var exposed: [Int] = []
            var held: [Int] = []
            for i in 0..<40 {
                let answer = try await app.request(.get, "/v1/recommendations?key=\(key)&product=22632&placement=product_page&visitor=anon_\(i)").json
                if answer["holdout"] == true { held.append(i) } else { exposed.append(i) }
            }
            app.clock.advance(by: 60)
            // Half of the exposed visitors and a quarter of the held-out ones order (1,000 and 800 pence).
            func place(_ i: Int, total: Int64) async throws {
                let event: JSONValue = [
                    "id": .string("order-\(i)"), "type": "order_placed", "anonymous_id": .string("anon_\(i)"),
                    "customer": ["email": .string("shopper\(i)@example.com")],
                    "properties": [
                        "order_id": .string("\(5000 + i)"), "total": .int(total),
                        "lines": [["product_id": "22632", "quantity": 1, "price": .int(total)]],
                    ],
                ]
                #expect(try await app.request(.post, "/v1/events", json: event).status == .accepted)
            }
            for i in exposed.enumerated().filter({ $0.offset % 2 == 0 }).map(\.element) { try await place(i, total: 1000) }
            for i in held.enumerated().filter({ $0.offset % 4 == 0 }).map(\.element) { try await place(i, total: 800) }
            let added: JSONValue = [
                "id": "added-1", "type": "recommendation_added", "anonymous_id": .string("anon_\(exposed[0])"),
                "properties": ["placement": "product_page", "product_id": "22633", "price": 185, "quantity": 2],
            ]
            try await app.request(.post, "/v1/events", json: added)
            try await app.request(
                .post,
                "/v1/events",
                json: [
                    "id": "click-1", "type": "recommendation_clicked", "anonymous_id": .string("anon_\(exposed[0])"),
                    "properties": ["placement": "product_page"],
                ]
            )
            app.clock.advance(by: 60)
            let from = RFC3339.format(start.addingTimeInterval(-1))
            let report = try await app.request(.get, "/v1/reports/recommendations?from=\(from)").json
            let row = try #require(report["placements"]?.arrayValue?.first { $0["placement"] == "product_page" })
            #expect(row["impressions"] == .int(Int64(exposed.count * 4)))
            #expect(row["clicks"] == 1 && row["added"] == 1 && row["revenue_added"] == 370)
            #expect(row["exposed"]?["shoppers"] == .int(Int64(exposed.count)) && row["holdout_arm"]?["shoppers"] == .int(Int64(held.count)))
            #expect(row["exposed"]?["converted"] == .int(Int64((exposed.count + 1) / 2)))
            #expect(row["holdout_arm"]?["converted"] == .int(Int64((held.count + 3) / 4)))
            let lift = try #require(row["lift"]?.objectValue)
            let interval = try #require(lift["conversion_interval_95"])
            let difference = try #require(lift["conversion_difference"]?.doubleValue)
            #expect((interval["lower"]?.doubleValue ?? 1) <= difference && difference <= (interval["upper"]?.doubleValue ?? -1))
            #expect(row["exposed"]?["average_order_value"]?.doubleValue == 1000 && row["holdout_arm"]?["average_order_value"]?.doubleValue == 800)
            #expect(lift["revenue_per_shopper_interval_95"]?["lower"] != nil)
            #expect(
                try await app.request(.get, "/v1/reports/recommendations?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z").status == .badRequest
            )
        }
    }
}
