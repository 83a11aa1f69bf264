import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundAPI
import ReboundCore
import ReboundStore
import ReboundTesting
import SQLKit
import Testing

/// The dashboard's figures against values computed by hand from a small shop, on both engines.
@Suite struct DashboardReportTests {
    /// Four visitors view, three cart (two on mobile), one checks out and orders; two carts are abandoned; one chat
    /// answered after 60 s, one email resolved by the bot alone; CSAT 5 and 4; NPS 10, 9 and 3; one cart add-on.
    static func seed(_ app: TestApp) async throws {
        func event(_ id: String, _ type: String, _ anonymous: String, _ properties: JSONValue = [:], email: String? = nil) -> JSONValue {
            var object: [String: JSONValue] = [
                "id": .string(id), "type": .string(type), "anonymous_id": .string(anonymous), "properties": properties,
            ]
            if let email { object["customer"] = ["email": .string(email)] }
            return .object(object)
        }
        let events: [JSONValue] = [
            event("v1", "viewed_product", "a1", ["product_id": "p1"]), event("v2", "viewed_product", "a2", ["product_id": "p2"]),
            event("v3", "viewed_product", "a3", ["product_id": "p1"]), event("v4", "viewed_product", "a4", ["product_id": "p1"]),
            event(
                "c1",
                "added_to_cart",
                "a1",
                ["cart_token": "k1", "product_id": "p1", "quantity": 1, "price": 2000, "currency": "EUR", "device": "mobile"]
            ),
            event(
                "c2",
                "added_to_cart",
                "a2",
                ["cart_token": "k2", "product_id": "p2", "quantity": 1, "price": 5000, "currency": "EUR", "device": "desktop"]
            ),
            event(
                "c3",
                "added_to_cart",
                "a3",
                ["cart_token": "k3", "product_id": "p1", "quantity": 1, "price": 1000, "currency": "EUR", "device": "mobile"]
            ),
            event("s1", "started_checkout", "a1", ["cart_token": "k1", "checkout_token": "ck1"]),
            event(
                "o1",
                "order_placed",
                "a1",
                [
                    "order_id": "1001", "total": 2000, "currency": "EUR", "cart_token": "k1",
                    "lines": [["product_id": "p1", "quantity": 1, "price": 2000]],
                ],
                email: "a1@example.com"
            ),
            event("q1", "csat_submitted", "a1", ["score": 5]), event("q2", "csat_submitted", "a2", ["score": 4]),
            event("n1", "nps_submitted", "a1", ["score": 10]), event("n2", "nps_submitted", "a2", ["score": 9]),
            event("n3", "nps_submitted", "a3", ["score": 3]),
            event("r1", "recommendation_shown", "a1", ["placement": "cart"]), event("r2", "recommendation_shown", "a2", ["placement": "cart"]),
            event("r3", "recommendation_added", "a1", ["placement": "cart", "product_id": "p9", "price": 500]),
        ]
        let response = try await app.request(.post, "/v1/events", json: ["events": .array(events)])
        #expect(response.status == .accepted)
        #expect(try response.json["accepted"] == .int(Int64(events.count)))

        let shopID = app.shop.id
        try await app.store.saveProducts(
            [
                Product(id: Product.ID("p1"), title: "Ring", category: "Jewellery", updatedAt: app.clock.now),
                Product(id: Product.ID("p2"), title: "Apples", category: "Groceries", updatedAt: app.clock.now),
            ],
            shopID: shopID
        )
        let chat = try await app.store.appendConversationMessage(
            shopID: shopID,
            to: .find(channel: "chat", customerID: nil, visitorID: "a2", externalThread: nil, subject: nil, cartID: nil),
            author: "shopper",
            authorName: nil,
            body: "Do you ship to Canada?",
            now: app.clock.now
        )
        _ = try await app.store.appendConversationMessage(
            shopID: shopID,
            to: .existing(id: chat.conversation.id),
            author: "agent",
            authorName: "Ann",
            body: "We do!",
            now: app.clock.now.addingTimeInterval(60)
        )
        let email = try await app.store.appendConversationMessage(
            shopID: shopID,
            to: .find(channel: "email", customerID: nil, visitorID: "a4", externalThread: "t-1", subject: "Returns", cartID: nil),
            author: "shopper",
            authorName: nil,
            body: "How do returns work?",
            now: app.clock.now
        )
        _ = try await app.store.appendConversationMessage(
            shopID: shopID,
            to: .existing(id: email.conversation.id),
            author: "bot",
            authorName: nil,
            body: "Here is our return policy.",
            now: app.clock.now.addingTimeInterval(5)
        )
        let resolvedAt = app.clock.now.addingTimeInterval(600).epochMilliseconds
        try await app.store.engine.withConnection { db in
            try await db.raw(
                "UPDATE conversations SET resolved_at = \(bind: resolvedAt), intent = 'returns', status = 'resolved' WHERE id = \(bind: email.conversation.id)"
            ).run()
            try await db.raw("UPDATE conversations SET intent = 'shipping' WHERE id = \(bind: chat.conversation.id)").run()
        }
        // Two hours later the carts without an order are abandoned (the shop's threshold is one hour), and the
        // unanswered email is past its 2 h first-response target.
        app.clock.advance(by: 2 * 3600 + 60)
        let detected = try await app.detect()
        #expect(detected.filter { $0.type == "cart_abandoned" }.count == 2)
    }

