public import Foundation
public import ReboundCore
import SQLKit

/// Daily rollups of the dashboard (migration 11, `DashboardRollupSchema`).
///
/// Each UTC day of a shop is stored as `(metric, label, value)` rows in `dashboard_daily`, computed by
/// `Store.scanDashboard` over that one day. Triggers mark a day in `dashboard_dirty` in the same transaction as any
/// write to its source rows; `dashboardData` recomputes the marked days of its range, then sums rollups. A page view
/// therefore reads about a hundred rows per day instead of the period's events, and stays equal to the raw scan:
/// additive figures exactly, distinct counts (funnel visitors, recipients, chat engagement) as the sum of each day's
/// distinct count — a visitor active on three days of the period counts three times.
enum DashboardRollup {
    static let dayMilliseconds: Int64 = 86_400_000
    /// Joins the parts of a composite label.
    static let separator = "\u{1F}"

    /// Metrics read per day (daily series); all others are summed over the range.
    static let series: Set<String> = [
        "created", "created_abandoned", "abandoned", "recovered", "recovered_revenue", "recipients", "intent", "conv.unanswered",
        "csat.n", "csat.sum", "nps.n", "nps.promoters", "nps.detractors",
    ]
}

extension DashboardData {
    /// Whole seconds, rounded up; negative waits (clock skew) count as 0.
    static func seconds(_ milliseconds: Int64) -> Int64 { max(0, (milliseconds + 999) / 1000) }

    /// The day of the series a time falls on, counted from `origin`.
    static func dayIndex(_ milliseconds: Int64, origin: Int64) -> Int {
        milliseconds >= origin ? Int((milliseconds - origin) / DashboardRollup.dayMilliseconds) : -1
    }

    /// Counts one `csat_submitted`, `nps_submitted` or `recommendation_*` event.
    mutating func addPropertyEvent(type: String, properties: [String: JSONValue], day: Int) {
        switch type {
        case "csat_submitted", "nps_submitted":
            guard let score = properties["score"]?.doubleValue, day >= 0 && day < csatDaily.count else { return }
            if type == "csat_submitted" {
                guard (1...5).contains(score) else { return }
                csatDaily[day].responses += 1
                csatDaily[day].sumMilli += Int64((score * 1000).rounded())
            } else {
                guard (0...10).contains(score) else { return }
                npsDaily[day].responses += 1
                if score >= 9 { npsDaily[day].promoters += 1 }
                if score <= 6 { npsDaily[day].detractors += 1 }
            }
        default:
            let placement = properties["placement"]?.stringValue ?? "unknown"
            if type == "recommendation_shown" {
                placements[placement, default: Placement()].shown += 1
            } else if type == "recommendation_added" {
                let quantity = max(1, properties["quantity"]?.int64Value ?? 1)
                placements[placement, default: Placement()].accepted += 1
                placements[placement, default: Placement()].revenue += max(0, properties["price"]?.int64Value ?? 0) * quantity
            }
        }
    }

    /// The rollup rows of a one-day scan (zeros left out).
    func rollupRows() -> [(metric: String, label: String, value: Int64)] {
        var rows: [(metric: String, label: String, value: Int64)] = []
        func add<N: BinaryInteger>(_ metric: String, _ label: String, _ value: N) { if value != 0 { rows.append((metric, label, Int64(value))) } }
        let sep = DashboardRollup.separator
        add("created", "", cartsCreated)
        add("created_abandoned", "", cartsCreatedAbandoned)
        add("abandoned", "", abandonedDaily.reduce(0, +))
        add("recovered", "", recoveredDaily.reduce(0, +))
        add("recovered_revenue", "", recoveredRevenueDaily.reduce(0, +))
        add("recipients", "", recipients)
        for slice in byDevice {
            add("device.created", slice.label, slice.created)
            add("device.abandoned", slice.label, slice.abandoned)
        }
        for slice in byCategory {
            add("category.created", slice.label, slice.created)
            add("category.abandoned", slice.label, slice.abandoned)
        }
        add("viewed", "", viewed)
        add("carted", "", carted)
        add("checkout", "", checkout)
        add("ordered", "", ordered)
        for step in flowSteps {
            let label = [step.flowID, step.step, step.channel].joined(separator: sep)
            add("step.sent", label, step.sent)
            add("step.opened", label, step.opened)
            add("step.clicked", label, step.clicked)
        }
        add("visitors.cart", "", cartVisitors)
        add("visitors.chatted", "", chatted)
        add("visitors.chatted_converted", "", chattedConverted)
        add("visitors.other_converted", "", notChattedConverted)
        for (channel, times) in channels {
            add("conv", channel, times.conversations)
            for (seconds, count) in times.responseSeconds { add("conv.response", channel + sep + String(seconds), count) }
            for (seconds, count) in times.resolutionSeconds { add("conv.resolution", channel + sep + String(seconds), count) }
            add("conv.unanswered", channel, times.unansweredAt.values.reduce(0, +) + times.unansweredEarlier)
        }
        add("deflected", "", deflected)
        for (intent, daily) in intentDaily { add("intent", intent, daily.reduce(0, +)) }
        for (prefix, scores) in [("csat", csatDaily), ("nps", npsDaily)] {
            add(prefix + ".n", "", scores.reduce(0) { $0 + $1.responses })
            add(prefix + ".sum", "", scores.reduce(Int64(0)) { $0 + $1.sumMilli })
            add(prefix + ".promoters", "", scores.reduce(0) { $0 + $1.promoters })
            add(prefix + ".detractors", "", scores.reduce(0) { $0 + $1.detractors })
        }
        for (placement, figures) in placements {
            add("rec.shown", placement, figures.shown)
            add("rec.added", placement, figures.accepted)
            add("rec.revenue", placement, figures.revenue)
        }
        for (key, figures) in attributed {
            let label = [key.flow, key.step, key.channel, key.variant].joined(separator: sep)
            add("attr.n", label, figures.orders)
            add("attr.revenue", label, figures.revenue)
        }
        return rows
    }

