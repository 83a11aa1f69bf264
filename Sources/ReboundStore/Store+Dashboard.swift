public import Foundation
public import ReboundCore
import SQLKit

/// The raw figures of one reporting period, read from the shop's tables; `ReboundAPI.DashboardReport` turns them into rates.
///
/// Periods are half-open, `[from, to)`. Daily series have one value per local day of the shop's zone (23, 24 or 25 h,
/// `LocalDays`), counted from the day holding `dayStart` (the first day's midnight in the shop's zone).
public struct DashboardData: Sendable, Hashable {
    public struct Slice: Sendable, Hashable {
        public var label: String
        public var abandoned: Int
        public var created: Int

        public init(label: String, abandoned: Int, created: Int) {
            self.label = label
            self.abandoned = abandoned
            self.created = created
        }
    }

    public struct FlowStep: Sendable, Hashable {
        public var flowID: String
        public var step: String
        public var channel: String
        public var sent: Int
        public var opened: Int
        public var clicked: Int
    }

    /// One conversation channel's counts. Waits are whole seconds (rounded up) counted at the upper edge of their
    /// `WaitBuckets` bucket: exact up to 10 minutes and at every SLA target, percentiles within one bucket width.
    public struct ChannelTimes: Sendable, Hashable {
        public var conversations = 0
        /// Bucket edge (`WaitBuckets.edge`) of the seconds from creation to the first response → conversations.
        public var responseSeconds: [Int64: Int] = [:]
        /// Bucket edge of the seconds from creation to resolution → conversations.
        public var resolutionSeconds: [Int64: Int] = [:]
        /// Unanswered conversations created before `DashboardData.unansweredSplit` (so older than any target).
        public var unansweredEarlier = 0
        /// Creation times (epoch ms) of the unanswered conversations since the split → conversations.
        public var unansweredAt: [Int64: Int] = [:]

        public init() {}
    }

    /// CSAT (1–5) or NPS (0–10) responses of one day.
    public struct ScoreDay: Sendable, Hashable {
        public var responses = 0
        /// Sum of the scores in thousandths (CSAT average = sum / 1000 / responses).
        public var sumMilli: Int64 = 0
        public var promoters = 0
        public var detractors = 0

        public init() {}
    }

    /// Recommendations of one placement: shown, added to cart, and the added lines' value.
    public struct Placement: Sendable, Hashable {
        public var shown = 0
        public var accepted = 0
        public var revenue: Int64 = 0

        public init() {}
    }

    /// Attributed orders of one flow, step, channel and variant ("" where unset).
    public struct Attribution: Sendable, Hashable {
        public var flow: String
        public var step: String
        public var channel: String
        public var variant: String

        public init(flow: String, step: String, channel: String, variant: String) {
            self.flow = flow
            self.step = step
            self.channel = channel
            self.variant = variant
        }
    }

    public struct Recovered: Sendable, Hashable {
        public var orders = 0
        public var revenue: Int64 = 0

        public init() {}
    }

