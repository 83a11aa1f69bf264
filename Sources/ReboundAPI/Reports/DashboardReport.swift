public import Foundation
public import ReboundAdmin
public import ReboundCore
public import ReboundStore

/// The dashboard of one shop and period: read from the store, shaped as the admin's view model, and written as JSON
/// and CSV from that same model, so the page, the API and the exports always agree.
///
/// ```swift
/// let report = try await DashboardReport.load(store: store, shop: shop, period: period, now: now)
/// AdminPages.dashboard(report.model(context: context))
/// report.json
/// ```
public struct DashboardReport: Sendable {
    public var shop: Shop
    public var period: ReportPeriod
    public var now: Date
    public var current: DashboardData
    public var previous: DashboardData?
    public var recovery: RecoveryReport
    public var previousRecovery: RecoveryReport?
    /// Flow names and the position and label of each message step, by flow id.
    public var flowSteps: [String: FlowStepCatalog.Flow]

    /// Reads the period (and the previous one when `period.compare`) from the daily rollups; `raw` scans the source
    /// rows instead (`Store.recomputeDashboardData`, the reference the rollups are tested against).
    public static func load(store: Store, shop: Shop, period: ReportPeriod, now: Date, raw: Bool = false) async throws -> DashboardReport {
        func data(_ p: ReportPeriod) async throws -> DashboardData {
            if raw {
                return try await store.recomputeDashboardData(shopID: shop.id, from: p.from, to: p.to, dayStart: p.dayStart, days: p.days)
            }
            return try await store.dashboardData(shopID: shop.id, from: p.from, to: p.to, dayStart: p.dayStart, days: p.days, now: now)
        }
        // The two periods and the flows are independent reads: on separate connections at once.
        async let currentRead = data(period)
        async let previousRead = period.compare ? data(period.previous) : nil
        async let flowsRead = store.flows(shopID: shop.id)
        let (current, previous) = (try await currentRead, try await previousRead)
        let flows = FlowStepCatalog.catalog(try await flowsRead)
        return DashboardReport(
            shop: shop,
            period: period,
            now: now,
            current: current,
            previous: previous,
            recovery: current.recoveryReport(currency: shop.currency.rawValue),
            previousRecovery: previous?.recoveryReport(currency: shop.currency.rawValue),
            flowSteps: flows
        )
    }

    public var timeZone: TimeZone { TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")! }

    /// The JSON API path of this period.
    public var apiPath: String { "/v1/reports/dashboard?" + period.queryItems(timeZone: timeZone) }
}

extension DashboardReport {
    /// The admin's view model; `csvBase` is where the page's CSV links point (the page itself answers `format=csv`).
    public func model(context: AdminContext, csvBase: String? = nil) -> DashboardViewModel {
        let source = DataSource(apiPath: apiPath, csvURL: csvBase)
        let c = current, p = previous
        func figure(_ now: Int, _ before: Int?, _ daily: [Int]) -> PeriodFigure<Int> { PeriodFigure(current: now, previous: before, daily: daily) }
        let abandonmentDaily = zip(c.createdAbandonedDaily, c.createdDaily).map { Proportion($0, of: $1) }
        let recipientsRevenue = zip(c.recoveredRevenueDaily, c.recipientsDaily).map { $1 > 0 ? $0 / Int64($1) : 0 }
        let kpis = DashboardKPIs(
            abandonedCarts: figure(c.abandonedDaily.reduce(0, +), p.map { $0.abandonedDaily.reduce(0, +) }, c.abandonedDaily),
            abandonmentRate: PeriodFigure(
                current: Proportion(c.cartsCreatedAbandoned, of: c.cartsCreated),
                previous: p.map { Proportion($0.cartsCreatedAbandoned, of: $0.cartsCreated) },
                daily: abandonmentDaily
            ),
            recoveredCarts: figure(recovery.recoveredCarts, previousRecovery?.recoveredCarts, c.recoveredDaily),
            recoveryRate: PeriodFigure(
                current: Proportion(recovery.recoveredCarts, of: recovery.abandonedCarts),
                previous: previousRecovery.map { Proportion($0.recoveredCarts, of: $0.abandonedCarts) },
                daily: zip(c.recoveredDaily, c.abandonedDaily).map { Proportion($0, of: $1) }
            ),
            recoveredRevenue: PeriodFigure(
                current: recovery.recoveredRevenue,
                previous: previousRecovery?.recoveredRevenue,
                daily: c.recoveredRevenueDaily
            ),
            revenuePerRecipient: PeriodFigure(
                current: Self.perRecipient(recovery.recoveredRevenue, c.recipients) ?? 0,
                previous: previousRecovery.flatMap { report in p.flatMap { Self.perRecipient(report.recoveredRevenue, $0.recipients) } },
                daily: recipientsRevenue
            ),
            source: source
        )
        let abandonment = AbandonmentBreakdown(
            byDevice: c.byDevice.map { AbandonmentSlice(label: $0.label, rate: Proportion($0.abandoned, of: $0.created)) },
            byCategory: Self.largest(c.byCategory, keep: 12).map {
                AbandonmentSlice(label: $0.label, rate: Proportion($0.abandoned, of: $0.created))
            },
            source: source
        )
        func funnel(_ d: DashboardData) -> FunnelCounts { FunnelCounts(viewed: d.viewed, carted: d.carted, checkout: d.checkout, ordered: d.ordered) }
        let chat = ChatEngagementFigures(
            engagement: Proportion(c.chatted, of: c.cartVisitors),
            conversionWithChat: Proportion(c.chattedConverted, of: c.chatted),
            conversionWithoutChat: Proportion(c.notChattedConverted, of: c.cartVisitors - c.chatted),
            source: source
        )
        let satisfaction = satisfactionReport(source: source)
        return DashboardViewModel(
            context: context,
            days: period.dayDates,
            kpis: kpis,
            abandonment: abandonment,
            funnel: FunnelFigures(current: funnel(c), previous: p.map(funnel), source: source),
            flowSteps: FlowStepReport(rows: flowStepRows(), source: source),
            chat: chat,
            support: supportReport(source: source),
            satisfaction: satisfaction,
            ticketVolume: ticketVolume(source: source),
            upsell: UpsellReport(placements: upsellRows(), source: source)
        )
    }

