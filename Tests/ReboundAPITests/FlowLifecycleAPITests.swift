import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// The lifecycle triggers that detectors derive (lifetime spend crossing a tier, no order for N days), the effects
/// flows complete themselves (tags, discount codes and their redemption, agent tasks, Slack), and the experiment
/// report.
@Suite struct FlowLifecycleAPITests {
    static func order(_ id: String, email: String, total: Int64, at: Date? = nil, codes: [String] = []) -> JSONValue {
        var event: [String: JSONValue] = [
            "id": .string("order-\(id)"), "type": "order_placed", "customer": ["email": .string(email)],
            "properties": [
                "order_id": .string(id), "total": .int(total), "currency": "EUR",
                "lines": [["product_id": "p1", "quantity": 1, "price": .int(total)]],
                "discount_codes": .array(codes.map(JSONValue.string)), "email_consent": true,
            ],
        ]
        if let at { event["occurred_at"] = .string(RFC3339.format(at)) }
        return .object(event)
    }

    @Test(arguments: TestEngine.available)
    func spendCrossingATierTagsIssuesACodeAndTheCodeIsRedeemed(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.request(.post, "/v1/flows", json: ["template": "loyalty_tier"])
            try await app.request(.post, "/v1/events", json: Self.order("1001", email: "vip@example.com", total: 60_000))
            try await app.runFlows()
            #expect(try await app.store.flowRuns(shopID: app.shop.id, flowID: "loyalty_tier").isEmpty)
            try await app.request(.post, "/v1/events", json: Self.order("1002", email: "vip@example.com", total: 45_000))
            app.clock.advance(by: 10)
            try await app.runFlows()
            app.clock.advance(by: 10)
            try await app.runFlows()
            let runs = try await app.store.flowRuns(shopID: app.shop.id, flowID: "loyalty_tier")
            #expect(runs.count == 1)
            let customer = try #require(try await app.store.customer(shopID: app.shop.id, email: "vip@example.com"))
            #expect(customer.tags.contains("vip"))
            let codes = try await app.request(.get, "/v1/discount-codes").json["data"]?.arrayValue ?? []
            #expect(codes.count == 1)
            let code = try #require(codes.first?["code"]?.stringValue)
            #expect(code.hasPrefix("RB-") && codes.first?["kind"] == "percent" && codes.first?["value"] == .int(15))
            // The third order crosses nothing new and does not start another run.
            try await app.request(.post, "/v1/events", json: Self.order("1003", email: "vip@example.com", total: 5_000, codes: [code.lowercased()]))
            app.clock.advance(by: 10)
            try await app.runFlows()
            app.clock.advance(by: 10)
            try await app.runFlows()
            #expect(try await app.store.flowRuns(shopID: app.shop.id, flowID: "loyalty_tier").count == 1)
            let redeemed = try await app.request(.get, "/v1/discount-codes").json["data"]?.arrayValue?.first
            #expect(redeemed?["status"] == "redeemed" && redeemed?["redeemed_order"] == "1003")
            // Without email settings the VIP email is kept as intended, with the reason, after the dispatcher ran.
            try await app.dispatch()
            let email = try #require(
                try await app.request(.get, "/v1/messages?flow_id=loyalty_tier").json["data"]?.arrayValue?.first { $0["channel"] == "email" }
            )
            #expect(email["status"] == "intended")
            #expect(email["detail"]?.stringValue?.contains("no email settings") == true)
        }
    }

    @Test(arguments: TestEngine.available)
    func noOrderForSixtyDaysStartsWinBackForValuableCustomersOnly(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.request(.post, "/v1/flows", json: ["template": "win_back"])
            let long = app.clock.now.addingTimeInterval(-61 * 86400)
            try await app.request(.post, "/v1/events", json: Self.order("w1", email: "loyal@example.com", total: 30_000, at: long))
            try await app.request(.post, "/v1/events", json: Self.order("w2", email: "small@example.com", total: 2_000, at: long))
            try await app.request(.post, "/v1/events", json: Self.order("w3", email: "recent@example.com", total: 30_000))
            app.clock.advance(by: 10)
            try await app.runFlows()
            app.clock.advance(by: 10)
            try await app.runFlows()
            let lapses = try await app.request(.get, "/v1/events?type=no_order_for_days").json["data"]?.arrayValue ?? []
            #expect(lapses.count == 2)
            let runs = try await app.store.flowRuns(shopID: app.shop.id, flowID: "win_back")
            // Both lapsed; only the customer worth it (CLV ≥ 200) is enrolled.
            #expect(runs.filter { $0.status != "exited" }.count == 1)
            // The detector runs at most hourly and each lapse is one event.
            try await app.runFlows()
            #expect(try await app.request(.get, "/v1/events?type=no_order_for_days").json["data"]?.arrayValue?.count == 2)
            app.clock.advance(by: 86400)
            try await app.runFlows()
            let messages = try await app.request(.get, "/v1/messages?flow_id=win_back").json["data"]?.arrayValue ?? []
            #expect(messages.contains { $0["channel"] == "discount" && $0["status"] == "issued" })
            #expect(messages.contains { $0["channel"] == "email" && $0["template"] == "win_back.miss_you" })
        }
    }

    @Test(arguments: TestEngine.available)
    func vipCartBecomesATaskAndASlackAlert(engine: TestEngine) async throws {
        let slack = try FixtureServer(script: "fake_http.py", arguments: [])
        defer { slack.stop() }
        try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
            try await app.request(.patch, "/v1/settings", json: ["slack_webhook_url": .string("http://127.0.0.1:\(slack.port)/slack/T0/B0/x")])
            try await app.request(.post, "/v1/flows", json: ["template": "vip_cart"])
            try await app.request(.post, "/v1/flows", json: ["template": "cart_recovery"])
            try await app.request(
                .post,
                "/v1/events",
                json: EventAPITests.cartEvent("big", token: "big", price: 65_000, email: "big@example.com", emailConsent: true)
            )
            app.clock.advance(by: 60)
            try await app.detect()
            try await app.runFlows()
            try await app.dispatch()
            let tasks = try await app.request(.get, "/v1/tasks").json["data"]?.arrayValue ?? []
            #expect(tasks.count == 1)
            #expect(tasks.first?["queue"] == "vip" && tasks.first?["title"]?.stringValue?.contains("big@example.com") == true)
            let slackMessage = try #require(
                try await app.request(.get, "/v1/messages?flow_id=vip_cart").json["data"]?.arrayValue?.first { $0["channel"] == "slack" }
            )
            #expect(slackMessage["status"] == "sent")
            // The VIP flow takes the cart instead of the generic one.
            #expect(try await app.store.flowRuns(shopID: app.shop.id, flowID: "cart_recovery").isEmpty)
            let seen = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(slack.port)/requests"), timeout: .seconds(5))
            let body = String(buffer: try await seen.body.collect(upTo: 1 << 20))
            #expect(body.contains("VIP cart abandoned") && body.contains("650"))
        }
    }

    @Test(arguments: TestEngine.available)
    func experimentReportComparesArmsWithTheHoldout(engine: TestEngine) async throws {
        try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
            let flow: JSONValue = [
                "template": "cart_recovery", "experiment": ["id": "timing", "holdout_percent": 50, "variants": [["id": "control"]]],
            ]
            #expect(try await app.request(.post, "/v1/flows", json: flow).status == .created)
            for i in 0..<40 {
                try await app.request(
                    .post,
                    "/v1/events",
                    json: EventAPITests.cartEvent("x\(i)", token: "t\(i)", email: "s\(i)@example.com", emailConsent: true)
                )
            }
            app.clock.advance(by: 60)
            try await app.detect()
            try await app.runFlows()
            for i in stride(from: 0, to: 40, by: 3) {
                try await app.request(.post, "/v1/events", json: Self.order("x\(i)", email: "s\(i)@example.com", total: 2_500))
            }
            app.clock.advance(by: 10)
            try await app.runFlows()
            let report = try await app.request(.get, "/v1/reports/experiments").json
            let arms = try #require(report["experiments"]?.arrayValue?.first?["arms"]?.arrayValue)
            #expect(Set(arms.compactMap { $0["variant"]?.stringValue }) == ["control", "holdout"])
            #expect(arms.reduce(Int64(0)) { $0 + ($1["recipients"]?.int64Value ?? 0) } == 40)
            #expect(arms.reduce(Int64(0)) { $0 + ($1["conversions"]?.int64Value ?? 0) } == 14)
            let control = try #require(arms.first { $0["variant"] == "control" })
            #expect(control["p_value"]?.doubleValue != nil && control["verdict"]?.stringValue?.contains("too little data") == true)
            let csv = try await app.request(.get, "/v1/reports/experiments?format=csv")
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.text.hasPrefix("flow_id,variant,recipients,conversions"))
            #expect(csv.text.split(separator: "\r\n").count == 3)
            let recovery = try await app.request(.get, "/v1/reports/recovery?format=csv")
            #expect(recovery.text.hasPrefix("dimension,flow_id"))
        }
    }
}