    /// Carts created in the period, and those of them abandoned at some point.
    public var cartsCreated = 0
    public var cartsCreatedAbandoned = 0
    public var createdDaily: [Int] = []
    public var createdAbandonedDaily: [Int] = []
    /// `cart_abandoned` and `checkout_abandoned` events in the period (what `/v1/reports/recovery` counts).
    public var abandonedDaily: [Int] = []
    public var recoveredDaily: [Int] = []
    public var recoveredRevenueDaily: [Int64] = []
    /// People who were sent a flow email or SMS in the period.
    public var recipients = 0
    public var recipientsDaily: [Int] = []
    public var byDevice: [Slice] = []
    public var byCategory: [Slice] = []
    /// Visitors (customer, else anonymous id) with a product view, a cart, a checkout, an order.
    public var viewed = 0
    public var carted = 0
    public var checkout = 0
    public var ordered = 0
    public var flowSteps: [FlowStep] = []
    /// Visitors with a cart created in the period, those who chatted, and how many of each kind ordered.
    public var cartVisitors = 0
    public var chatted = 0
    public var chattedConverted = 0
    public var notChattedConverted = 0
    /// Conversations created in the period by channel (as stored: "chat", "email", "messenger", ...).
    public var channels: [String: ChannelTimes] = [:]
    /// Where `ChannelTimes.unansweredEarlier` ends and `unansweredAt` begins.
    public var unansweredSplit: Date?
    /// Conversations resolved without an agent's reply.
    public var deflected = 0
    /// Conversations per intent ("other" without one) per day.
    public var intentDaily: [String: [Int]] = [:]
    public var csatDaily: [ScoreDay] = []
    public var npsDaily: [ScoreDay] = []
    public var placements: [String: Placement] = [:]
    /// Attributed orders placed in the period (what `/v1/reports/recovery` groups).
    public var attributed: [Attribution: Recovered] = [:]

    /// Conversations created in the period.
    public var conversationCount: Int { channels.values.reduce(0) { $0 + $1.conversations } }

    public init() {}
}

extension Store {
    /// Computes everything the dashboard shows for `[from, to)` by scanning the raw rows (carts, events, messages,
    /// orders, conversations) of the period: the reference the rollups are checked against, and what refreshes one
    /// day's rollup. Visitor and recipient counts are distinct over the whole period here; `dashboardData` sums
    /// per-day distinct counts. Daily series count the shop's local days (`LocalDays`) from the one holding `dayStart`.
    public func recomputeDashboardData(shopID: Shop.ID, from: Date, to: Date, dayStart: Date, days: Int) async throws -> DashboardData {
        guard from < to, days > 0 else { return DashboardData() }
        return try await read { db in
            let zone = try await Self.shopTimeZone(db, shop: shopID.rawValue)
            let start = from.epochMilliseconds, end = to.epochMilliseconds
            let calendar = LocalDays(zone: zone, from: min(start, dayStart.epochMilliseconds), to: end)
            return try await Self.scanDashboard(
                db,
                shop: shopID.rawValue,
                start: start,
                end: end,
                calendar: calendar,
                firstDay: calendar.day(dayStart.epochMilliseconds),
                days: days
            )
        }
    }

    /// The shop's time zone (UTC for an unknown identifier).
    static func shopTimeZone(_ db: any SQLDatabase, shop: String) async throws -> TimeZone {
        let identifier = try await db.raw("SELECT time_zone FROM shops WHERE id = \(bind: shop)").first()?.string("time_zone")
        return identifier.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
    }

