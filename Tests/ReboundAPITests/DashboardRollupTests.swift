import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
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

    /// The shop's days (the test shop is in Europe/Berlin), or those of `zone` once a test changed the shop's zone.
    static func calendar(_ app: TestApp, zone: String? = nil) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: zone ?? app.shop.timeZone)!
        return calendar
    }

    /// Local midnight `days` days after `date`'s.
    static func midnight(_ app: TestApp, _ date: Date, plus days: Int = 0, zone: String? = nil) -> Date {
        let calendar = calendar(app, zone: zone)
        return calendar.date(byAdding: .day, value: days, to: calendar.startOfDay(for: date))!
    }

    /// The raw figures of the `days` local days from `from` as the rollups define them: distinct counts are summed per day.
    static func expected(_ app: TestApp, from: Date, days: Int, zone: String? = nil) async throws -> DashboardData {
        var data = try await app.store.recomputeDashboardData(
            shopID: app.shop.id,
            from: from,
            to: midnight(app, from, plus: days, zone: zone),
            dayStart: from,
            days: days
        )
        data.recipients = 0
        data.recipientsDaily = []
        (data.viewed, data.carted, data.checkout, data.ordered) = (0, 0, 0, 0)
        (data.cartVisitors, data.chatted, data.chattedConverted, data.notChattedConverted) = (0, 0, 0, 0)
        for offset in 0..<days {
            let start = midnight(app, from, plus: offset, zone: zone)
            let one = try await app.store.recomputeDashboardData(
                shopID: app.shop.id,
                from: start,
                to: midnight(app, from, plus: offset + 1, zone: zone),
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

    /// The rollups of the `days` local days from `from` (a local midnight) equal the raw scan; returns them.
    @discardableResult
    static func expectRollupsExact(
        _ app: TestApp,
        from: Date,
        days: Int,
        zone: String? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> DashboardData {
        let to = midnight(app, from, plus: days, zone: zone)
        let rollup = try await app.store.dashboardData(shopID: app.shop.id, from: from, to: to, dayStart: from, days: days, now: app.clock.now)
        // Only the rollup path sets the split: a raw fallback would compare the raw scan with itself.
        #expect(rollup.unansweredSplit != nil, "read from the rollups", sourceLocation: sourceLocation)
        let raw = try await expected(app, from: from, days: days, zone: zone)
        #expect(comparable(rollup, split: rollup.unansweredSplit) == comparable(raw, split: rollup.unansweredSplit), sourceLocation: sourceLocation)
        let recovery = try await app.store.recoveryReport(shop: app.shop, from: from, to: to)
        let derived = rollup.recoveryReport(currency: app.shop.currency.rawValue)
        #expect(
            derived.abandonedCarts == recovery.abandonedCarts && derived.recoveredRevenue == recovery.recoveredRevenue,
            sourceLocation: sourceLocation
        )
        #expect(Set(derived.byStep) == Set(recovery.byStep) && Set(derived.byVariant) == Set(recovery.byVariant), sourceLocation: sourceLocation)
        return rollup
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
            let today = Self.midnight(app, app.clock.now)
            let weekStart = Self.midnight(app, today, plus: -6)
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
                to: Self.midnight(app, today, plus: 1),
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
                to: Self.midnight(app, today, plus: 1),
                dayStart: weekStart,
                days: 7
            )
            #expect(try await app.store.rebuildDashboardRollups(shopID: app.shop.id) >= 4)
            let after = try await app.store.dashboardData(
                shopID: app.shop.id,
                from: weekStart,
                to: Self.midnight(app, today, plus: 1),
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
            let today = Self.midnight(app, app.clock.now)
            // The longest period a report allows: three years of days (six DST changes), read from the rollups, equal
            // to the raw scan.
            let days = ReportPeriod.maximumDays
            let from = Self.midnight(app, today, plus: -(days - 1))
            try await Self.expectRollupsExact(app, from: from, days: days)
            // A backwards or empty range reads nothing instead of failing.
            let backwards = try await app.store.dashboardData(shopID: app.shop.id, from: today, to: from, dayStart: today, days: -5)
            #expect(backwards.cartsCreated == 0 && backwards.createdDaily.isEmpty)
            #expect(try await app.request(.get, "/v1/reports/dashboard?from=2026-11-26&to=2026-11-01").status == .badRequest)
            #expect(try await app.request(.get, "/v1/reports/dashboard?from=2020-01-01&to=2026-11-26").status == .badRequest)
            #expect(try await app.request(.get, "/v1/reports/dashboard?from=2023-11-28&to=2026-11-26").status == .ok)
        }
    }

    /// Posts the UCI sample's baskets as storefront activity: invoice `i` is viewed and carted (its real lines, stock
    /// codes, quantities and prices) at `times[i]`, and every other invoice checked out and ordered just after. The data's own
    /// dates (2010-12-01, mornings) are moved to the nights around the 2025 DST changes; nothing else is invented.
    static func postBaskets(_ app: TestApp, invoices: [String], times: [Date], tokenSuffix: String = "") async throws {
        var events: [JSONValue] = []
        for (index, invoice) in invoices.enumerated() {
            let lines = RetailSample.lines.filter { $0.invoice == invoice }
            let at = times[index], visitor = JSONValue.string("c" + lines[0].customer), token = JSONValue.string(invoice + tokenSuffix)
            func event(_ id: String, _ type: String, _ time: Date, _ properties: [String: JSONValue]) -> JSONValue {
                [
                    "id": .string(invoice + tokenSuffix + "-" + id), "type": .string(type), "anonymous_id": visitor,
                    "properties": .object(properties), "occurred_at": .string(RFC3339.format(time)),
                ]
            }
            for (n, line) in lines.enumerated() {
                events.append(event("v\(n)", "viewed_product", at, ["product_id": .string(line.code)]))
                events.append(
                    event(
                        "c\(n)",
                        "added_to_cart",
                        at,
                        [
                            "cart_token": token, "product_id": .string(line.code), "quantity": .int(Int64(line.quantity)),
                            "price": .int(line.price), "currency": "GBP", "device": .string(index % 3 == 0 ? "mobile" : "desktop"),
                        ]
                    )
                )
            }
            guard index % 2 == 0 else { continue }
            let total = lines.reduce(Int64(0)) { $0 + $1.price * Int64($1.quantity) }
            // A second and two seconds later, so the order of the cart's events never rests on equal times.
            events.append(
                event(
                    "s",
                    "started_checkout",
                    at.addingTimeInterval(1),
                    ["cart_token": token, "checkout_token": .string("ck-" + invoice + tokenSuffix)]
                )
            )
            let orderLines = lines.map {
                JSONValue.object(["product_id": .string($0.code), "quantity": .int(Int64($0.quantity)), "price": .int($0.price)])
            }
            events.append(
                event(
                    "o",
                    "order_placed",
                    at.addingTimeInterval(2),
                    [
                        "order_id": .string(invoice + tokenSuffix), "total": .int(total), "currency": "GBP", "cart_token": token,
                        "lines": .array(orderLines),
                    ]
                )
            )
        }
        let response = try await app.request(.post, "/v1/events", json: ["events": .array(events)])
        #expect(response.status == .accepted)
        #expect(try response.json["accepted"] == .int(Int64(events.count)))
    }

    /// A shop in Europe/Berlin: its rollups are kept per local day — 23 hours on 2025-03-30, 25 hours on 2025-10-26 —
    /// equal to the raw scan, while late and out-of-order writes land near local midnight, and rebuilt when the shop's
    /// zone changes.
    @Test(arguments: TestEngine.available)
    func localDaysAcrossDSTChangesStayExact(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            #expect(app.shop.timeZone == "Europe/Berlin")
            func at(_ text: String) -> Date { RFC3339.parse(text)! }
            try await app.store.saveProducts(RetailSample.products(now: app.clock.now), shopID: app.shop.id)
            // Near local midnight (CET is UTC+1, CEST UTC+2), one invoice each.
            let times = [
                "2025-03-29T22:59:59.999Z",  // 23:59:59.999 CET, Saturday 29 March
                "2025-03-29T23:00:00Z",  // 00:00 CET, Sunday 30 March: 23 hours long, on UTC day 29 March
                "2025-03-30T00:59:00Z",  // 01:59 CET, just before the clocks go to 03:00
                "2025-03-30T01:00:00Z",  // 03:00 CEST
                "2025-03-30T21:59:59.999Z",  // 23:59:59.999 CEST, still 30 March
                "2025-03-30T22:00:00Z",  // 00:00 CEST, Monday 31 March, on UTC day 30 March
                "2025-10-25T22:30:00Z",  // 00:30 CEST, Sunday 26 October: 25 hours long, on UTC day 25 October
                "2025-10-26T00:30:00Z",  // 02:30 CEST, the first time
                "2025-10-26T01:30:00Z",  // 02:30 CET, the second time
                "2025-10-26T22:59:00Z",  // 23:59 CET, still 26 October
            ].map(at)
            try await Self.postBaskets(app, invoices: RetailSample.invoices, times: times)
            // A chat at 23:59 CEST answered after 95 s, at 00:00:35 the next local day; an email answered after 3 min 7 s
            // and resolved after 2 h 3 min 17 s (bucketed at 2 h 4 min).
            let chat = try await app.store.appendConversationMessage(
                shopID: app.shop.id,
                to: .find(channel: "chat", customerID: nil, visitorID: "c17850", externalThread: nil, subject: nil, cartID: nil),
                author: "shopper",
                authorName: nil,
                body: "Do the hand warmers come in pairs?",
                now: at("2025-10-25T21:59:00Z")
            )
            _ = try await app.store.appendConversationMessage(
                shopID: app.shop.id,
                to: .existing(id: chat.conversation.id),
                author: "agent",
                authorName: "Ann",
                body: "They do.",
                now: at("2025-10-25T22:00:35Z")
            )
            let email = try await app.store.appendConversationMessage(
                shopID: app.shop.id,
                to: .find(channel: "email", customerID: nil, visitorID: "c13047", externalThread: "t-9", subject: "Coat racks", cartID: nil),
                author: "shopper",
                authorName: nil,
                body: "Is the blue one in stock?",
                now: at("2025-03-29T22:30:00Z")
            )
            _ = try await app.store.appendConversationMessage(
                shopID: app.shop.id,
                to: .existing(id: email.conversation.id),
                author: "agent",
                authorName: "Ann",
                body: "Yes.",
                now: at("2025-03-29T22:33:07Z")
            )
            let resolved = at("2025-03-30T00:33:17Z").epochMilliseconds, shop = app.shop.id.rawValue
            try await app.store.engine.withConnection { db in
                try await db.raw(
                    "UPDATE conversations SET resolved_at = \(bind: resolved) WHERE shop_id = \(bind: shop) AND id = \(bind: email.conversation.id)"
                )
                .run()
            }

            let march = at("2025-03-23T23:00:00Z"), october = at("2025-10-19T22:00:00Z")  // Mondays, local midnight
            let spring = try await Self.expectRollupsExact(app, from: march, days: 14)
            // Hand count by local day (UTC days would give 2, 4): Saturday 1, Sunday (23 h) 4, Monday 1.
            #expect(Array(spring.createdDaily[5...7]) == [1, 4, 1])
            #expect(spring.channels["email"]?.responseSeconds == [187: 1])
            #expect(spring.channels["email"]?.resolutionSeconds == [7440: 1])
            let autumn = try await Self.expectRollupsExact(app, from: october, days: 14)
            #expect(Array(autumn.createdDaily[5...7]) == [0, 4, 0])
            // 24 March to 2 November: April to October from the monthly sums, the days either side from the days.
            let seasons = try await Self.expectRollupsExact(app, from: march, days: 224)
            #expect(seasons.channels["email"]?.resolutionSeconds == [7440: 1] && seasons.channels["chat"]?.responseSeconds == [95: 1])
            #expect(autumn.channels["chat"]?.responseSeconds == [95: 1] && autumn.intentDaily["other"]?[5] == 1)

            // Late and out-of-order writes, all on UTC day 25 October: one on local 25 October, one at 00:45 CEST on
            // local 26 October. Reading 26 October alone must also refresh 25 October before the marker goes.
            try await Self.postBaskets(
                app,
                invoices: ["536366", "536372"],
                times: [at("2025-10-25T10:00:00Z"), at("2025-10-25T22:45:00Z")],
                tokenSuffix: "-late"
            )
            let sunday = Self.midnight(app, at("2025-10-26T12:00:00Z"))
            let saturday = Self.midnight(app, at("2025-10-25T12:00:00Z"))
            #expect(try await Self.expectRollupsExact(app, from: sunday, days: 1).createdDaily == [5])
            let markers = try await app.store.engine.withConnection { db in
                try await db.raw("SELECT COUNT(*) AS n FROM dashboard_dirty WHERE shop_id = \(bind: shop)").first()?.decode(
                    column: "n",
                    as: Int64.self
                )
            }
            #expect(markers == 0, "the late writes' UTC day was refreshed whole")
            #expect(try await Self.expectRollupsExact(app, from: saturday, days: 1).createdDaily == [1])
            #expect(try await Self.expectRollupsExact(app, from: october, days: 14).createdDaily[5...7] == [1, 5, 0])
            #expect(try await Self.expectRollupsExact(app, from: march, days: 224).cartsCreated == seasons.cartsCreated + 2)

            // The shop moves to UTC: the next read rebuilds the rollups for UTC days (no Berlin day is shown for a
            // UTC day), then back.
            let setZone: @Sendable (String) async throws -> Void = { zone in
                try await app.store.engine.withConnection { db in
                    try await db.raw("UPDATE shops SET time_zone = \(bind: zone) WHERE id = \(bind: shop)").run()
                }
            }
            try await setZone("UTC")
            let utcOctober = at("2025-10-20T00:00:00Z")
            let utc = try await Self.expectRollupsExact(app, from: utcOctober, days: 14, zone: "UTC")
            // UTC 25 October: 10:00, 22:30, 22:45; UTC 26 October: 00:30, 01:30, 22:59.
            #expect(Array(utc.createdDaily[5...6]) == [3, 3])
            let recorded = try await app.store.engine.withConnection { db in
                try await db.raw("SELECT time_zone FROM dashboard_zone WHERE shop_id = \(bind: shop)").first()?.decode(
                    column: "time_zone",
                    as: String.self
                )
            }
            #expect(recorded == TimeZone(identifier: "UTC")?.identifier)  // Foundation on Linux names it "GMT"
            try await setZone("Europe/Berlin")
            #expect(try await Self.expectRollupsExact(app, from: october, days: 14).createdDaily[5...7] == [1, 5, 0])
            try await Self.expectRollupsExact(app, from: march, days: 14)
            try await Self.expectRollupsExact(app, from: march, days: 224)

            // The page reads the same Berlin days: 31 days in October 2025 (one of 25 hours), from the rollups.
            let report = try await app.request(.get, "/v1/reports/dashboard?from=2025-10-01&to=2025-10-31")
            #expect(report.status == .ok)
            #expect(try report.json["kpis"]?["carts_created"] == .int(6))
        }
    }

    /// Migration 18 turns the bucket rows that migrations 11–17 wrote (one per channel and wait) into one histogram row
    /// per day, metric and channel, in place: the dashboard reads the same figures without recomputing a day.
    @Test(arguments: TestEngine.available)
    func migrationEighteenEncodesTheBucketRowsInPlace(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await DashboardReportTests.seed(app)
            let today = Self.midnight(app, app.clock.now), weekStart = Self.midnight(app, today, plus: -6)
            let shop = app.shop.id.rawValue, at = today.addingTimeInterval(3600).epochMilliseconds
            try await app.store.engine.withConnection { db in
                // More chats that day, so its histograms hold several buckets, one of them twice, and a wait beyond the
                // buckets counted by position (a resolution after 41 days).
                for (index, wait) in [5, 5, 61, 4000, 1_800_000].enumerated() {
                    let answered = at + Int64(wait) * 1000, resolved = at + Int64(wait) * 2000
                    try await db.raw(
                        """
                        INSERT INTO conversations (shop_id, id, visitor_id, channel, status, created_at, updated_at, first_response_at, resolved_at)
                        VALUES (\(bind: shop), \(bind: "mig-\(index)"), \(bind: "mv\(index)"), 'chat', 'resolved', \(bind: at), \(bind: resolved),
                        \(bind: answered), \(bind: resolved))
                        """
                    ).run()
                }
            }
            let before = try await Self.expectRollupsExact(app, from: weekStart, days: 7)

            struct Row: Hashable {
                var day: Int64, metric: String, label: String, value: Int64, buckets: [Int64: Int64]
            }
            func histograms() async throws -> Set<Row> {
                try await app.store.engine.withConnection { db in
                    let rows = try await db.raw(
                        """
                        SELECT day, metric, label, value, buckets FROM dashboard_daily
                        WHERE shop_id = \(bind: shop) AND metric IN ('conv.response', 'conv.resolution')
                        """
                    ).all()
                    return Set(
                        try rows.map { row in
                            var buckets: [Int64: Int64] = [:]
                            for pair in try row.decode(column: "buckets", as: String?.self)?.split(separator: " ") ?? [] {
                                let parts = pair.split(separator: ":").compactMap { Int64($0) }
                                try #require(parts.count == 2, "\(pair) is edge:count")
                                buckets[parts[0], default: 0] += parts[1]
                            }
                            return Row(
                                day: try row.decode(column: "day", as: Int64.self),
                                metric: try row.decode(column: "metric", as: String.self),
                                label: try row.decode(column: "label", as: String.self),
                                value: try row.decode(column: "value", as: Int64.self),
                                buckets: buckets
                            )
                        }
                    )
                }
            }
            let encoded = try await histograms()
            #expect(encoded.contains { $0.label == "chat" && $0.metric == "conv.response" && $0.buckets.count == 5 && $0.value == 6 })
            #expect(encoded.allSatisfy { $0.value == $0.buckets.values.reduce(0, +) })

            // Back to migration 17's schema and rows: one row per bucket, labelled channel␟edge.
            try await app.store.engine.withConnection { db in
                try await db.raw("DELETE FROM dashboard_daily WHERE shop_id = \(bind: shop) AND metric IN ('conv.response', 'conv.resolution')").run()
                try await db.raw("ALTER TABLE dashboard_daily DROP COLUMN buckets").run()
                try await db.raw("DROP TABLE dashboard_monthly").run()
                try await db.raw("ALTER TABLE dashboard_zone DROP COLUMN months").run()
                try await db.raw("DELETE FROM rebound_migrations WHERE version = 18").run()
                for row in encoded {
                    for (edge, count) in row.buckets {
                        try await db.raw(
                            """
                            INSERT INTO dashboard_daily (shop_id, day, metric, label, value)
                            VALUES (\(bind: shop), \(bind: row.day), \(bind: row.metric), \(bind: row.label + "\u{1F}" + String(edge)), \(bind: count))
                            """
                        ).run()
                    }
                }
            }
            #expect(try await Migrations.apply(on: app.store.engine, now: app.clock.now, logger: Logger(label: "test")) == [18])
            #expect(try await histograms() == encoded)
            let after = try await app.store.dashboardData(
                shopID: app.shop.id,
                from: weekStart,
                to: Self.midnight(app, today, plus: 1),
                dayStart: weekStart,
                days: 7,
                now: app.clock.now
            )
            #expect(after == before)
            // The months were summed from the converted days on that first read, and whole months read from them.
            let months = try await app.store.engine.withConnection { db in
                try await db.raw(
                    "SELECT COUNT(*) AS n, MAX(months) AS built FROM dashboard_monthly, dashboard_zone WHERE dashboard_zone.shop_id = \(bind: shop)"
                )
                .first().map { (try $0.decode(column: "n", as: Int64.self), try $0.decode(column: "built", as: Int64.self)) }
            }
            #expect(months?.0 ?? 0 > 0 && months?.1 == 1)
            try await Self.expectRollupsExact(app, from: Self.midnight(app, today, plus: -62), days: 63)
            // The page's questions together hold every metric rolled up, and reading them by name reads the same.
            let held = try await app.store.engine.withConnection { db in
                try await db.raw("SELECT DISTINCT metric FROM dashboard_daily WHERE shop_id = \(bind: shop)").all()
                    .map { try $0.decode(column: "metric", as: String.self) }
            }
            let named = DashboardData.sections.reduce(into: Set<String>()) { $0.formUnion($1.metrics) }
            #expect(Set(held).isSubset(of: named) && held.count > 10)
            let week: @Sendable (Set<String>) async throws -> DashboardData = { metrics in
                try await app.store.dashboardData(
                    shopID: app.shop.id,
                    from: weekStart,
                    to: Self.midnight(app, today, plus: 1),
                    dayStart: weekStart,
                    days: 7,
                    now: app.clock.now,
                    metrics: metrics
                )
            }
            #expect(try await week(named) == before)
            let support = try await week(try #require(DashboardData.sections.first { $0.name == "support" }).metrics)
            #expect(support.channels == before.channels && support.byDevice.isEmpty && support.cartsCreated == 0)
            #expect(try await app.store.refreshDashboardRollups(shopID: app.shop.id, fromDay: 0, toDay: Int64(Int32.max)) == 0, "nothing recomputed")
        }
    }

    /// A period in Berlin counts its days, not 24-hour steps: October 2025 has 31 days (one of 25 hours), March 30.
    @Test func berlinPeriodsCountLocalDays() throws {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let now = Date(timeIntervalSince1970: 1_795_687_200)
        let october = try ReportPeriod.parse(from: "2025-10-01", to: "2025-10-31", days: nil, compare: "1", timeZone: berlin, now: now)
        #expect(october.days == 31)
        #expect(october.dayDates.last == RFC3339.parse("2025-10-30T23:00:00Z"))
        #expect(october.previous.from == RFC3339.parse("2025-08-30T22:00:00Z") && october.previous.days == 31)
        let march = try ReportPeriod.parse(from: "2025-03-01", to: "2025-03-31", days: nil, compare: nil, timeZone: berlin, now: now)
        #expect(march.days == 31 && march.to == RFC3339.parse("2025-03-31T22:00:00Z"))
    }
}