    /// The `keep − 1` slices with the most carts, by name, and the rest summed as "Other": a catalogue with hundreds of
    /// categories stays one readable chart.
    static func largest(_ slices: [DashboardData.Slice], keep: Int) -> [DashboardData.Slice] {
        guard slices.count > keep else { return slices }
        let ranked = slices.sorted { ($1.created, $0.label) < ($0.created, $1.label) }
        let rest = ranked.dropFirst(keep - 1)
        let other = DashboardData.Slice(
            label: "Other (\(rest.count) categories)",
            abandoned: rest.reduce(0) { $0 + $1.abandoned },
            created: rest.reduce(0) { $0 + $1.created }
        )
        return ranked.prefix(keep - 1).sorted { $0.label < $1.label } + [other]
    }

    static func perRecipient(_ revenue: Int64, _ recipients: Int) -> Int64? { recipients > 0 ? revenue / Int64(recipients) : nil }

    /// One row per flow step that sent messages, numbered by its place in the flow, with what it recovered.
    func flowStepRows() -> [FlowStepRow] {
        let credited = Dictionary(
            recovery.byStep.map { (($0.key["flow"] ?? "") + "\u{1F}" + ($0.key["step"] ?? ""), $0) },
            uniquingKeysWith: { first, _ in first }
        )
        return current.flowSteps.map { step in
            let flow = flowSteps[step.flowID]
            let info = flow?.steps[step.step]
            let row = credited[step.flowID + "\u{1F}" + step.step]
            return FlowStepRow(
                flowName: flow?.name ?? step.flowID,
                step: info?.position ?? 0,
                stepLabel: info?.label ?? step.step,
                channel: step.channel,
                sent: step.sent,
                opened: step.opened,
                clicked: step.clicked,
                recovered: row?.recoveredCarts ?? 0,
                revenue: row?.recoveredRevenue ?? 0
            )
        }.sorted { ($0.flowName, $0.step, $0.stepLabel) < ($1.flowName, $1.step, $1.stepLabel) }
    }

    /// `chat`, `email`, `sms`, and `social` for the Meta channels.
    static func serviceChannel(_ channel: String) -> String {
        switch channel.lowercased() {
        case "chat", "email", "sms": channel.lowercased()
        case "messenger", "instagram", "whatsapp", "facebook", "social": "social"
        default: channel.lowercased()
        }
    }

    /// Nearest-rank percentile of a histogram of bucket edges (`WaitBuckets`) → count: the edge of the bucket holding
    /// the rank, at most one bucket width above the exact percentile (exact up to 10 minutes).
    static func percentile(_ histogram: [Int64: Int], _ p: Double) -> Double? {
        let total = histogram.values.reduce(0, +)
        guard total > 0 else { return nil }
        let rank = max(1, Int((p * Double(total)).rounded(.up)))
        var cumulative = 0
        for (seconds, count) in histogram.sorted(by: { $0.key < $1.key }) {
            cumulative += count
            if cumulative >= rank { return Double(seconds) }
        }
        return nil
    }

    /// The shop's first-response target of a dashboard channel (`social` is the strictest of the social channels).
    static func firstResponseTarget(_ channel: String, _ settings: ShopSettings) -> Double {
        let levels = settings.serviceLevels
        if channel == "social" {
            return ["messenger", "instagram", "whatsapp"].compactMap { levels.firstResponse[$0] }.min() ?? 3600
        }
        return levels.firstResponse[channel] ?? ChannelServiceRow.defaultFirstResponseTarget(channel: channel)
    }

