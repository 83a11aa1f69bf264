public import Foundation

/// Everything the dashboard shows for one period. Money is in minor units of the shop currency (`context.format.currency`).
public struct DashboardViewModel: Sendable, Hashable {
    public var context: AdminContext
    /// One date per day of the period, oldest first: the x axis of trends.
    public var days: [Date]
    public var kpis: DashboardKPIs
    public var abandonment: AbandonmentBreakdown
    public var funnel: FunnelFigures
    public var flowSteps: FlowStepReport
    public var chat: ChatEngagementFigures
    public var support: SupportReport
    public var satisfaction: SatisfactionReport
    public var ticketVolume: TicketVolumeReport
    public var upsell: UpsellReport

    /// Creates the model.
    public init(
        context: AdminContext,
        days: [Date],
        kpis: DashboardKPIs,
        abandonment: AbandonmentBreakdown,
        funnel: FunnelFigures,
        flowSteps: FlowStepReport,
        chat: ChatEngagementFigures,
        support: SupportReport,
        satisfaction: SatisfactionReport,
        ticketVolume: TicketVolumeReport,
        upsell: UpsellReport
    ) {
        self.context = context
        self.days = days
        self.kpis = kpis
        self.abandonment = abandonment
        self.funnel = funnel
        self.flowSteps = flowSteps
        self.chat = chat
        self.support = support
        self.satisfaction = satisfaction
        self.ticketVolume = ticketVolume
        self.upsell = upsell
    }
}

/// The headline tiles.
public struct DashboardKPIs: Sendable, Hashable {
    public var abandonedCarts: PeriodFigure<Int>
    /// Abandoned out of created carts.
    public var abandonmentRate: PeriodFigure<Proportion>
    public var recoveredCarts: PeriodFigure<Int>
    /// Recovered out of abandoned carts; drawn against `recoveryReference`.
    public var recoveryRate: PeriodFigure<Proportion>
    /// Revenue of recovered orders, minor units.
    public var recoveredRevenue: PeriodFigure<Int64>
    /// Recovered revenue per person who received a recovery message, minor units.
    public var revenuePerRecipient: PeriodFigure<Int64>
    public var recoveryReference: RateReference
    public var source: DataSource

    /// Creates the tiles.
    public init(
        abandonedCarts: PeriodFigure<Int>,
        abandonmentRate: PeriodFigure<Proportion>,
        recoveredCarts: PeriodFigure<Int>,
        recoveryRate: PeriodFigure<Proportion>,
        recoveredRevenue: PeriodFigure<Int64>,
        revenuePerRecipient: PeriodFigure<Int64>,
        recoveryReference: RateReference = .recoveryRate,
        source: DataSource
    ) {
        self.abandonedCarts = abandonedCarts
        self.abandonmentRate = abandonmentRate
        self.recoveredCarts = recoveredCarts
        self.recoveryRate = recoveryRate
        self.recoveredRevenue = recoveredRevenue
        self.revenuePerRecipient = revenuePerRecipient
        self.recoveryReference = recoveryReference
        self.source = source
    }
}

/// Abandonment split by a dimension value ("mobile", "Jewellery").
public struct AbandonmentSlice: Sendable, Hashable {
    public var label: String
    /// Abandoned out of created carts in this slice.
    public var rate: Proportion

    /// Creates a slice.
    public init(label: String, rate: Proportion) {
        self.label = label
        self.rate = rate
    }
}

/// Where carts are abandoned.
public struct AbandonmentBreakdown: Sendable, Hashable {
    public var byDevice: [AbandonmentSlice]
    public var byCategory: [AbandonmentSlice]
    /// A benchmark line, e.g. 0.7019 (world average); nil for none.
    public var benchmark: Double?
    public var benchmarkLabel: String
    public var source: DataSource

    /// Creates the breakdown.
    public init(
        byDevice: [AbandonmentSlice],
        byCategory: [AbandonmentSlice],
        benchmark: Double? = 0.7019,
        benchmarkLabel: String = "World average 70.2 %",
        source: DataSource
    ) {
        self.byDevice = byDevice
        self.byCategory = byCategory
        self.benchmark = benchmark
        self.benchmarkLabel = benchmarkLabel
        self.source = source
    }
}

/// Counts at each funnel stage.
public struct FunnelCounts: Sendable, Hashable {
    public var viewed: Int
    public var carted: Int
    public var checkout: Int
    public var ordered: Int

    /// Creates the counts.
    public init(viewed: Int, carted: Int, checkout: Int, ordered: Int) {
        self.viewed = viewed
        self.carted = carted
        self.checkout = checkout
        self.ordered = ordered
    }
}

/// The funnel of this period and, for comparison, the previous one.
public struct FunnelFigures: Sendable, Hashable {
    public var current: FunnelCounts
    public var previous: FunnelCounts?
    public var source: DataSource

    /// Creates the figures.
    public init(current: FunnelCounts, previous: FunnelCounts? = nil, source: DataSource) {
        self.current = current
        self.previous = previous
        self.source = source
    }
}
