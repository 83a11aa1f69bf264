/// Mergeable counters behind the dashboard: one per shop and day is stored as a summary row, and any range of days is
/// their merge. `add` and `merge` are order-independent, so the result equals a batch recomputation from the raw log.
///
/// ```swift
/// var day = DashboardAccumulator()
/// for event in events { day.add(event) }
/// let week = days.reduce(DashboardAccumulator()) { $0.merged(with: $1) }
/// week.figures.abandonmentRate.value
/// ```
public struct DashboardAccumulator: Sendable, Hashable, Codable {
    /// Cart counters of one slice (all carts, one device, one category).
    public struct CartCounts: Sendable, Hashable, Codable {
        public var created = 0
        public var abandoned = 0
        public var recovered = 0

        mutating func merge(_ other: CartCounts) {
            created += other.created
            abandoned += other.abandoned
            recovered += other.recovered
        }
    }

    /// Message counters of one flow step.
    public struct MessageCounts: Sendable, Hashable, Codable {
        public var sent = 0
        public var opened = 0
        public var clicked = 0

        mutating func merge(_ other: MessageCounts) {
            sent += other.sent
            opened += other.opened
            clicked += other.clicked
        }
    }

    /// Events per kind.
    public private(set) var kindCounts: [AnalyticsEvent.Kind: Int] = [:]
    /// Cart counters by device.
    public private(set) var byDevice: [String: CartCounts] = [:]
    /// Cart counters by category.
    public private(set) var byCategory: [String: CartCounts] = [:]
    /// Message counters by flow step (events without a step count as step 0).
    public private(set) var messages: [Int: MessageCounts] = [:]
    /// First response times as a histogram of whole seconds (rounded up), exact for percentiles at 1 s resolution.
    public private(set) var responseSeconds: [Int: Int] = [:]

    /// An empty accumulator.
    public init() {}

    /// Counts one event.
    public mutating func add(_ event: AnalyticsEvent) {
        kindCounts[event.kind, default: 0] += 1
        var slice = CartCounts()
        switch event.kind {
        case .cartCreated: slice.created = 1
        case .cartAbandoned: slice.abandoned = 1
        case .cartRecovered: slice.recovered = 1
        case .messageSent: messages[event.step ?? 0, default: MessageCounts()].sent += 1
        case .messageOpened: messages[event.step ?? 0, default: MessageCounts()].opened += 1
        case .messageClicked: messages[event.step ?? 0, default: MessageCounts()].clicked += 1
        case .firstResponse:
            if let seconds = event.responseSeconds { responseSeconds[Self.bucket(seconds), default: 0] += 1 }
        case .productViewed, .checkoutStarted, .orderPlaced: break
        }
        if slice != CartCounts() {
            byDevice[event.device ?? "unknown", default: CartCounts()].merge(slice)
            byCategory[event.category ?? "unknown", default: CartCounts()].merge(slice)
        }
    }

    /// Adds another accumulator's counts into this one.
    public mutating func merge(_ other: DashboardAccumulator) {
        kindCounts.merge(other.kindCounts, uniquingKeysWith: +)
        for (key, value) in other.byDevice { byDevice[key, default: CartCounts()].merge(value) }
        for (key, value) in other.byCategory { byCategory[key, default: CartCounts()].merge(value) }
        for (key, value) in other.messages { messages[key, default: MessageCounts()].merge(value) }
        responseSeconds.merge(other.responseSeconds, uniquingKeysWith: +)
    }

    /// This accumulator merged with another.
    public func merged(with other: DashboardAccumulator) -> DashboardAccumulator {
        var copy = self
        copy.merge(other)
        return copy
    }

    /// Whole seconds, rounded up; negative waits (clock skew) count as 0.
    static func bucket(_ seconds: Double) -> Int { max(0, Int(seconds.rounded(.up))) }

    /// The dashboard figures of everything added so far.
    public var figures: DashboardFigures {
        let count = { (kind: AnalyticsEvent.Kind) in kindCounts[kind] ?? 0 }
        return DashboardFigures(
            cartsCreated: count(.cartCreated),
            cartsAbandoned: count(.cartAbandoned),
            cartsRecovered: count(.cartRecovered),
            abandonmentByDevice: byDevice.mapValues { Ratio($0.abandoned, of: $0.created) },
            abandonmentByCategory: byCategory.mapValues { Ratio($0.abandoned, of: $0.created) },
            funnel: DashboardFigures.Funnel(
                viewed: count(.productViewed),
                carted: count(.cartCreated),
                checkout: count(.checkoutStarted),
                ordered: count(.orderPlaced)
            ),
            messageSteps: messages.mapValues {
                DashboardFigures.StepRates(openRate: Ratio($0.opened, of: $0.sent), clickRate: Ratio($0.clicked, of: $0.sent))
            },
            firstResponse: DashboardFigures.ResponsePercentiles(histogram: responseSeconds)
        )
    }
}
