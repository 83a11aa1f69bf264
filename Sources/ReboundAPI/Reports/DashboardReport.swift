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

    /// Reads the period (and the previous one when `period.compare`).
    public static func load(store: Store, shop: Shop, period: ReportPeriod, now: Date) async throws -> DashboardReport {
        let current = try await store.dashboardData(
            shopID: shop.id,
            from: period.from,
            to: period.to,
            dayStart: period.dayStart,
            days: period.days
        )
        let recovery = try await store.recoveryReport(shop: shop, from: period.from, to: period.to)
        var previous: DashboardData?
        var previousRecovery: RecoveryReport?
        if period.compare {
            let before = period.previous
            previous = try await store.dashboardData(shopID: shop.id, from: before.from, to: before.to, dayStart: before.dayStart, days: before.days)
            previousRecovery = try await store.recoveryReport(shop: shop, from: before.from, to: before.to)
        }
        let flows = FlowStepCatalog.catalog(try await store.flows(shopID: shop.id))
        return DashboardReport(
            shop: shop,
            period: period,
            now: now,
            current: current,
            previous: previous,
            recovery: recovery,
            previousRecovery: previousRecovery,
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

    /// Nearest-rank percentile of sorted values.
    static func percentile(_ sorted: [Double], _ p: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, Int((p * Double(sorted.count)).rounded(.up)))
        return sorted[min(sorted.count, rank) - 1]
    }

    func supportReport(source: DataSource) -> SupportReport {
        let groups = Dictionary(grouping: current.conversations) { Self.serviceChannel($0.channel) }
        var met = 0, judged = 0
        let order = ["chat", "email", "sms", "social"]
        let rows: [ChannelServiceRow] = groups.keys.sorted { (order.firstIndex(of: $0) ?? 9, $0) < (order.firstIndex(of: $1) ?? 9, $1) }.map {
            channel in
            let list = groups[channel] ?? []
            let target = ChannelServiceRow.defaultFirstResponseTarget(channel: channel)
            let responses = list.compactMap { c in c.firstResponseAt.map { $0.timeIntervalSince(c.createdAt) } }.sorted()
            let resolutions = list.compactMap { c in c.resolvedAt.map { $0.timeIntervalSince(c.createdAt) } }.sorted()
            // A conversation counts once it was answered, or once its target passed unanswered (a breach).
            let answeredInTime = responses.filter { $0 <= target }.count
            let overdue = list.filter { $0.firstResponseAt == nil && now.timeIntervalSince($0.createdAt) > target }.count
            met += answeredInTime
            judged += responses.count + overdue
            return ChannelServiceRow(
                channel: channel,
                conversations: list.count,
                firstResponseMedian: Self.percentile(responses, 0.5),
                firstResponseP90: Self.percentile(responses, 0.9),
                firstResponseTarget: target,
                resolutionMedian: Self.percentile(resolutions, 0.5),
                slaMet: Proportion(answeredInTime, of: responses.count + overdue)
            )
        }
        let deflected = current.conversations.filter { $0.resolvedAt != nil && !$0.agentReplied }.count
        return SupportReport(
            channels: rows,
            slaCompliance: Proportion(met, of: judged),
            deflection: Proportion(deflected, of: current.conversations.count),
            source: source
        )
    }

    /// Daily CSAT averages and NPS from `csat_submitted` (score 1–5) and `nps_submitted` (score 0–10) events.
    struct Scores {
        var daily: [Double?]
        var overall: Double?
        var responses: Int
    }

    static func scores(_ data: DashboardData, type: String, days: Int, dayStart: Date, range: ClosedRange<Double>, nps: Bool) -> Scores {
        var byDay = [[Double]](repeating: [], count: days)
        var all: [Double] = []
        for event in data.propertyEvents where event.type == type {
            guard let score = event.properties["score"]?.doubleValue, range.contains(score) else { continue }
            let day = Int(event.at.timeIntervalSince(dayStart) / 86_400)
            if day >= 0 && day < days { byDay[day].append(score) }
            all.append(score)
        }
        func summary(_ values: [Double]) -> Double? {
            guard !values.isEmpty else { return nil }
            guard nps else { return values.reduce(0, +) / Double(values.count) }
            let promoters = values.filter { $0 >= 9 }.count, detractors = values.filter { $0 <= 6 }.count
            return Double(promoters - detractors) / Double(values.count) * 100
        }
        return Scores(daily: byDay.map(summary), overall: summary(all), responses: all.count)
    }

    func satisfactionReport(source: DataSource) -> SatisfactionReport {
        let csat = Self.scores(current, type: "csat_submitted", days: period.days, dayStart: period.dayStart, range: 1...5, nps: false)
        let nps = Self.scores(current, type: "nps_submitted", days: period.days, dayStart: period.dayStart, range: 0...10, nps: true)
        let before = period.previous
        let csatBefore = previous.map {
            Self.scores($0, type: "csat_submitted", days: before.days, dayStart: before.dayStart, range: 1...5, nps: false)
        }
        let npsBefore = previous.map {
            Self.scores($0, type: "nps_submitted", days: before.days, dayStart: before.dayStart, range: 0...10, nps: true)
        }
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
        var byCategory: [String: [Int]] = [:]
        for conversation in current.conversations {
            let day = Int(conversation.createdAt.timeIntervalSince(period.dayStart) / 86_400)
            guard day >= 0 && day < period.days else { continue }
            let name = conversation.intent.flatMap { $0.isEmpty ? nil : $0 } ?? "other"
            byCategory[name, default: [Int](repeating: 0, count: period.days)][day] += 1
        }
        return TicketVolumeReport(
            categories: byCategory.keys.sorted().map { TicketCategorySeries(name: $0, daily: byCategory[$0] ?? []) },
            source: source
        )
    }

    /// The placements the storefront and flows offer upsells in; shown with zeros until they have data.
    public static let standardPlacements = ["product_page", "cart", "thank_you", "free_shipping_gap"]

    func upsellRows() -> [UpsellPlacementRow] {
        var rows: [String: UpsellPlacementRow] = [:]
        for placement in Self.standardPlacements { rows[placement] = UpsellPlacementRow(placement: placement, shown: 0, accepted: 0, revenue: 0) }
        for event in current.propertyEvents where event.type.hasPrefix("recommendation_") {
            let placement = event.properties["placement"]?.stringValue ?? "unknown"
            var row = rows[placement] ?? UpsellPlacementRow(placement: placement, shown: 0, accepted: 0, revenue: 0)
            if event.type == "recommendation_shown" {
                row.shown += 1
            } else if event.type == "recommendation_added" {
                row.accepted += 1
                let quantity = max(1, event.properties["quantity"]?.int64Value ?? 1)
                row.revenue += max(0, event.properties["price"]?.int64Value ?? 0) * quantity
            }
            rows[placement] = row
        }
        let order = Self.standardPlacements
        return rows.values.sorted {
            (order.firstIndex(of: $0.placement) ?? 99, $0.placement) < (order.firstIndex(of: $1.placement) ?? 99, $1.placement)
        }
    }
}