    /// Scans `[start, end)`; daily series have `days` entries, the local days of `calendar` from `firstDay` on.
    static func scanDashboard(
        _ db: any SQLDatabase,
        shop: String,
        start: Int64,
        end: Int64,
        calendar: LocalDays,
        firstDay: Int64,
        days: Int
    ) async throws -> DashboardData {
        var data = DashboardData()
        func dayIndex(_ milliseconds: Int64) -> Int { Int(calendar.day(milliseconds) - firstDay) }
        func daily(_ column: String, _ rest: SQLQueryString, sum: String = "COUNT(*)") async throws -> [Int64] {
            var series = [Int64](repeating: 0, count: days)
            let select: SQLQueryString =
                "SELECT CAST(" + calendar.sqlDay(column) + " AS BIGINT) AS day, CAST(\(unsafeRaw: sum) AS BIGINT) AS n "
            // By position: PostgreSQL cannot see that two expressions with separate bind parameters are the same.
            let rows = try await db.raw(select + rest + " GROUP BY 1").all()
            for row in rows {
                let day = Int(try row.int("day") - firstDay)
                if day >= 0 && day < days { series[day] += try row.int("n") }
            }
            return series
        }

        let created = try await daily(
            "created_at",
            "FROM carts WHERE shop_id = \(bind: shop) AND created_at >= \(bind: start) AND created_at < \(bind: end)"
        )
        let createdAbandoned = try await daily(
            "created_at",
            """
            FROM carts WHERE shop_id = \(bind: shop) AND created_at >= \(bind: start) AND created_at < \(bind: end)
            AND abandoned_at IS NOT NULL
            """
        )
        data.createdDaily = created.map(Int.init)
        data.createdAbandonedDaily = createdAbandoned.map(Int.init)
        data.cartsCreated = data.createdDaily.reduce(0, +)
        data.cartsCreatedAbandoned = data.createdAbandonedDaily.reduce(0, +)
        data.abandonedDaily = try await daily(
            "occurred_at",
            """
            FROM events WHERE shop_id = \(bind: shop) AND type IN ('cart_abandoned', 'checkout_abandoned')
            AND occurred_at >= \(bind: start) AND occurred_at < \(bind: end)
            """
        ).map(Int.init)
        let attributed: SQLQueryString = """
            FROM orders WHERE shop_id = \(bind: shop) AND attributed_message IS NOT NULL
            AND placed_at >= \(bind: start) AND placed_at < \(bind: end)
            """
        data.recoveredDaily = try await daily("placed_at", attributed).map(Int.init)
        data.recoveredRevenueDaily = try await daily("placed_at", attributed, sum: "COALESCE(SUM(total - refunded_total), 0)")

        let sends: SQLQueryString = """
            FROM messages WHERE shop_id = \(bind: shop) AND flow_id IS NOT NULL AND channel IN ('email', 'sms')
            AND sent_at IS NOT NULL AND sent_at >= \(bind: start) AND sent_at < \(bind: end)
            """
        data.recipients = Int(
            try await db.raw("SELECT COUNT(DISTINCT COALESCE(customer_id, recipient)) AS n " + sends).first()?.int("n") ?? 0
        )
        data.recipientsDaily = try await daily("sent_at", sends, sum: "COUNT(DISTINCT COALESCE(customer_id, recipient))").map(Int.init)

        data.byDevice = try await db.raw(
            """
            SELECT COALESCE(device, 'unknown') AS label, COUNT(*) AS created,
                SUM(CASE WHEN abandoned_at IS NOT NULL THEN 1 ELSE 0 END) AS abandoned
            FROM carts WHERE shop_id = \(bind: shop) AND created_at >= \(bind: start) AND created_at < \(bind: end)
            GROUP BY COALESCE(device, 'unknown') ORDER BY COALESCE(device, 'unknown')
            """
        ).all().map {
            DashboardData.Slice(label: try $0.string("label"), abandoned: Int(try $0.int("abandoned")), created: Int(try $0.int("created")))
        }
        data.byCategory = try await Store.abandonmentByCategory(db, shop: shop, start: start, end: end)

        func visitors(_ type: String) async throws -> Int {
            Int(
                try await db.raw(
                    """
                    SELECT COUNT(DISTINCT COALESCE(customer_id, anonymous_id)) AS n FROM events WHERE shop_id = \(bind: shop)
                    AND type = \(bind: type) AND occurred_at >= \(bind: start) AND occurred_at < \(bind: end)
                    """
                ).first()?.int("n") ?? 0
            )
        }
        data.viewed = try await visitors("viewed_product")
        data.carted = try await visitors("added_to_cart")
        data.checkout = try await visitors("started_checkout")
        data.ordered = try await visitors("order_placed")

        data.flowSteps = try await db.raw(
            """
            SELECT flow_id, COALESCE(step, '') AS step, channel, COUNT(*) AS sent,
                SUM(CASE WHEN opened_at IS NOT NULL THEN 1 ELSE 0 END) AS opened,
                SUM(CASE WHEN clicked_at IS NOT NULL THEN 1 ELSE 0 END) AS clicked
            FROM messages WHERE shop_id = \(bind: shop) AND flow_id IS NOT NULL AND channel IN ('email', 'sms', 'onsite')
            AND sent_at IS NOT NULL AND sent_at >= \(bind: start) AND sent_at < \(bind: end)
            GROUP BY flow_id, COALESCE(step, ''), channel ORDER BY flow_id, COALESCE(step, ''), channel
            """
        ).all().map {
            DashboardData.FlowStep(
                flowID: try $0.string("flow_id"),
                step: try $0.string("step"),
                channel: try $0.string("channel"),
                sent: Int(try $0.int("sent")),
                opened: Int(try $0.int("opened")),
                clicked: Int(try $0.int("clicked"))
            )
        }

        // Per visitor with a cart in the period: did they chat (a chat conversation about the cart or by the same
        // person in the period), did they order (a cart of theirs ended in an order). The period's chats are three
        // uncorrelated `IN` sets, read once: a correlated `EXISTS` with the three-way `OR` probed the conversations
        // per cart (12.5 s a day on SQLite at 10 M events, 0.09 s this way; B8).
        let chats: SQLQueryString = """
            FROM conversations WHERE shop_id = \(bind: shop) AND channel = 'chat'
            AND created_at >= \(bind: start) AND created_at < \(bind: end)
            """
        if let row = try await db.raw(
            """
            SELECT COUNT(*) AS visitors, COALESCE(SUM(chatted), 0) AS chatted,
                COALESCE(SUM(CASE WHEN chatted = 1 AND converted = 1 THEN 1 ELSE 0 END), 0) AS chatted_converted,
                COALESCE(SUM(CASE WHEN chatted = 0 AND converted = 1 THEN 1 ELSE 0 END), 0) AS other_converted
            FROM (SELECT COALESCE(c.customer_id, c.anonymous_id) AS visitor,
                    MAX(CASE WHEN c.order_id IS NOT NULL THEN 1 ELSE 0 END) AS converted,
                    MAX(CASE WHEN c.id IN (SELECT cart_id \(chats)) OR c.customer_id IN (SELECT customer_id \(chats))
                        OR c.anonymous_id IN (SELECT visitor_id \(chats)) THEN 1 ELSE 0 END) AS chatted
                FROM carts c WHERE c.shop_id = \(bind: shop) AND c.created_at >= \(bind: start) AND c.created_at < \(bind: end)
                AND COALESCE(c.customer_id, c.anonymous_id) IS NOT NULL
                GROUP BY COALESCE(c.customer_id, c.anonymous_id)) per_visitor
            """
        ).first() {
            data.cartVisitors = Int(try row.int("visitors"))
            data.chatted = Int(try row.int("chatted"))
            data.chattedConverted = Int(try row.int("chatted_converted"))
            data.notChattedConverted = Int(try row.int("other_converted"))
        }

        let conversations = try await db.raw(
            """
            SELECT v.channel, v.created_at, v.first_response_at, v.resolved_at, v.intent,
                CASE WHEN EXISTS (SELECT 1 FROM conversation_messages m WHERE m.shop_id = v.shop_id AND m.conversation_id = v.id
                    AND m.author = 'agent') THEN 1 ELSE 0 END AS agent_replied
            FROM conversations v WHERE v.shop_id = \(bind: shop) AND v.created_at >= \(bind: start) AND v.created_at < \(bind: end)
            """
        ).all()
        for row in conversations {
            let created = try row.int("created_at")
            let firstResponse = try row.optionalInt("first_response_at"), resolved = try row.optionalInt("resolved_at")
            var times = data.channels[try row.string("channel")] ?? DashboardData.ChannelTimes()
            times.conversations += 1
            if let firstResponse {
                times.responseSeconds[WaitBuckets.edge(DashboardData.seconds(firstResponse - created)), default: 0] += 1
            } else {
                times.unansweredAt[created, default: 0] += 1
            }
            if let resolved {
                times.resolutionSeconds[WaitBuckets.edge(DashboardData.seconds(resolved - created)), default: 0] += 1
                if try row.int("agent_replied") == 0 { data.deflected += 1 }
            }
            data.channels[try row.string("channel")] = times
            let intent = try row.optionalString("intent").flatMap { $0.isEmpty ? nil : $0 } ?? "other"
            let day = dayIndex(created)
            if day >= 0 && day < days { data.intentDaily[intent, default: [Int](repeating: 0, count: days)][day] += 1 }
        }

        data.csatDaily = [DashboardData.ScoreDay](repeating: DashboardData.ScoreDay(), count: days)
        data.npsDaily = data.csatDaily
        let propertyEvents = try await db.raw(
            """
            SELECT type, occurred_at, properties FROM events WHERE shop_id = \(bind: shop)
            AND type IN ('csat_submitted', 'nps_submitted', 'recommendation_shown', 'recommendation_added')
            AND occurred_at >= \(bind: start) AND occurred_at < \(bind: end)
            """
        ).all()
        for row in propertyEvents {
            let type = try row.string("type")
            let properties = (try? JSONValue.parse(try row.string("properties")))?.objectValue ?? [:]
            let day = dayIndex(try row.int("occurred_at"))
            data.addPropertyEvent(type: type, properties: properties, day: day)
        }

        let attributedRows = try await db.raw(
            """
            SELECT COALESCE(attributed_flow, '') AS flow, COALESCE(attributed_step, '') AS step,
                COALESCE(attributed_channel, '') AS channel, COALESCE(attributed_variant, '') AS variant, COUNT(*) AS n,
                CAST(COALESCE(SUM(total - refunded_total), 0) AS BIGINT) AS revenue
            """ + " " + attributed + " GROUP BY 1, 2, 3, 4"
        ).all()
        for row in attributedRows {
            let key = DashboardData.Attribution(
                flow: try row.string("flow"),
                step: try row.string("step"),
                channel: try row.string("channel"),
                variant: try row.string("variant")
            )
            data.attributed[key, default: DashboardData.Recovered()].orders += Int(try row.int("n"))
            data.attributed[key, default: DashboardData.Recovered()].revenue += try row.int("revenue")
        }
        return data
    }

