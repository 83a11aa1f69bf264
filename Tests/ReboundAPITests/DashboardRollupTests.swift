import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundAPI
import ReboundCore
import ReboundStore
import ReboundTesting
import SQLKit
import Testing

/// The dashboard's daily rollups against a raw recomputation from the source rows, on both engines, while the shop
/// keeps changing: late and out-of-order events, sends, opens and clicks, attribution, a refund, an agent's reply.
@Suite struct DashboardRollupTests {
    static let day: TimeInterval = 86_400

    /// The raw figures of `[from, from + days)` as the rollups define them: distinct counts are summed per day.
    static func expected(_ app: TestApp, from: Date, days: Int) async throws -> DashboardData {
        var data = try await app.store.recomputeDashboardData(
            shopID: app.shop.id,
            from: from,
            to: from.addingTimeInterval(Double(days) * day),
            dayStart: from,
            days: days
        )
        data.recipients = 0
        data.recipientsDaily = []
        (data.viewed, data.carted, data.checkout, data.ordered) = (0, 0, 0, 0)
        (data.cartVisitors, data.chatted, data.chattedConverted, data.notChattedConverted) = (0, 0, 0, 0)
        for offset in 0..<days {
            let start = from.addingTimeInterval(Double(offset) * day)
            let one = try await app.store.recomputeDashboardData(
                shopID: app.shop.id,
                from: start,
                to: start.addingTimeInterval(day),
                dayStart: start,
                days: 1
            )
            data.recipients += one.recipients
            data.recipientsDaily.append(one.recipients)
            data.viewed += one.viewed
            data.carted += one.carted
            data.checkout += one.checkout
            data.ordered += one.ordered
            data.cartVisitors += one.cartVisitors
            data.chatted += one.chatted
            data.chattedConverted += one.chattedConverted
            data.notChattedConverted += one.notChattedConverted
        }
        return data
    }

    /// Both sides with unanswered conversations split the same way (counted before `split`, listed after).
    static func comparable(_ data: DashboardData, split: Date?) -> DashboardData {
        var data = data
        data.normalize()
        let cut = split?.epochMilliseconds ?? Int64.min
        for (channel, var times) in data.channels {
            for (at, count) in times.unansweredAt where at < cut {
                times.unansweredEarlier += count
                times.unansweredAt[at] = nil
            }
            data.channels[channel] = times
        }
        data.unansweredSplit = nil
        return data
    }

