import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundAPI
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// What the storefront script reads: tactics with defaults and per-visitor holdouts, business hours, social proof
/// from real orders only, and the product that closes the free-shipping gap.
@Suite struct WidgetAPITests {
    @Test(arguments: TestEngine.available)
    func configurationHoldoutsHoursAndSocialProof(engine: TestEngine) async throws {
        try await withTestApp(engine, settings: ShopSettings(freeShippingThreshold: 5000)) { app in
            let key = app.shop.publicKey
            let defaults = try await app.request(.get, "/v1/widget/config?key=\(key)&visitor=anon_1&page=cart").json
            #expect(defaults["tactics"]?["proactive_chat"]?["delay_seconds"] == .int(45))
            #expect(defaults["tactics"]?["exit_intent"]?["enabled"] == false)
            #expect(defaults["tactics"]?["free_shipping_bar"]?["threshold"] == .int(5000))
            #expect(defaults["shop"]?["locale"] == "de")

            let bad = try await app.request(
                .patch,
                "/v1/settings",
                json: ["widget": ["tactics": ["teleport": [:], "proactive_chat": ["delay_seconds": "soon"]]]]
            )
            #expect(bad.status == .unprocessableContent)
            let fields = Set(try bad.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [])
            #expect(fields == ["widget.tactics.teleport", "widget.tactics.proactive_chat.delay_seconds"])

            let widget: JSONValue = [
                "tactics": ["exit_intent": ["code": "DANKE10", "holdout_percent": 50]],
                "business_hours": ["days": ["mon": ["09:00", "18:00"]], "holidays": []],
            ]
            #expect(try await app.request(.patch, "/v1/settings", json: ["widget": widget]).status == .ok)
            var variants: [String: Int] = [:]
            for i in 0..<200 {
                let config = try await app.request(.get, "/v1/widget/config?key=\(key)&visitor=anon_\(i)").json
                variants[config["tactics"]?["exit_intent"]?["variant"]?.stringValue ?? "?", default: 0] += 1
            }
            // About half in the holdout, and the same visitor always gets the same arm.
            #expect((70...130).contains(variants["holdout"] ?? 0) && (variants["on"] ?? 0) + (variants["holdout"] ?? 0) == 200)
            let again = try await app.request(.get, "/v1/widget/config?key=\(key)&visitor=anon_7").json["tactics"]?["exit_intent"]?["variant"]
            #expect(try await app.request(.get, "/v1/widget/config?key=\(key)&visitor=anon_7").json["tactics"]?["exit_intent"]?["variant"] == again)
            // The test clock is a Thursday: outside Monday's hours the shop is closed.
            let closed = try await app.request(.get, "/v1/widget/config?key=\(key)&visitor=anon_1").json
            #expect(closed["status"]?["open"] == false && closed["status"]?["agents_online"] == false)

            // Social proof counts real orders and shows nothing below the threshold.
            for i in 0..<4 {
                let order: JSONValue = [
                    "id": .string("o\(i)"), "type": "order_placed", "customer": ["email": .string("b\(i)@example.com")],
                    "properties": ["order_id": .string("\(i)"), "total": 1000, "lines": [["product_id": "socks", "quantity": 1, "price": 1000]]],
                ]
                try await app.request(.post, "/v1/events", json: order)
            }
            #expect(try await app.request(.get, "/v1/widget/social-proof?key=\(key)&product=socks").json["count"] == .null)
            let fifth: JSONValue = [
                "id": "o5", "type": "order_placed", "customer": ["email": "b5@example.com"],
                "properties": ["order_id": "5", "total": 1000, "lines": [["product_id": "socks", "quantity": 1, "price": 1000]]],
            ]
            try await app.request(.post, "/v1/events", json: fifth)
            #expect(try await app.request(.get, "/v1/widget/social-proof?key=\(key)&product=socks").json["count"] == .int(5))
            #expect(try await app.request(.get, "/v1/widget/config?key=pk_wrong").status == .unauthorized)
        }
    }
}