    /// Carts created in the period by the category of their most valuable line (from the catalogue; "unknown" without one).
    static func abandonmentByCategory(_ db: any SQLDatabase, shop: String, start: Int64, end: Int64) async throws -> [DashboardData.Slice] {
        let carts = try await db.raw(
            """
            SELECT lines, CASE WHEN abandoned_at IS NOT NULL THEN 1 ELSE 0 END AS abandoned FROM carts
            WHERE shop_id = \(bind: shop) AND created_at >= \(bind: start) AND created_at < \(bind: end)
            """
        ).all().map { row -> (product: String?, abandoned: Bool) in
            let lines = (try? LinesColumn.cartLines(try row.string("lines"))) ?? []
            let main = lines.max { $0.price * Int64($0.quantity) < $1.price * Int64($1.quantity) }
            return (main?.productID, try row.int("abandoned") != 0)
        }
        var categories: [String: String] = [:]
        for chunk in Array(Set(carts.compactMap(\.product))).sorted().chunked(into: 500) {
            let rows = try await db.raw(
                "SELECT id, category FROM products WHERE shop_id = \(bind: shop) AND id IN (\(binds: chunk.map { $0 as any Encodable & Sendable }))"
            ).all()
            for row in rows { if let category = try row.optionalString("category") { categories[try row.string("id")] = category } }
        }
        var slices: [String: DashboardData.Slice] = [:]
        for cart in carts {
            let label = cart.product.flatMap { categories[$0] } ?? "unknown"
            slices[label, default: DashboardData.Slice(label: label, abandoned: 0, created: 0)].created += 1
            if cart.abandoned { slices[label]!.abandoned += 1 }
        }
        return slices.values.sorted { $0.label < $1.label }
    }
}
