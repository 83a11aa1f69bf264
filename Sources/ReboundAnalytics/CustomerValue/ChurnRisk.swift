public import Foundation

/// How overdue a customer is against their own ordering rhythm.
///
/// Model: a customer who is still active orders as a Poisson process with mean gap g days, so the chance of having seen no
/// order in the t days since the last one is exp(−t/g). The risk score is `1 − exp(−t/g)`: 0 right after an order,
/// 0.63 at one mean gap, 0.95 at three mean gaps.
///
/// Which g is used (`basis`):
/// - `.ownRhythm`: two or more orders: (last − first) / (orders − 1), at least `minimumGapDays`.
/// - `.shopMedian`: one-time buyers: the median own-rhythm gap of the shop's repeat customers, when the caller has one.
/// - `.defaultGap`: one-time buyers in a shop without repeat customers: `Configuration.fallbackGapDays` (90).
public struct ChurnRisk: Sendable, Hashable, Codable {
    /// Where the expected gap came from.
    public enum Basis: String, Sendable, Hashable, Codable {
        case ownRhythm, shopMedian, defaultGap
    }

    /// Risk bands for the dashboard.
    public enum Level: String, Sendable, Hashable, Codable {
        case low, medium, high
    }

    /// Model settings.
    public struct Configuration: Sendable, Hashable, Codable {
        /// g for one-time buyers when the shop has no repeat customers. Default 90 days.
        public var fallbackGapDays: Double = 90
        /// Lower bound on g (two orders on the same day must not give g = 0). Default 1 day.
        public var minimumGapDays: Double = 1
        /// Score at or above which the level is `.medium`. Default 0.5.
        public var mediumThreshold: Double = 0.5
        /// Score at or above which the level is `.high`. Default 0.8.
        public var highThreshold: Double = 0.8

        /// The default configuration.
        public init() {}
    }

    /// Days since the last order (0 if it lies in the future of `now`).
    public var daysSinceLastOrder: Double
    /// g, the expected gap in days.
    public var expectedGapDays: Double
    /// Where g came from.
    public var basis: Basis
    /// 1 − exp(−t/g), in [0, 1).
    public var score: Double
    /// The band of `score`.
    public var level: Level

    /// Computes the risk from a customer's order times. Returns nil for a customer without orders.
    /// - Parameter shopMedianGapDays: `ChurnRisk.medianGapDays(...)` over the shop, used for one-time buyers.
    public init?(orderDates: [Date], now: Date, shopMedianGapDays: Double?, configuration: Configuration = Configuration()) {
        guard let first = orderDates.min(), let last = orderDates.max() else { return nil }
        if orderDates.count >= 2 {
            expectedGapDays = max(configuration.minimumGapDays, last.timeIntervalSince(first) / 86_400 / Double(orderDates.count - 1))
            basis = .ownRhythm
        } else if let median = shopMedianGapDays {
            expectedGapDays = max(configuration.minimumGapDays, median)
            basis = .shopMedian
        } else {
            expectedGapDays = max(configuration.minimumGapDays, configuration.fallbackGapDays)
            basis = .defaultGap
        }
        daysSinceLastOrder = max(0, now.timeIntervalSince(last) / 86_400)
        score = -expm1(-daysSinceLastOrder / expectedGapDays)
        level = score >= configuration.highThreshold ? .high : score >= configuration.mediumThreshold ? .medium : .low
    }

    /// The median own-rhythm gap (days) over customers with two or more orders; nil when there are none.
    public static func medianGapDays(orderDatesByCustomer: [[Date]], configuration: Configuration = Configuration()) -> Double? {
        let gaps = orderDatesByCustomer.compactMap { dates -> Double? in
            guard dates.count >= 2, let first = dates.min(), let last = dates.max() else { return nil }
            return max(configuration.minimumGapDays, last.timeIntervalSince(first) / 86_400 / Double(dates.count - 1))
        }.sorted()
        guard !gaps.isEmpty else { return nil }
        let mid = gaps.count / 2
        return gaps.count % 2 == 1 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2
    }
}