    func supportReport(source: DataSource) -> SupportReport {
        var groups: [String: DashboardData.ChannelTimes] = [:]
        for (channel, times) in current.channels {
            var merged = groups[Self.serviceChannel(channel)] ?? DashboardData.ChannelTimes()
            merged.conversations += times.conversations
            merged.responseSeconds.merge(times.responseSeconds, uniquingKeysWith: +)
            merged.resolutionSeconds.merge(times.resolutionSeconds, uniquingKeysWith: +)
            merged.unansweredEarlier += times.unansweredEarlier
            merged.unansweredAt.merge(times.unansweredAt, uniquingKeysWith: +)
            groups[Self.serviceChannel(channel)] = merged
        }
        var met = 0, judged = 0
        let order = ["chat", "email", "sms", "social"]
        let rows: [ChannelServiceRow] = groups.keys.sorted { (order.firstIndex(of: $0) ?? 9, $0) < (order.firstIndex(of: $1) ?? 9, $1) }.map {
            channel in
            let times = groups[channel] ?? DashboardData.ChannelTimes()
            let target = Self.firstResponseTarget(channel, shop.settings)
            let responses = times.responseSeconds.values.reduce(0, +)
            // A conversation counts once it was answered, or once its target passed unanswered (a breach). Those
            // before the split are older than a day, past every target. Exact for the default targets, which are
            // bucket edges (`WaitBuckets`: 120 s, 3600 s and 7200 s), and for any target up to 10 minutes; a shop's
            // own longer target off an edge is judged within one bucket width.
            let answeredInTime = times.responseSeconds.filter { Double($0.key) <= target }.values.reduce(0, +)
            let overdue =
                times.unansweredEarlier
                + times.unansweredAt.filter { now.timeIntervalSince(Date(epochMilliseconds: $0.key)) > target }.values.reduce(0, +)
            met += answeredInTime
            judged += responses + overdue
            return ChannelServiceRow(
                channel: channel,
                conversations: times.conversations,
                firstResponseMedian: Self.percentile(times.responseSeconds, 0.5),
                firstResponseP90: Self.percentile(times.responseSeconds, 0.9),
                firstResponseTarget: target,
                resolutionMedian: Self.percentile(times.resolutionSeconds, 0.5),
                slaMet: Proportion(answeredInTime, of: responses + overdue)
            )
        }
        return SupportReport(
            channels: rows,
            slaCompliance: Proportion(met, of: judged),
            deflection: Proportion(current.deflected, of: current.conversationCount),
            source: source
        )
    }

    /// Daily CSAT averages and NPS from `csat_submitted` (score 1–5) and `nps_submitted` (score 0–10) events.
    struct Scores {
        var daily: [Double?]
        var overall: Double?
        var responses: Int
    }

    static func scores(_ days: [DashboardData.ScoreDay], nps: Bool) -> Scores {
        func summary(_ day: DashboardData.ScoreDay) -> Double? {
            guard day.responses > 0 else { return nil }
            guard nps else { return Double(day.sumMilli) / 1000 / Double(day.responses) }
            return Double(day.promoters - day.detractors) / Double(day.responses) * 100
        }
        var all = DashboardData.ScoreDay()
        for day in days {
            all.responses += day.responses
            all.sumMilli += day.sumMilli
            all.promoters += day.promoters
            all.detractors += day.detractors
        }
        return Scores(daily: days.map(summary), overall: summary(all), responses: all.responses)
    }

    func satisfactionReport(source: DataSource) -> SatisfactionReport {
        let csat = Self.scores(current.csatDaily, nps: false)
        let nps = Self.scores(current.npsDaily, nps: true)
        let csatBefore = previous.map { Self.scores($0.csatDaily, nps: false) }
        let npsBefore = previous.map { Self.scores($0.npsDaily, nps: true) }
        return SatisfactionReport(
            csatDaily: csat.daily,
            csatPreviousDaily: csatBefore?.daily,
            csat: csat.overall,
            csatResponses: csat.responses,
            npsDaily: nps.daily,
            npsPreviousDaily: npsBefore?.daily,
            nps: nps.overall,
            npsResponses: nps.responses,
            source: source
        )
    }

    func ticketVolume(source: DataSource) -> TicketVolumeReport {
        TicketVolumeReport(
            categories: current.intentDaily.keys.sorted().map { TicketCategorySeries(name: $0, daily: current.intentDaily[$0] ?? []) },
            source: source
        )
    }

    /// The placements the storefront and flows offer upsells in; shown with zeros until they have data.
    public static let standardPlacements = ["product_page", "cart", "thank_you", "free_shipping"]

    func upsellRows() -> [UpsellPlacementRow] {
        var rows: [String: UpsellPlacementRow] = [:]
        for placement in Self.standardPlacements { rows[placement] = UpsellPlacementRow(placement: placement, shown: 0, accepted: 0, revenue: 0) }
        for (placement, figures) in current.placements {
            var row = rows[placement] ?? UpsellPlacementRow(placement: placement, shown: 0, accepted: 0, revenue: 0)
            row.shown += figures.shown
            row.accepted += figures.accepted
            row.revenue += figures.revenue
            rows[placement] = row
        }
        let order = Self.standardPlacements
        return rows.values.sorted {
            (order.firstIndex(of: $0.placement) ?? 99, $0.placement) < (order.firstIndex(of: $1.placement) ?? 99, $1.placement)
        }
    }
}
