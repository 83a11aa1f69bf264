import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundAPI
import ReboundAnalytics
import ReboundCore
import ReboundTesting
import Testing

/// The optional visit model, trained on a shop's own visits: here the first 1,000 sessions of the UCI Online Shoppers
/// data replayed as storefront events (page and product views spread over the recorded durations, returning visitors
/// with an earlier visit, weekend sessions on a Saturday, an order where the session had revenue).
@Suite struct RiskModelTests {
    struct Session {
        var pages: Int
        var products: Int
        var seconds: Double
        var returning: Bool
        var weekend: Bool
        var revenue: Bool
    }

    static func sessions(limit: Int) throws -> [Session] {
        let url = sharedDataURL().appendingPathComponent("online_shoppers/online_shoppers_intention_train.csv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst().prefix(limit)
        return lines.compactMap { line in
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 18, let admin = Int(f[0]), let info = Int(f[2]), let products = Int(f[4]) else { return nil }
            let seconds = [f[1], f[3], f[5]].compactMap(Double.init).reduce(0, +)
            return Session(
                pages: admin + info,
                products: products,
                seconds: seconds,
                returning: f[15] == "Returning_Visitor",
                weekend: f[16] == "TRUE",
                revenue: f[17] == "TRUE"
            )
        }
    }

    /// The session as events, at most 40 views (counts are log-scaled by the model; long tails change little).
    static func events(_ session: Session, index: Int, now: Date) -> [JSONValue] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Berlin")!
        // A day in the last 80 days: a Saturday for weekend sessions, a Wednesday otherwise.
        var day = calendar.startOfDay(for: now.addingTimeInterval(-Double(5 + index % 75) * 86_400))
        while calendar.component(.weekday, from: day) != (session.weekend ? 7 : 4) { day = day.addingTimeInterval(-86_400) }
        let start = day.addingTimeInterval(10 * 3600 + Double(index % 600) * 60)
        let visitor = "uci_\(index)"
        var out: [JSONValue] = []
        func event(_ type: String, _ at: Date, _ properties: [String: JSONValue] = [:]) {
            out.append([
                "id": .string("\(visitor)-\(out.count)"), "type": .string(type), "anonymous_id": .string(visitor),
                "occurred_at": .string(RFC3339.format(at)), "properties": .object(properties.merging(["device": "desktop"]) { a, _ in a }),
            ])
        }
        if session.returning { event("page_viewed", start.addingTimeInterval(-3 * 86_400)) }
        let views = min(40, session.pages + session.products)
        let pages = min(session.pages, views)
        let step = views > 1 ? min(session.seconds, 6 * 3600) / Double(views - 1) : 0
        for n in 0..<max(views, 1) {
            let at = start.addingTimeInterval(Double(n) * min(step, 1700))
            if n < pages || views == 0 { event("page_viewed", at) } else { event("viewed_product", at, ["product_id": .string("p\(n % 7)")]) }
        }
        if session.revenue {
            event(
                "order_placed",
                start.addingTimeInterval(Double(views) * min(step, 1700) + 300),
                [
                    "order_id": .string("uci-order-\(index)"), "total": 4990, "currency": "EUR",
                    "lines": [["product_id": "p1", "quantity": 1, "price": 4990]],
                ]
            )
        }
        return out
    }

    static func score(_ app: TestApp, _ body: JSONValue) async throws -> TestResponse {
        try await app.request(.post, "/v1/widget/risk?key=\(app.shop.publicKey)", json: body, headers: [.authorization: "none"])
    }

    @Test(arguments: TestEngine.available)
    func trainsOnTheShopsVisitsReportsHeldOutAUCAndTimesTheChat(engine: TestEngine) async throws {
        let sessions = try Self.sessions(limit: 1000)
        try await withTestApp(engine) { app in
            // Without a model the script keeps the shop's delay.
            let untrained = try await Self.score(app, ["page_views": 3])
            #expect(try untrained.json["prompt"] == true && untrained.json["delay_seconds"] == 45)
            #expect(try await app.request(.get, "/v1/risk-model").status == .notFound)

            // Too little to learn from is a clear 422.
            let few = sessions.prefix(20).enumerated().flatMap { Self.events($1, index: $0, now: app.clock.now) }
            #expect(try await app.request(.post, "/v1/events", json: ["events": .array(few)]).status == .accepted)
            let tooFew = try await app.request(.post, "/v1/risk-model/train")
            #expect(tooFew.status == .unprocessableContent)
            #expect(try tooFew.json["errors"]?.jsonText.contains("at least 50") == true)

            let all = sessions.enumerated().dropFirst(20).flatMap { Self.events($1, index: $0, now: app.clock.now) }
            for chunk in stride(from: 0, to: all.count, by: 1000) {
                let batch = Array(all[chunk..<min(all.count, chunk + 1000)])
                #expect(try await app.request(.post, "/v1/events", json: ["events": .array(batch)]).status == .accepted)
            }
            let trained = try await app.request(.post, "/v1/risk-model/train")
            #expect(trained.status == .created)
            let summary = try trained.json
            let buyers = sessions.filter(\.revenue).count
            #expect(summary["sessions"]?.int64Value == Int64(sessions.count + sessions.filter(\.returning).count))
            #expect(summary["conversions"]?.int64Value == Int64(buyers))
            let auc = try #require(summary["held_out_auc"]?.doubleValue)
            print("risk model: \(sessions.count) UCI sessions, \(buyers) with revenue, held-out AUC \(auc)")
            #expect(auc > 0.7)
            #expect(try await app.request(.get, "/v1/risk-model").json["held_out_auc"]?.doubleValue == auc)

            // A long, engaged visit scores above a bounce; the bounce is offered help early, the engaged one is left alone
            // or keeps the usual timing.
            let bounce = try await Self.score(app, ["page_views": 1, "product_views": 0, "minutes": 0, "returning": false]).json
            let engaged = try await Self.score(
                app,
                ["page_views": 40, "product_views": 35, "minutes": 45, "returning": true, "cart_adds": 2, "cart_value": 120]
            ).json
            let low = try #require(bounce["probability"]?.doubleValue), high = try #require(engaged["probability"]?.doubleValue)
            #expect(low < high)
            #expect(bounce["delay_seconds"] == 15 && bounce["prompt"] == true)
            #expect(engaged["delay_seconds"] != 15)

            // Bad input is a problem document, never a crash.
            #expect(try await Self.score(app, ["page_views": -1]).status == .unprocessableContent)
            #expect(try await Self.score(app, ["minutes": "long"]).status == .unprocessableContent)
            #expect(try await app.request(.post, "/v1/widget/risk?key=pk_nope", json: [:], headers: [.authorization: "none"]).status == .unauthorized)
        }
    }

    @Test func timingFollowsTheProbabilityAgainstTheUsualRate() {
        #expect(RiskTiming.decide(probability: 0.02, baseRate: 0.15, baseDelay: 45).delay == 15)
        #expect(RiskTiming.decide(probability: 0.10, baseRate: 0.15, baseDelay: 45).delay == 45)
        #expect(RiskTiming.decide(probability: 0.80, baseRate: 0.15, baseDelay: 45).delay == nil)
        #expect(RiskTiming.decide(probability: 0.01, baseRate: 0.15, baseDelay: 20).delay == 10)
    }
}
