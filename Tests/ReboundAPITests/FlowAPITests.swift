import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import SQLKit
import Testing

@Suite struct FlowAPITests {
    @Test(arguments: TestEngine.available)
    func templatesAreListedAndBadFlowsRefusedWithPaths(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let templates = try await app.request(.get, "/v1/flow-templates").json["data"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
            #expect(
                Set(templates) == [
                    "cart_recovery", "cart_recovery_72h", "sms_cart", "checkout_abandoned", "browse_abandoned", "welcome", "post_purchase",
                    "win_back",
                    "loyalty_tier", "vip_cart",
                ]
            )
            let unknown = try await app.request(.post, "/v1/flows", json: ["template": "nope"])
            #expect(unknown.status == .unprocessableContent)
            let negative: JSONValue = [
                "id": "mine", "name": "Mine", "version": 1, "trigger": ["type": "cart_abandoned"],
                "steps": [["id": "w", "type": "wait", "wait": "-1h"], ["id": "e", "type": "send_email", "template": "x"]],
            ]
            let refused = try await app.request(.post, "/v1/flows", json: negative)
            #expect(refused.status == .unprocessableContent)
            #expect(try refused.json["errors"]?.arrayValue?.contains { $0["field"] == "steps[0].wait" } == true)
            let badTrigger = try await app.request(
                .post,
                "/v1/flows",
                json: ["id": "x", "name": "X", "version": 1, "trigger": ["type": "moon_phase"], "steps": []]
            )
            #expect(badTrigger.status == .unprocessableContent)
            #expect(try badTrigger.json["errors"]?.arrayValue?.contains { $0["field"]?.stringValue?.hasPrefix("trigger") == true } == true)
            #expect(try await app.request(.get, "/v1/flows").json["data"]?.arrayValue?.count == 0)

            let yaml = "template: welcome\nname: Welcome (ours)\n"
            let fromYAML = try await app.request(.post, "/v1/flows", body: Array(yaml.utf8), headers: [.contentType: "application/yaml"])
            #expect(fromYAML.status == .created)
            #expect(try fromYAML.json["name"] == "Welcome (ours)")
            let again = try await app.request(.post, "/v1/flows", body: Array(yaml.utf8), headers: [.contentType: "application/yaml"])
            #expect(try again.json["version"] == .int(2))
            #expect(try await app.request(.get, "/v1/flows/welcome?version=1").json["version"] == .int(1))
        }
    }

    /// The ready-made cart recovery flow, end to end on the test clock: abandoned at +60 s, first email due one hour
    /// later, the run ends when the cart converts, and nothing more is logged.
    @Test(arguments: TestEngine.available)
    func cartRecoveryRunsAndStopsWhenTheCartConverts(engine: TestEngine) async throws {
        try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
            let created = try await app.request(.post, "/v1/flows", json: ["template": "cart_recovery"])
            #expect(created.status == .created)
            #expect(try created.json["id"] == "cart_recovery")
            #expect(try created.json["version"] == .int(1))

            let start = app.clock.now
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e1", email: "flow@example.com", emailConsent: true))
            // A second shopper gave no consent to email: the step is logged as skipped, nothing is intended for them.
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e2", token: "c2", email: "quiet@example.com"))
            app.clock.advance(by: 60)
            try await app.detect()
            try await app.runFlows()
            #expect(try await app.store.flowRuns(shopID: app.shop.id, flowID: "cart_recovery").count == 2)
            #expect(try await app.request(.get, "/v1/messages?customer_email=flow@example.com").json["data"]?.arrayValue?.count == 0)

            app.clock.advance(by: 3600)
            try await app.runFlows()
            // A second pass (or a second process) logs nothing twice.
            try await app.runFlows()
            let messages = try await app.request(.get, "/v1/messages?customer_email=flow@example.com").json["data"]?.arrayValue ?? []
            #expect(messages.count == 1)
            let first = try #require(messages.first)
            #expect(first["flow_id"] == "cart_recovery")
            #expect(first["channel"] == "email")
            #expect(first["status"] == "intended")
            #expect(first["step"]?.stringValue != nil)
            #expect(first["scheduled_at"]?.stringValue.flatMap(RFC3339.parse) == start.addingTimeInterval(3660))
            #expect(first["sent_at"] == .null)
            let quiet = try await app.request(.get, "/v1/messages?customer_email=quiet@example.com").json["data"]?.arrayValue ?? []
            #expect(quiet.first?["status"] == "skipped")
            #expect(quiet.contains { $0["status"] == "intended" } == false)

            // The shopper buys the cart: the run ends; 24 h later nothing more is logged.
            let order: JSONValue = [
                "id": "o1", "type": "order_placed", "customer": ["email": "flow@example.com"],
                "properties": ["order_id": "1", "cart_token": "c1", "total": 2500, "lines": [["product_id": "p1", "quantity": 1, "price": 2500]]],
            ]
            try await app.request(.post, "/v1/events", json: order)
            try await app.runFlows()
            app.clock.advance(by: 86400)
            try await app.runFlows()
            #expect(try await app.request(.get, "/v1/messages?flow_id=cart_recovery&status=intended").json["data"]?.arrayValue?.count == 1)
            let runs = try await app.store.flowRuns(shopID: app.shop.id, flowID: "cart_recovery")
            #expect(runs.count == 2)
            #expect(runs.first { $0.cartID != nil && $0.status != "waiting" } != nil)
        }
    }

    /// A run that cannot be carried on goes to the dead-letter list with its reason; the other runs go on.
    @Test(arguments: TestEngine.available)
    func aBrokenRunGoesToTheDeadLetterListAndTheRestGoOn(engine: TestEngine) async throws {
        try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
            try await app.request(.post, "/v1/flows", json: ["template": "cart_recovery"])
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e1", email: "a@example.com", emailConsent: true))
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e2", token: "c2", email: "b@example.com", emailConsent: true))
            app.clock.advance(by: 60)
            try await app.detect()
            try await app.runFlows()
            let runs = try await app.store.flowRuns(shopID: app.shop.id)
            #expect(runs.count == 2)
            let broken = try #require(runs.first)
            try await app.store.engine.withConnection { db in
                try await db.raw("UPDATE flow_runs SET state = 'not json' WHERE id = \(bind: broken.id)").run()
            }
            app.clock.advance(by: 3600)
            try await app.runFlows()
            let dead = try await app.request(.get, "/v1/flow-runs?status=dead").json["data"]?.arrayValue ?? []
            #expect(dead.map { $0["id"]?.stringValue } == [broken.id])
            #expect(dead.first?["error"]?.stringValue?.contains("cannot be read") == true)
            // The healthy run sent its first email.
            let intended = try await app.request(.get, "/v1/messages?status=intended").json["data"]?.arrayValue ?? []
            #expect(intended.count == 1)
            #expect(intended.first?["run_id"]?.stringValue == runs.last?.id)
            // Dead runs are not retried.
            app.clock.advance(by: 86400)
            try await app.runFlows()
            #expect(try await app.request(.get, "/v1/flow-runs?status=dead").json["data"]?.arrayValue?.count == 1)
        }
    }

    /// A clicked recovery email gets the order's revenue: the cart becomes recovered and the report counts it.
    @Test(arguments: TestEngine.available)
    func aClickedMessageRecoversTheCartInTheReport(engine: TestEngine) async throws {
        try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
            let from = app.clock.now
            try await app.request(.post, "/v1/flows", json: ["template": "cart_recovery"])
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e1", email: "r@example.com", emailConsent: true))
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e2", token: "c2", email: "s@example.com", emailConsent: true))
            app.clock.advance(by: 60)
            try await app.detect()
            try await app.runFlows()
            app.clock.advance(by: 3600)
            try await app.runFlows()
            let message = try #require(try await app.request(.get, "/v1/messages?customer_email=r@example.com").json["data"]?.arrayValue?.first)
            let key = try #require(message["key"]?.stringValue)
            app.clock.advance(by: 600)
            #expect(try await app.store.recordEngagement(shopID: app.shop.id, messageKey: key, clicked: true, at: app.clock.now))
            app.clock.advance(by: 600)
            let order: JSONValue = [
                "id": "o1", "type": "order_placed", "customer": ["email": "r@example.com"],
                "properties": [
                    "order_id": "1001", "cart_token": "c1", "total": 2500, "lines": [["product_id": "p1", "quantity": 1, "price": 2500]],
                ],
            ]
            try await app.request(.post, "/v1/events", json: order)
            try await app.runFlows()
            let recovered = try await app.request(.get, "/v1/carts?state=recovered").json["data"]?.arrayValue ?? []
            #expect(recovered.count == 1)
            #expect(recovered.first?["customer"]?["email"] == "r@example.com")
            let to = RFC3339.format(app.clock.now.addingTimeInterval(1))
            let report = try await app.request(.get, "/v1/reports/recovery?from=\(RFC3339.format(from))&to=\(to)").json
            #expect(report["abandoned_carts"] == .int(2))
            #expect(report["recovered_carts"] == .int(1))
            #expect(report["recovery_rate"] == .double(0.5))
            #expect(report["recovered_revenue"] == .int(2500))
            #expect(report["by_flow"]?.arrayValue?.first?["flow_id"] == "cart_recovery")
            #expect(report["by_channel"]?.arrayValue?.first?["channel"] == "email")
            #expect(report["by_step"]?.arrayValue?.first?["step"] == message["step"])
            let backwards = try await app.request(.get, "/v1/reports/recovery?from=\(to)&to=\(RFC3339.format(from))")
            #expect(backwards.status == .badRequest)
        }
    }

    /// A recovery email that falls due in the recipient's quiet hours (21:00–08:00, the shop's zone) waits for the morning.
    @Test(arguments: TestEngine.available)
    func quietHoursDeferTheEmailToTheMorning(engine: TestEngine) async throws {
        try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
            try await app.request(.post, "/v1/flows", json: ["template": "cart_recovery"])
            // 20:30 UTC is 21:30 in Berlin (the test shop's zone) on 2026-11-26.
            app.clock.advance(by: 10.5 * 3600)
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("n1", email: "night@example.com", emailConsent: true))
            app.clock.advance(by: 60)
            try await app.detect()
            try await app.runFlows()
            app.clock.advance(by: 3600)
            try await app.runFlows()
            let message = try #require(try await app.request(.get, "/v1/messages?customer_email=night@example.com").json["data"]?.arrayValue?.first)
            #expect(message["status"] == "intended")
            #expect(message["detail"] == "deferred: quiet_hours")
            // 08:00 in Berlin the next morning is 07:00 UTC.
            #expect(message["scheduled_at"]?.stringValue == "2026-11-27T07:00:00.000Z")
        }
    }
}
