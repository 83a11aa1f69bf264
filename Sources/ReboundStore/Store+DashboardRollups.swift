public import Foundation
public import ReboundCore
import SQLKit

/// Daily rollups of the dashboard (migrations 11 and 16, `DashboardRollupSchema`).
///
/// Each local day of a shop (in the zone recorded in `dashboard_zone`, `LocalDays`) is stored as `(metric, label,
/// value)` rows in `dashboard_daily`, computed by `Store.scanDashboard` over that one day: the source rows in
/// `[local midnight, next local midnight)`, 23, 24 or 25 hours. Triggers mark the UTC day of any written source row in
/// `dashboard_dirty` in the same transaction (they cannot know the zone); `dashboardData` recomputes every local day
/// overlapping a marked UTC day near its range before deleting the marker, then sums rollups. A page view
/// therefore reads about a hundred rows per day instead of the period's events (a wait histogram is one row per day,
/// metric and channel since migration 18: B8 found 880 bucket rows per day at 550 conversations a day), and stays
/// equal to the raw scan:
/// additive figures exactly, distinct counts (funnel visitors, recipients, chat engagement) as the sum of each day's
/// distinct count — a visitor active on three days of the period counts three times.
enum DashboardRollup {
    static let dayMilliseconds: Int64 = 86_400_000
    /// Joins the parts of a composite label.
    static let separator = "\u{1F}"

    /// Wait histograms: one row per day, metric and channel, its buckets encoded in `buckets` (migration 18).
    static let histograms: Set<String> = ["conv.response", "conv.resolution"]

    /// Metrics read per day (daily series); all others but the histograms are summed over the range.
    static let series: Set<String> = [
        "created", "created_abandoned", "abandoned", "recovered", "recovered_revenue", "recipients", "intent", "conv.unanswered",
        "csat.n", "csat.sum", "nps.n", "nps.promoters", "nps.detractors",
    ]

    /// The aggregate joining text with a separator: `group_concat` on SQLite, `string_agg` on PostgreSQL.
    static func concat(_ kind: EngineKind) -> SQLQueryString { kind == .postgres ? "string_agg" : "group_concat" }

    /// A histogram's `buckets` column: `edge:count` pairs in ascending order of edge, separated by spaces.
    static func encode(_ histogram: [Int64: Int]) -> String {
        histogram.filter { $0.value != 0 }.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" }.joined(separator: " ")
    }

    /// Calls `body` with each `key:value` pair of `text`, as `encode` writes them and as the reads aggregate them in
    /// SQL (`day:value` for the daily series; a value may be negative); false at the first thing that is not a pair.
    static func forEachPair(_ text: String, _ body: (Int64, Int64) -> Void) -> Bool {
        var text = text
        return text.withUTF8 { forEachPair(bytes: $0, body) }
    }

    private static func forEachPair(bytes: UnsafeBufferPointer<UInt8>, _ body: (Int64, Int64) -> Void) -> Bool {
        var key: Int64 = 0, number: Int64 = 0, digits = 0, negative = false, afterColon = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits < 18 else { return false }
                number = number * 10 + Int64(byte - UInt8(ascii: "0"))
                digits += 1
            case UInt8(ascii: "-"):
                guard digits == 0, !negative else { return false }
                negative = true
            case UInt8(ascii: ":"):
                guard !afterColon, digits > 0 else { return false }
                (key, number, digits, afterColon) = (negative ? -number : number, 0, 0, true)
                negative = false
            case UInt8(ascii: " "):
                guard afterColon, digits > 0 else { return false }
                body(key, negative ? -number : number)
                (number, digits, negative, afterColon) = (0, 0, false, false)
            default:
                return false
            }
        }
        guard afterColon, digits > 0 else { return bytes.isEmpty }
        body(key, negative ? -number : number)
        return true
    }

}

extension DashboardData {
    /// Whole seconds, rounded up; negative waits (clock skew) count as 0.
    static func seconds(_ milliseconds: Int64) -> Int64 { max(0, (milliseconds + 999) / 1000) }

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

    /// One row of `dashboard_daily`: a value, or for a wait histogram the number of waits and their buckets.
    struct RollupRow {
        var metric: String
        var label: String
        var value: Int64
        var buckets: String?
    }