    @Test(arguments: TestEngine.available)
    func figuresMatchTheHandCountedShop(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await Self.seed(app)
            let report = try await app.request(.get, "/v1/reports/dashboard?from=2026-11-26&to=2026-11-26&compare=true")
            #expect(report.status == .ok)
            let json = try report.json
            let kpis = try #require(json["kpis"])
            #expect(kpis["carts_created"] == .int(3))
            #expect(kpis["abandoned_carts"]?["current"] == .int(2))
            #expect(kpis["abandoned_carts"]?["previous"] == .int(0))
            #expect(kpis["abandonment_rate"]?["current"]?["part"] == .int(2))
            #expect(kpis["abandonment_rate"]?["current"]?["whole"] == .int(3))
            // Nothing was recovered and nobody was sent a message: rates without a denominator are null, not 0.
            #expect(kpis["recovered_carts"]?["current"] == .int(0))
            #expect(kpis["revenue_per_recipient"]?["current"] == .null)
            let devices = json["abandonment"]?["by_device"]?.arrayValue ?? []
            #expect(devices.first { $0["label"] == "mobile" }?["abandoned"] == .int(1))
            #expect(devices.first { $0["label"] == "mobile" }?["carts"] == .int(2))
            #expect(devices.first { $0["label"] == "desktop" }?["abandoned"] == .int(1))
            // Carts k1 and k3 hold the ring (one abandoned), k2 the apples (abandoned).
            let categories = json["abandonment"]?["by_category"]?.arrayValue ?? []
            #expect(categories.first { $0["label"] == "Jewellery" }?["abandoned"] == .int(1))
            #expect(categories.first { $0["label"] == "Jewellery" }?["carts"] == .int(2))
            #expect(categories.first { $0["label"] == "Groceries" }?["rate"]?.doubleValue == 1)
            let funnel = json["funnel"]?["current"]
            #expect(funnel?["viewed"] == .int(4) && funnel?["carted"] == .int(3) && funnel?["checkout"] == .int(1) && funnel?["ordered"] == .int(1))
            // Cart visitors a1, a2, a3; a2 chatted and did not order; a1 ordered without chat.
            let chat = json["chat"]
            #expect(chat?["engagement"]?["part"] == .int(1) && chat?["engagement"]?["whole"] == .int(3))
            #expect(chat?["conversion_with_chat"]?["part"] == .int(0))
            #expect(chat?["conversion_without_chat"]?["part"] == .int(1) && chat?["conversion_without_chat"]?["whole"] == .int(2))
            let support = json["support"]
            let chatRow = support?["channels"]?.arrayValue?.first { $0["channel"] == "chat" }
            #expect(chatRow?["first_response_median_s"]?.doubleValue == 60)
            #expect(chatRow?["sla_met"]?["part"] == .int(1))
            // The email was never answered by an agent and its 2 h target has passed: a breach; resolved by the bot: deflected.
            #expect(support?["sla_compliance"]?["part"] == .int(1) && support?["sla_compliance"]?["whole"] == .int(2))
            #expect(support?["deflection"]?["part"] == .int(1) && support?["deflection"]?["whole"] == .int(2))
            let satisfaction = json["satisfaction"]
            #expect(satisfaction?["csat"]?.doubleValue == 4.5 && satisfaction?["csat_responses"] == .int(2))
            let nps = satisfaction?["nps"]?.doubleValue ?? 0
            #expect(abs(nps - 100.0 / 3.0) < 1e-9)
            let tickets = json["tickets"]?.arrayValue ?? []
            #expect(tickets.map { $0["category"]?.stringValue ?? "" } == ["returns", "shipping"])
            let upsell = json["upsell"]?.arrayValue ?? []
            let cart = upsell.first { $0["placement"] == "cart" }
            #expect(cart?["shown"] == .int(2) && cart?["accepted"] == .int(1) && cart?["revenue"] == .int(500))
            // Placements without events are listed with zeros, not left out.
            #expect(upsell.first { $0["placement"] == "thank_you" }?["revenue"] == .int(0))
        }
    }

    @Test(arguments: TestEngine.available)
    func everyTableExportsAsCSVAndBadRangesAreRefused(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await Self.seed(app)
            let tables = try await app.request(.get, "/v1/reports/dashboard?days=7").json["tables"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(tables.count == 11)
            for table in tables {
                let csv = try await app.request(.get, "/v1/reports/dashboard?days=7&format=csv&table=\(table)")
                #expect(csv.status == .ok, "\(table)")
                #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
                #expect(csv.text.hasSuffix("\r\n"))
            }
            let funnel = try await app.request(.get, "/v1/reports/dashboard?from=2026-11-26&to=2026-11-26&format=csv&table=funnel").text
            let lines = funnel.split(separator: "\r\n")
            #expect(lines.count == 5, "header and four steps")
            #expect(lines[1].hasPrefix("Viewed,4"))
            #expect(try await app.request(.get, "/v1/reports/dashboard?format=csv&table=nope").status == .badRequest)
            #expect(try await app.request(.get, "/v1/reports/dashboard?format=csv").status == .badRequest)
            let backwards = try await app.request(.get, "/v1/reports/dashboard?from=2026-11-26&to=2026-11-01")
            #expect(backwards.status == .badRequest)
            #expect(try backwards.json["errors"]?.arrayValue?.first?["field"] == "from")
            #expect(try await app.request(.get, "/v1/reports/dashboard?from=2010-01-01&to=2026-11-26").status == .badRequest)
            #expect(try await app.request(.get, "/v1/reports/dashboard?from=yesterday").status == .badRequest)
            #expect(try await app.request(.get, "/v1/reports/dashboard", key: "rb_nope_nope").status == .unauthorized)
        }
    }

    @Test(arguments: TestEngine.available)
    func theAdminDashboardRendersFiguresAndEmptyStates(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await AdminTestSupport.agent(app)
            let browser = try await AdminTestSupport.signIn(app)
            // An empty shop: every section renders, with its empty state and no invented figure.
            let empty = try await AdminTestSupport.get(app, browser, "/admin")
            #expect(empty.status == .ok)
            #expect(empty.text.contains("No recovery messages sent in this period"))
            #expect(empty.text.contains("No conversations in this period"))
            #expect(!empty.text.contains("NaN"))

            try await Self.seed(app)
            let page = try await AdminTestSupport.get(app, browser, "/admin?from=2026-11-26&to=2026-11-26&compare=1")
            #expect(page.status == .ok)
            #expect(page.text.contains("2 of 3 carts"))
            #expect(page.text.contains("<svg"))
            let nonce = page.headers[.contentSecurityPolicy].flatMap { $0.components(separatedBy: "'nonce-").dropFirst().first?.prefix { $0 != "'" } }
            #expect(nonce.map { page.text.contains("<style nonce=\"\($0)\">") } == true)
            let csv = try await AdminTestSupport.get(app, browser, "/admin?from=2026-11-26&to=2026-11-26&format=csv&table=kpis")
            #expect(csv.status == .ok)
            #expect(csv.text.hasPrefix("Figure,This period,Previous period\r\n"))
            #expect(try await AdminTestSupport.get(app, browser, "/admin?from=2026-11-30&to=2026-11-01").status == .badRequest)

            let experiments = try await AdminTestSupport.get(app, browser, "/admin/experiments")
            #expect(experiments.status == .ok && experiments.text.contains("No experiments yet"))
        }
    }
}