    /// Adds one rollup value: a day of a daily series (`day` in `0..<days`), or a total over the range (`day` nil).
    mutating func addRollup(metric: String, label: String, value: Int64, day: Int?) {
        let sep = DashboardRollup.separator
        let count = Int(value)
        func parts(_ n: Int) -> [String] {
            var list = label.components(separatedBy: sep)
            while list.count < n { list.append("") }
            return list
        }
        if let day {
            guard day >= 0 && day < createdDaily.count else { return }
            switch metric {
            case "created": createdDaily[day] += count
            case "created_abandoned": createdAbandonedDaily[day] += count
            case "abandoned": abandonedDaily[day] += count
            case "recovered": recoveredDaily[day] += count
            case "recovered_revenue": recoveredRevenueDaily[day] += value
            case "recipients": recipientsDaily[day] += count
            case "intent": intentDaily[label, default: [Int](repeating: 0, count: createdDaily.count)][day] += count
            case "conv.unanswered": channels[label, default: ChannelTimes()].unansweredEarlier += count
            case "csat.n": csatDaily[day].responses += count
            case "csat.sum": csatDaily[day].sumMilli += value
            case "nps.n": npsDaily[day].responses += count
            case "nps.promoters": npsDaily[day].promoters += count
            case "nps.detractors": npsDaily[day].detractors += count
            default: break
            }
            return
        }
        func slice(_ list: inout [Slice], created: Bool) {
            if let index = list.firstIndex(where: { $0.label == label }) {
                if created { list[index].created += count } else { list[index].abandoned += count }
            } else {
                list.append(Slice(label: label, abandoned: created ? 0 : count, created: created ? count : 0))
            }
        }
        func step(_ apply: (inout FlowStep) -> Void) {
            let p = parts(3)
            if let index = flowSteps.firstIndex(where: { $0.flowID == p[0] && $0.step == p[1] && $0.channel == p[2] }) {
                apply(&flowSteps[index])
            } else {
                var new = FlowStep(flowID: p[0], step: p[1], channel: p[2], sent: 0, opened: 0, clicked: 0)
                apply(&new)
                flowSteps.append(new)
            }
        }
        func wait(_ keyPath: WritableKeyPath<ChannelTimes, [Int64: Int]>) {
            let p = parts(2)
            guard let seconds = Int64(p[1]) else { return }
            channels[p[0], default: ChannelTimes()][keyPath: keyPath][seconds, default: 0] += count
        }
        func attribution() -> Attribution {
            let p = parts(4)
            return Attribution(flow: p[0], step: p[1], channel: p[2], variant: p[3])
        }
        switch metric {
        case "device.created": slice(&byDevice, created: true)
        case "device.abandoned": slice(&byDevice, created: false)
        case "category.created": slice(&byCategory, created: true)
        case "category.abandoned": slice(&byCategory, created: false)
        case "viewed": viewed += count
        case "carted": carted += count
        case "checkout": checkout += count
        case "ordered": ordered += count
        case "step.sent": step { $0.sent += count }
        case "step.opened": step { $0.opened += count }
        case "step.clicked": step { $0.clicked += count }
        case "visitors.cart": cartVisitors += count
        case "visitors.chatted": chatted += count
        case "visitors.chatted_converted": chattedConverted += count
        case "visitors.other_converted": notChattedConverted += count
        case "conv": channels[label, default: ChannelTimes()].conversations += count
        case "conv.response": wait(\.responseSeconds)
        case "conv.resolution": wait(\.resolutionSeconds)
        case "deflected": deflected += count
        case "rec.shown": placements[label, default: Placement()].shown += count
        case "rec.added": placements[label, default: Placement()].accepted += count
        case "rec.revenue": placements[label, default: Placement()].revenue += value
        case "attr.n": attributed[attribution(), default: Recovered()].orders += count
        case "attr.revenue": attributed[attribution(), default: Recovered()].revenue += value
        default: break
        }
    }