    /// The rollup rows of a one-day scan (zeros left out).
    func rollupRows() -> [RollupRow] {
        var rows: [RollupRow] = []
        func add<N: BinaryInteger>(_ metric: String, _ label: String, _ value: N) {
            if value != 0 { rows.append(RollupRow(metric: metric, label: label, value: Int64(value))) }
        }
        func histogram(_ metric: String, _ channel: String, _ waits: [Int64: Int]) {
            let total = waits.values.reduce(0, +)
            if total != 0 { rows.append(RollupRow(metric: metric, label: channel, value: Int64(total), buckets: DashboardRollup.encode(waits))) }
        }
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
            histogram("conv.response", channel, times.responseSeconds)
            histogram("conv.resolution", channel, times.resolutionSeconds)
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
        case "deflected": deflected += count
        case "rec.shown": placements[label, default: Placement()].shown += count
        case "rec.added": placements[label, default: Placement()].accepted += count
        case "rec.revenue": placements[label, default: Placement()].revenue += value
        case "attr.n": attributed[attribution(), default: Recovered()].orders += count
        case "attr.revenue": attributed[attribution(), default: Recovered()].revenue += value
        default: break
        }
    }

    /// Adds a channel's wait histogram (`DashboardRollup.encode`'s pairs, of one day or several joined by spaces).
    mutating func addHistogram(metric: String, channel: String, buckets: String) throws {
        // Counted in an array by bucket ordinal: a year's page adds ~300,000 pairs (B8), a dictionary made it the
        // largest cost of the page.
        var dense = [Int](repeating: 0, count: WaitBuckets.ordinals)
        var other: [Int64: Int] = [:]
        let readable = DashboardRollup.forEachPair(buckets) { edge, count in
            if let ordinal = WaitBuckets.ordinal(ofEdge: edge) { dense[ordinal] += Int(count) } else { other[edge, default: 0] += Int(count) }
        }
        guard readable else {
            throw StoreError(.invalid, "a dashboard rollup's \(metric) buckets for \(channel) are not readable; rebuild the rollups")
        }
        let keyPath: WritableKeyPath<ChannelTimes, [Int64: Int]> = metric == "conv.response" ? \.responseSeconds : \.resolutionSeconds
        var histogram = channels[channel, default: ChannelTimes()][keyPath: keyPath]
        for (ordinal, count) in dense.enumerated() where count != 0 { histogram[WaitBuckets.edge(ofOrdinal: ordinal), default: 0] += count }
        for (edge, count) in other { histogram[edge, default: 0] += count }
        channels[channel, default: ChannelTimes()][keyPath: keyPath] = histogram
    }

    /// The rollup metrics behind each question of the dashboard, named as B8's peer names them
    /// (`Benchmarks/dashboard/peer.py`), for reading one question alone (`Store.dashboardData(metrics:)`).
    public static let sections: [(name: String, metrics: Set<String>)] = [
        ("kpis", ["created", "created_abandoned", "abandoned", "recovered", "recovered_revenue", "recipients"]),
        ("by_device", ["device.created", "device.abandoned"]),
        ("by_category", ["category.created", "category.abandoned"]),
        ("funnel", ["viewed", "carted", "checkout", "ordered"]),
        ("flow_steps", ["step.sent", "step.opened", "step.clicked"]),
        ("chat", ["visitors.cart", "visitors.chatted", "visitors.chatted_converted", "visitors.other_converted"]),
        ("support", ["conv", "conv.response", "conv.resolution", "conv.unanswered", "deflected", "intent"]),
        ("satisfaction", ["csat.n", "csat.sum", "nps.n", "nps.promoters", "nps.detractors"]),
        ("upsell", ["rec.shown", "rec.added", "rec.revenue"]),
        ("recovery", ["attr.n", "attr.revenue"]),
    ]

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
    /// rows changed since (see `DashboardRollup`). A period not made of whole local days of the shop's zone (RFC 3339
    /// bounds) is scanned raw instead.
    ///
    /// - Parameter now: unanswered conversations of the local day before `now` and later are listed with their
    ///   creation time (SLA breaches depend on it); older ones are counted. Without it all are listed.
    /// - Parameter metrics: only these rollup metrics (`DashboardData.sections`: one question of the page, as B8 times
    ///   them one by one); nil reads them all.
    public func dashboardData(
        shopID: Shop.ID,
        from: Date,
        to: Date,
        dayStart: Date,
        days: Int,
        now: Date? = nil,
        metrics: Set<String>? = nil
    ) async throws -> DashboardData {
        guard from < to, days > 0 else { return DashboardData() }
        let dayMs = DashboardRollup.dayMilliseconds
        let shop = shopID.rawValue, start = from.epochMilliseconds, end = to.epochMilliseconds
        let zone = try await read { db in try await Self.shopTimeZone(db, shop: shop) }
        let calendar = LocalDays(zone: zone, from: start, to: end)
        let first = calendar.day(start), last = calendar.day(end)
        guard dayStart.epochMilliseconds == start, calendar.start(first) == start, calendar.start(last) == end, last - first == Int64(days) else {
            return try await recomputeDashboardData(shopID: shopID, from: from, to: to, dayStart: dayStart, days: days)
        }
        // The zone changed between the two reads (settings): the rollups are now another zone's days.
        guard try await refreshRollups(shopID: shopID, fromDay: first, toDay: last).zone.identifier == calendar.identifier else {
            return try await recomputeDashboardData(shopID: shopID, from: from, to: to, dayStart: dayStart, days: days)
        }
        let split = min(last, max(first, now.map { calendar.day($0.epochMilliseconds - dayMs) } ?? first))
        let splitAt = calendar.start(split), engineKind = kind
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
            data.unansweredSplit = Date(epochMilliseconds: splitAt)
            func list(_ names: Set<String>) -> [any Encodable & Sendable] { names.sorted().map { $0 as any Encodable & Sendable } }
            let series = DashboardRollup.series.intersection(metrics ?? DashboardRollup.series)
            let histograms = DashboardRollup.histograms.intersection(metrics ?? DashboardRollup.histograms)
            // Each metric's days as one row of `day:value` pairs, and each histogram's days as one row: a year is a few
            // dozen rows, not ~10,000 row objects (B8).
            let concat = DashboardRollup.concat(engineKind)
            if !series.isEmpty {
                let daily = try await db.raw(
                    """
                    SELECT metric, label, \(concat)(day || ':' || value, ' ') AS pairs FROM dashboard_daily WHERE shop_id = \(bind: shop)
                    AND day >= \(bind: first) AND day < \(bind: last) AND metric IN (\(binds: list(series))) GROUP BY metric, label
                    """
                ).all()
                for row in daily {
                    let metric = try row.string("metric"), label = try row.string("label")
                    let readable = DashboardRollup.forEachPair(try row.string("pairs")) { day, value in
                        // Unanswered conversations since the split are read with their times below.
                        if metric == "conv.unanswered" && day >= split { return }
                        data.addRollup(metric: metric, label: label, value: value, day: Int(day - first))
                    }
                    guard readable else { throw StoreError(.invalid, "the dashboard rollup of \(metric) is not readable; rebuild the rollups") }
                }
            }
            let summed: SQLQueryString =
                if let metrics {
                    "metric IN (\(binds: list(metrics.subtracting(DashboardRollup.series).subtracting(DashboardRollup.histograms))))"
                } else {
                    "metric NOT IN (\(binds: list(DashboardRollup.series.union(DashboardRollup.histograms))))"
                }
            // The whole months of the range from their monthly sums, the days before and after them from the days.
            let firstMonth = LocalDays.monthStart(first) == first ? first : LocalDays.nextMonth(LocalDays.monthStart(first))
            let lastMonth = max(firstMonth, LocalDays.monthStart(last))
            let rows: SQLQueryString = """
                (SELECT metric, label, value, buckets FROM dashboard_monthly WHERE shop_id = \(bind: shop) AND month >= \(bind: firstMonth)
                AND month < \(bind: lastMonth)
                UNION ALL SELECT metric, label, value, buckets FROM dashboard_daily WHERE shop_id = \(bind: shop) AND day >= \(bind: first)
                AND day < \(bind: min(firstMonth, last))
                UNION ALL SELECT metric, label, value, buckets FROM dashboard_daily WHERE shop_id = \(bind: shop) AND day >= \(bind: lastMonth)
                AND day < \(bind: last)) AS r
                """
            if metrics?.isSubset(of: DashboardRollup.series.union(DashboardRollup.histograms)) != true {
                let totals = try await db.raw(
                    "SELECT metric, label, CAST(SUM(value) AS BIGINT) AS value FROM \(rows) WHERE \(summed) GROUP BY metric, label"
                ).all()
                for row in totals {
                    data.addRollup(metric: try row.string("metric"), label: try row.string("label"), value: try row.int("value"), day: nil)
                }
            }
            if !histograms.isEmpty {
                let waits = try await db.raw(
                    """
                    SELECT metric, label, \(concat)(buckets, ' ') AS buckets FROM \(rows) WHERE metric IN (\(binds: list(histograms)))
                    GROUP BY metric, label
                    """
                ).all()
                for row in waits {
                    try data.addHistogram(metric: try row.string("metric"), channel: try row.string("label"), buckets: try row.string("buckets"))
                }
            }
            if metrics?.contains("conv.unanswered") != false {
                let unanswered = try await db.raw(
                    """
                    SELECT channel, created_at FROM conversations WHERE shop_id = \(bind: shop) AND created_at >= \(bind: splitAt)
                    AND created_at < \(bind: end) AND first_response_at IS NULL
                    """
                ).all()
                for row in unanswered {
                    let channel = try row.string("channel"), created = try row.int("created_at")
                    data.channels[channel, default: DashboardData.ChannelTimes()].unansweredAt[created, default: 0] += 1
                }
            }
            data.cartsCreated = data.createdDaily.reduce(0, +)
            data.cartsCreatedAbandoned = data.createdAbandonedDaily.reduce(0, +)
            data.recipients = data.recipientsDaily.reduce(0, +)
            data.normalize()
            return data
        }
    }

    /// Recomputes the rollups of the local days in `[fromDay, toDay)` (day numbers of the shop's zone, `LocalDays`)
    /// whose source rows changed; returns how many local days it recomputed.
    ///
    /// Markers are UTC days. A marked UTC day `u` holds parts of the local days `u − 1`, `u` and `u + 1`, so every
    /// local day overlapping a marked day near the range is recomputed — in the range or not — before the marker is
    /// deleted, in the same transaction: no local day is left stale behind a deleted marker.
    @discardableResult
    public func refreshDashboardRollups(shopID: Shop.ID, fromDay: Int64, toDay: Int64) async throws -> Int {
        try await refreshRollups(shopID: shopID, fromDay: fromDay, toDay: toDay).recomputed
    }

    /// `refreshDashboardRollups`, with the zone the rollups are built for.
    func refreshRollups(shopID: Shop.ID, fromDay: Int64, toDay: Int64) async throws -> (recomputed: Int, zone: TimeZone) {
        let dayMs = DashboardRollup.dayMilliseconds
        let shop = shopID.rawValue, engineKind = kind
        let zone = try await ensureRollupZone(shopID: shopID)
        // A local day lies within the UTC days one before to one after its number (zone offsets are under a day).
        let lower = fromDay == Int64.min ? fromDay : fromDay - 1, upper = toDay == Int64.max ? toDay : toDay + 1
        let dirty = try await read { db in
            try await db.raw(
                "SELECT day FROM dashboard_dirty WHERE shop_id = \(bind: shop) AND day >= \(bind: lower) AND day < \(bind: upper) ORDER BY day"
            ).all().map { try $0.int("day") }
        }
        guard let firstDirty = dirty.first, let lastDirty = dirty.last else { return (0, zone) }
        let calendar = LocalDays(zone: zone, from: firstDirty * dayMs, to: (lastDirty + 1) * dayMs)
        var recomputed = 0
        // A month per transaction, so a rebuild does not hold the writer for long.
        for chunk in dirty.chunked(into: 31) {
            var overlapping = Set<Int64>()
            for utcDay in chunk { overlapping.formUnion(calendar.day(utcDay * dayMs)...calendar.day((utcDay + 1) * dayMs - 1)) }
            let local = overlapping.sorted()
            try await write { db in
                // Locked first, as `resetRollups` does: a change of zone committed since would find its markers deleted.
                guard try await Self.lockRollupZone(db, shop: shop) == zone.identifier else {
                    throw StoreError(.conflict, "the shop's time zone changed while its dashboard was being refreshed; load the page again")
                }
                try await db.raw(
                    "DELETE FROM dashboard_dirty WHERE shop_id = \(bind: shop) AND day IN (\(binds: chunk.map { $0 as any Encodable & Sendable }))"
                ).run()
                for day in local { try await Self.recomputeRollup(db, shop: shop, calendar: calendar, day: day) }
                for month in Set(local.map(LocalDays.monthStart)).sorted() {
                    try await Self.recomputeMonth(db, kind: engineKind, shop: shop, month: month)
                }
            }
            recomputed += local.count
        }
        return (recomputed, zone)
    }

    /// Drops the rollups, marks every day with source rows as changed and recomputes them all, for the shop's current
    /// zone (after a bulk load, or a change the triggers do not see: a product moved to another category); returns how
    /// many local days it recomputed.
    @discardableResult
    public func rebuildDashboardRollups(shopID: Shop.ID) async throws -> Int {
        let shop = shopID.rawValue
        try await write { db in try await Self.resetRollups(db, shop: shop, zone: try await Self.shopTimeZone(db, shop: shop)) }
        return try await refreshDashboardRollups(shopID: shopID, fromDay: 0, toDay: Int64(Int32.max))
    }

    /// The shop's zone, with its rollups built for it: when the zone recorded with them differs — the shop's settings
    /// changed it, or they predate migration 16 (UTC days, unbucketed waits) — they are dropped and every day with
    /// source rows is marked, so each read recomputes the days it shows (a month's page recomputes about 30 days once),
    /// and no figure of the old zone's days is ever shown for the new zone.
    @discardableResult
    func ensureRollupZone(shopID: Shop.ID) async throws -> TimeZone {
        let shop = shopID.rawValue
        let (zone, recorded, months) = try await read { db in
            let zone = try await Self.shopTimeZone(db, shop: shop)
            let row = try await db.raw("SELECT time_zone, months FROM dashboard_zone WHERE shop_id = \(bind: shop)").first()
            return (zone, try row?.string("time_zone"), try row?.int("months"))
        }
        if recorded != zone.identifier {
            try await write { db in try await Self.resetRollups(db, shop: shop, zone: zone) }
        } else if months == 0 {
            try await buildRollupMonths(shop: shop, zone: zone)
        }
        return zone
    }

    /// Sums the monthly rollups of a shop from its daily ones, once, for the days rolled up before migration 18.
    func buildRollupMonths(shop: String, zone: TimeZone) async throws {
        let engineKind = kind
        let days = try await read { db in
            try await db.raw("SELECT DISTINCT day FROM dashboard_daily WHERE shop_id = \(bind: shop)").all().map { try $0.int("day") }
        }
        for chunk in Set(days.map(LocalDays.monthStart)).sorted().chunked(into: 12) {
            try await write { db in
                guard try await Self.lockRollupZone(db, shop: shop) == zone.identifier else {
                    throw StoreError(.conflict, "the shop's time zone changed while its dashboard was being refreshed; load the page again")
                }
                for month in chunk { try await Self.recomputeMonth(db, kind: engineKind, shop: shop, month: month) }
            }
        }
        try await write { db in
            try await db.raw(
                "UPDATE dashboard_zone SET months = 1 WHERE shop_id = \(bind: shop) AND time_zone = \(bind: zone.identifier)"
            ).run()
        }
    }

    /// Records `zone` for the shop's rollups, drops them and marks every UTC day with source rows.
    static func resetRollups(_ db: any SQLDatabase, shop: String, zone: TimeZone) async throws {
        // The zone row first: it is the lock a concurrent refresh takes first too (`lockRollupZone`).
        try await db.raw(
            """
            INSERT INTO dashboard_zone (shop_id, time_zone, months) VALUES (\(bind: shop), \(bind: zone.identifier), 1)
            ON CONFLICT (shop_id) DO UPDATE SET time_zone = excluded.time_zone, months = 1
            """
        ).run()
        for (table, column) in [
            ("events", "occurred_at"), ("carts", "created_at"), ("orders", "placed_at"), ("messages", "sent_at"), ("conversations", "created_at"),
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
        try await db.raw("DELETE FROM dashboard_monthly WHERE shop_id = \(bind: shop)").run()
    }

    /// The zone the shop's rollups are built for, with its row locked until the transaction ends (nil without one).
    static func lockRollupZone(_ db: any SQLDatabase, shop: String) async throws -> String? {
        try await db.raw("UPDATE dashboard_zone SET time_zone = time_zone WHERE shop_id = \(bind: shop) RETURNING time_zone").first()?
            .string("time_zone")
    }

    /// Sums the daily rollups of the month starting on day `month` into `dashboard_monthly`: the summed metrics, and
    /// the histograms merged into one per metric and channel. The daily series are read by day and not summed here.
    static func recomputeMonth(_ db: any SQLDatabase, kind: EngineKind, shop: String, month: Int64) async throws {
        let next = LocalDays.nextMonth(month)
        let series = DashboardRollup.series.sorted().map { $0 as any Encodable & Sendable }
        let histograms = DashboardRollup.histograms.sorted().map { $0 as any Encodable & Sendable }
        try await db.raw("DELETE FROM dashboard_monthly WHERE shop_id = \(bind: shop) AND month = \(bind: month)").run()
        try await db.raw(
            """
            INSERT INTO dashboard_monthly (shop_id, month, metric, label, value)
            SELECT shop_id, \(bind: month), metric, label, SUM(value) FROM dashboard_daily WHERE shop_id = \(bind: shop)
            AND day >= \(bind: month) AND day < \(bind: next) AND metric NOT IN (\(binds: series + histograms)) GROUP BY shop_id, metric, label
            """
        ).run()
        let rows = try await db.raw(
            """
            SELECT metric, label, \(DashboardRollup.concat(kind))(buckets, ' ') AS buckets FROM dashboard_daily WHERE shop_id = \(bind: shop)
            AND day >= \(bind: month) AND day < \(bind: next) AND metric IN (\(binds: histograms)) GROUP BY metric, label
            """
        ).all()
        var merged = DashboardData()
        for row in rows {
            try merged.addHistogram(metric: try row.string("metric"), channel: try row.string("label"), buckets: try row.string("buckets"))
        }
        for (channel, times) in merged.channels.sorted(by: { $0.key < $1.key }) {
            for (metric, waits) in [("conv.response", times.responseSeconds), ("conv.resolution", times.resolutionSeconds)] where !waits.isEmpty {
                try await db.raw(
                    """
                    INSERT INTO dashboard_monthly (shop_id, month, metric, label, value, buckets) VALUES (\(bind: shop), \(bind: month),
                    \(bind: metric), \(bind: channel), \(bind: Int64(waits.values.reduce(0, +))), \(bind: DashboardRollup.encode(waits)))
                    """
                ).run()
            }
        }
    }

    /// Recomputes one local day's rollup from its source rows, `[local midnight, next local midnight)`.
    static func recomputeRollup(_ db: any SQLDatabase, shop: String, calendar: LocalDays, day: Int64) async throws {
        let start = calendar.start(day), end = calendar.start(day + 1)
        let data = try await scanDashboard(db, shop: shop, start: start, end: end, calendar: calendar, firstDay: day, days: 1)
        try await db.raw("DELETE FROM dashboard_daily WHERE shop_id = \(bind: shop) AND day = \(bind: day)").run()
        for chunk in data.rollupRows().chunked(into: 500) {
            var query: SQLQueryString = "INSERT INTO dashboard_daily (shop_id, day, metric, label, value, buckets) VALUES "
            for (index, row) in chunk.enumerated() {
                if index > 0 { query += ", " }
                query += "(\(bind: shop), \(bind: day), \(bind: row.metric), \(bind: row.label), \(bind: row.value), \(bind: row.buckets))"
            }
            try await db.raw(query).run()
        }
    }
}