    static func expectRollupsExact(_ app: TestApp, from: Date, days: Int, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let rollup = try await app.store.dashboardData(
            shopID: app.shop.id,
            from: from,
            to: from.addingTimeInterval(Double(days) * day),
            dayStart: from,
            days: days,
            now: app.clock.now
        )
        let raw = try await expected(app, from: from, days: days)
        #expect(comparable(rollup, split: rollup.unansweredSplit) == comparable(raw, split: rollup.unansweredSplit), sourceLocation: sourceLocation)
        let recovery = try await app.store.recoveryReport(shop: app.shop, from: from, to: from.addingTimeInterval(Double(days) * day))
        let derived = rollup.recoveryReport(currency: app.shop.currency.rawValue)
        #expect(
            derived.abandonedCarts == recovery.abandonedCarts && derived.recoveredRevenue == recovery.recoveredRevenue,
            sourceLocation: sourceLocation
        )
        #expect(Set(derived.byStep) == Set(recovery.byStep) && Set(derived.byVariant) == Set(recovery.byVariant), sourceLocation: sourceLocation)
    }

    static func sendMessage(_ app: TestApp, key: String, step: String, recipient: String, sentAt: Date) async throws {
        // As the flow engine's outbox records a send (the triggers, not the writer, keep the rollups exact).
        let shop = app.shop.id.rawValue, at = sentAt.epochMilliseconds
        try await app.store.engine.withConnection { db in
            try await db.raw(
                """
                INSERT INTO messages (shop_id, id, key, flow_id, step, channel, status, recipient, scheduled_at, sent_at, created_at)
                VALUES (\(bind: shop), \(bind: "msg-" + key), \(bind: key), 'cart', \(bind: step), 'email', 'sent', \(bind: recipient),
                \(bind: at), \(bind: at), \(bind: at))
                """
            ).run()
        }
    }

    @Test(arguments: TestEngine.available)
    func rollupsEqualTheRawRecomputationAsTheShopChanges(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let today = Date(epochMilliseconds: app.clock.now.epochMilliseconds / 86_400_000 * 86_400_000)
            let weekStart = today.addingTimeInterval(-6 * Self.day)
            try await DashboardReportTests.seed(app)
            try await Self.sendMessage(app, key: "m1", step: "s1", recipient: "a1@example.com", sentAt: app.clock.now)
            try await Self.sendMessage(app, key: "m2", step: "s1", recipient: "a2@example.com", sentAt: app.clock.now)
            try await Self.sendMessage(app, key: "m0", step: "s2", recipient: "a1@example.com", sentAt: today.addingTimeInterval(-Self.day + 60))
            try await app.store.recordEngagement(shopID: app.shop.id, messageKey: "m1", clicked: true, at: app.clock.now)
            try await Self.expectRollupsExact(app, from: today, days: 1)
            try await Self.expectRollupsExact(app, from: weekStart, days: 7)

            // Now the days are rolled up; everything below must reach them through the triggers.
            let late: [JSONValue] = [
                [
                    "id": "late1", "type": "viewed_product", "anonymous_id": "a9", "properties": ["product_id": "p1"],
                    "occurred_at": .string(RFC3339.format(today.addingTimeInterval(-3 * Self.day + 3600))),
                ],
                [
                    "id": "late2", "type": "viewed_product", "anonymous_id": "a1", "properties": ["product_id": "p2"],
                    "occurred_at": .string(RFC3339.format(today.addingTimeInterval(-Self.day + 7200))),
                ],
                [
                    "id": "late3", "type": "csat_submitted", "anonymous_id": "a3", "properties": ["score": 2],
                    "occurred_at": .string(RFC3339.format(today.addingTimeInterval(-2 * Self.day))),
                ],
                [
                    "id": "late4", "type": "recommendation_added", "anonymous_id": "a3",
                    "properties": ["placement": "thank_you", "price": 700, "quantity": 2],
                    "occurred_at": .string(RFC3339.format(today.addingTimeInterval(-Self.day))),
                ],
            ]
            #expect(try await app.request(.post, "/v1/events", json: ["events": .array(late)]).status == .accepted)
            try await app.store.recordEngagement(shopID: app.shop.id, messageKey: "m0", clicked: false, at: app.clock.now)
            let shop = app.shop.id.rawValue
            try await app.store.engine.withConnection { db in
                // As `FlowTransaction.attribute` credits an order, then a platform sync records a partial refund.
                try await db.raw(
                    """
                    UPDATE orders SET attributed_message = 'm1', attributed_flow = 'cart', attributed_step = 's1', attributed_channel = 'email',
                    attributed_variant = 'a' WHERE shop_id = \(bind: shop) AND external_id = '1001'
                    """
                ).run()
                try await db.raw("UPDATE orders SET refunded_total = 500 WHERE shop_id = \(bind: shop) AND external_id = '1001'").run()
            }
            let email = try #require(
                try await app.store.conversations(shopID: app.shop.id, status: nil, limit: 10).first { $0.channel == "email" }
            )
            _ = try await app.store.appendConversationMessage(
                shopID: app.shop.id,
                to: .existing(id: email.id),
                author: "agent",
                authorName: "Ann",
                body: "Anything else?",
                now: app.clock.now
            )
            try await Self.expectRollupsExact(app, from: today, days: 1)
            try await Self.expectRollupsExact(app, from: weekStart, days: 7)
            let data = try await app.store.dashboardData(
                shopID: app.shop.id,
                from: today,
                to: today.addingTimeInterval(Self.day),
                dayStart: today,
                days: 1,
                now: app.clock.now
            )
            #expect(data.recoveredRevenueDaily == [1500])
            #expect(data.deflected == 0, "the agent replied in the email conversation")

            // A rebuild from scratch gives the same rollups, and the page and JSON read them.
            let before = try await app.store.dashboardData(
                shopID: app.shop.id,
                from: weekStart,
                to: today.addingTimeInterval(Self.day),
                dayStart: weekStart,
                days: 7
            )
            #expect(try await app.store.rebuildDashboardRollups(shopID: app.shop.id) >= 4)
            let after = try await app.store.dashboardData(
                shopID: app.shop.id,
                from: weekStart,
                to: today.addingTimeInterval(Self.day),
                dayStart: weekStart,
                days: 7
            )
            #expect(before == after)
            let report = try await app.request(.get, "/v1/reports/dashboard?days=7")
            #expect(report.status == .ok)
            #expect(try report.json["kpis"]?["recovered_revenue"]?["current"] == .int(1500))
        }
    }

    @Test(arguments: TestEngine.available)
    func backwardsAndYearsLongRangesAreHandled(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await DashboardReportTests.seed(app)
            let today = Date(epochMilliseconds: app.clock.now.epochMilliseconds / 86_400_000 * 86_400_000)
            // The longest period a report allows: three years of days, read from the rollups, equal to the raw scan.
            let days = ReportPeriod.maximumDays
            let from = today.addingTimeInterval(-Double(days - 1) * Self.day)
            try await Self.expectRollupsExact(app, from: from, days: days)
            // A backwards or empty range reads nothing instead of failing.
            let backwards = try await app.store.dashboardData(shopID: app.shop.id, from: today, to: from, dayStart: today, days: -5)
            #expect(backwards.cartsCreated == 0 && backwards.createdDaily.isEmpty)
            #expect(try await app.request(.get, "/v1/reports/dashboard?from=2026-11-26&to=2026-11-01").status == .badRequest)
            #expect(try await app.request(.get, "/v1/reports/dashboard?from=2020-01-01&to=2026-11-26").status == .badRequest)
            #expect(try await app.request(.get, "/v1/reports/dashboard?from=2023-11-28&to=2026-11-26").status == .ok)
        }
    }
}