    /// The recovery report of the period (as `Store.recoveryReport` groups it), from the attributed orders.
    public func recoveryReport(currency: String) -> RecoveryReport {
        func rows(_ key: (Attribution) -> [String: String]) -> [RecoveryReport.Row] {
            var grouped: [[String: String]: Recovered] = [:]
            for (attribution, figures) in attributed {
                grouped[key(attribution), default: Recovered()].orders += figures.orders
                grouped[key(attribution), default: Recovered()].revenue += figures.revenue
            }
            func order(_ row: RecoveryReport.Row) -> [String] { row.key.keys.sorted().map { row.key[$0] ?? "" } }
            return grouped.map { RecoveryReport.Row(key: $0.key, recoveredCarts: $0.value.orders, recoveredRevenue: $0.value.revenue) }
                .sorted { order($0).lexicographicallyPrecedes(order($1)) }
        }
        let byFlow = rows { ["flow": $0.flow] }
        return RecoveryReport(
            abandonedCarts: abandonedDaily.reduce(0, +),
            recoveredCarts: byFlow.reduce(0) { $0 + $1.recoveredCarts },
            recoveredRevenue: byFlow.reduce(0) { $0 + $1.recoveredRevenue },
            currency: currency,
            byFlow: byFlow,
            byStep: rows { ["flow": $0.flow, "step": $0.step] },
            byChannel: rows { ["channel": $0.channel] },
            byVariant: rows { ["flow": $0.flow, "variant": $0.variant] }
        )
    }

    /// Lists in a stable order, so two computations of the same figures compare equal.
    public mutating func normalize() {
        byDevice.sort { $0.label < $1.label }
        byCategory.sort { $0.label < $1.label }
        flowSteps.sort { ($0.flowID, $0.step, $0.channel) < ($1.flowID, $1.step, $1.channel) }
        byDevice.removeAll { $0.created == 0 && $0.abandoned == 0 }
        byCategory.removeAll { $0.created == 0 && $0.abandoned == 0 }
    }
}

extension Store {
    /// The dashboard's figures for `[from, to)`, read from the daily rollups after recomputing the days whose source
    /// rows changed since (see `DashboardRollup`). A period not made of whole UTC days (a shop outside UTC, or
    /// RFC 3339 bounds) is scanned raw instead.
    ///
    /// - Parameter now: unanswered conversations of the day before `now` and later are listed with their creation
    ///   time (SLA breaches depend on it); older ones are counted. Without it all are listed.
    public func dashboardData(shopID: Shop.ID, from: Date, to: Date, dayStart: Date, days: Int, now: Date? = nil) async throws -> DashboardData {
        guard from < to, days > 0 else { return DashboardData() }
        let dayMs = DashboardRollup.dayMilliseconds
        let start = from.epochMilliseconds, end = to.epochMilliseconds, origin = dayStart.epochMilliseconds
        guard start % dayMs == 0, end % dayMs == 0, origin % dayMs == 0, origin == start, (end - start) / dayMs == Int64(days) else {
            return try await recomputeDashboardData(shopID: shopID, from: from, to: to, dayStart: dayStart, days: days)
        }
        let shop = shopID.rawValue, first = start / dayMs, last = end / dayMs
        try await refreshDashboardRollups(shopID: shopID, fromDay: first, toDay: last)
        let split = min(last, max(first, now.map { ($0.epochMilliseconds - dayMs) / dayMs } ?? first))
        return try await read { db in
            var data = DashboardData()
            data.createdDaily = [Int](repeating: 0, count: days)
            data.createdAbandonedDaily = data.createdDaily
            data.abandonedDaily = data.createdDaily
            data.recoveredDaily = data.createdDaily
            data.recipientsDaily = data.createdDaily
            data.recoveredRevenueDaily = [Int64](repeating: 0, count: days)
            data.csatDaily = [DashboardData.ScoreDay](repeating: DashboardData.ScoreDay(), count: days)
            data.npsDaily = data.csatDaily
            data.unansweredSplit = Date(epochMilliseconds: split * dayMs)
            let series = DashboardRollup.series.sorted().map { $0 as any Encodable & Sendable }
            let daily = try await db.raw(
                """
                SELECT day, metric, label, value FROM dashboard_daily WHERE shop_id = \(bind: shop) AND day >= \(bind: first)
                AND day < \(bind: last) AND metric IN (\(binds: series))
                """
            ).all()
            for row in daily {
                let day = try row.int("day"), metric = try row.string("metric")
                // Unanswered conversations since the split are read with their times below.
                if metric == "conv.unanswered" && day >= split { continue }
                data.addRollup(metric: metric, label: try row.string("label"), value: try row.int("value"), day: Int(day - first))
            }
            let totals = try await db.raw(
                """
                SELECT metric, label, CAST(SUM(value) AS BIGINT) AS value FROM dashboard_daily WHERE shop_id = \(bind: shop)
                AND day >= \(bind: first) AND day < \(bind: last) AND metric NOT IN (\(binds: series)) GROUP BY metric, label
                """
            ).all()
            for row in totals {
                data.addRollup(metric: try row.string("metric"), label: try row.string("label"), value: try row.int("value"), day: nil)
            }
            let unanswered = try await db.raw(
                """
                SELECT channel, created_at FROM conversations WHERE shop_id = \(bind: shop) AND created_at >= \(bind: split * dayMs)
                AND created_at < \(bind: end) AND first_response_at IS NULL
                """
            ).all()
            for row in unanswered {
                let channel = try row.string("channel"), created = try row.int("created_at")
                data.channels[channel, default: DashboardData.ChannelTimes()].unansweredAt[created, default: 0] += 1
            }
            data.cartsCreated = data.createdDaily.reduce(0, +)
            data.cartsCreatedAbandoned = data.createdAbandonedDaily.reduce(0, +)
            data.recipients = data.recipientsDaily.reduce(0, +)
            data.normalize()
            return data
        }
    }

    /// Recomputes the rollups of the days in `[fromDay, toDay)` (UTC day numbers) whose source rows changed; returns
    /// how many days it recomputed.
    @discardableResult
    public func refreshDashboardRollups(shopID: Shop.ID, fromDay: Int64, toDay: Int64) async throws -> Int {
        let shop = shopID.rawValue
        let dirty = try await read { db in
            try await db.raw(
                "SELECT day FROM dashboard_dirty WHERE shop_id = \(bind: shop) AND day >= \(bind: fromDay) AND day < \(bind: toDay) ORDER BY day"
            ).all().map { try $0.int("day") }
        }
        // A month per transaction, so a rebuild does not hold the writer for long.
        for chunk in dirty.chunked(into: 31) {
            try await write { db in
                try await db.raw(
                    "DELETE FROM dashboard_dirty WHERE shop_id = \(bind: shop) AND day IN (\(binds: chunk.map { $0 as any Encodable & Sendable }))"
                ).run()
                for day in chunk { try await Self.recomputeRollup(db, shop: shop, day: day) }
            }
        }
        return dirty.count
    }

    /// Marks every day with source rows as changed and recomputes them all (after a bulk load, or a change the triggers
    /// do not see: a product moved to another category).
    @discardableResult
    public func rebuildDashboardRollups(shopID: Shop.ID) async throws -> Int {
        let shop = shopID.rawValue
        try await write { db in
            for (table, column) in [
                ("events", "occurred_at"), ("carts", "created_at"), ("orders", "placed_at"), ("messages", "sent_at"),
                ("conversations", "created_at"),
            ] {
                try await db.raw(
                    """
                    INSERT INTO dashboard_dirty (shop_id, day, version)
                    SELECT DISTINCT shop_id, \(unsafeRaw: column) / 86400000, 1 FROM \(unsafeRaw: table)
                    WHERE shop_id = \(bind: shop) AND \(unsafeRaw: column) IS NOT NULL
                    ON CONFLICT (shop_id, day) DO UPDATE SET version = dashboard_dirty.version + 1
                    """
                ).run()
            }
            try await db.raw("DELETE FROM dashboard_daily WHERE shop_id = \(bind: shop)").run()
        }
        return try await refreshDashboardRollups(shopID: shopID, fromDay: 0, toDay: Int64(Int32.max))
    }

    static func recomputeRollup(_ db: any SQLDatabase, shop: String, day: Int64) async throws {
        let dayMs = DashboardRollup.dayMilliseconds
        let data = try await scanDashboard(db, shop: shop, start: day * dayMs, end: (day + 1) * dayMs, origin: day * dayMs, days: 1)
        try await db.raw("DELETE FROM dashboard_daily WHERE shop_id = \(bind: shop) AND day = \(bind: day)").run()
        for chunk in data.rollupRows().chunked(into: 500) {
            var query: SQLQueryString = "INSERT INTO dashboard_daily (shop_id, day, metric, label, value) VALUES "
            for (index, row) in chunk.enumerated() {
                if index > 0 { query += ", " }
                query += "(\(bind: shop), \(bind: day), \(bind: row.metric), \(bind: row.label), \(bind: row.value))"
            }
            try await db.raw(query).run()
        }
    }
}
