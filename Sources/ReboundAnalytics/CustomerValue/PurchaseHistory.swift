public import Foundation

/// One order of a customer, as plain values (amounts in minor units of the shop currency).
public struct PurchaseRecord: Sendable, Hashable, Codable {
    /// When the order was placed.
    public var placedAt: Date
    /// Order total in minor units.
    public var valueMinor: Int64
    /// Amount refunded on the order so far, in minor units.
    public var refundedMinor: Int64

    /// Creates a record.
    public init(placedAt: Date, valueMinor: Int64, refundedMinor: Int64 = 0) {
        self.placedAt = placedAt
        self.valueMinor = valueMinor
        self.refundedMinor = refundedMinor
    }
}

/// Historic customer value.
public enum HistoricValue {
    /// Historic CLV: Σ order value − Σ refunds, in minor units. Single currency: convert before calling.
    public static func lifetimeValue(_ orders: [PurchaseRecord]) -> Int64 {
        orders.reduce(0) { $0 + $1.valueMinor - $1.refundedMinor }
    }
}

/// A customer's purchase history condensed for BG/NBD and Gamma-Gamma, in days.
///
/// Purchases are counted per UTC calendar day (several orders on one day are one purchase, their values summed),
/// as `lifetimes.utils.summary_data_from_transaction_data(freq="D")` does.
public struct RepeatPurchaseSummary: Sendable, Hashable, Codable {
    /// x: repeat purchases (purchase days − 1).
    public var frequency: Int
    /// tₓ: days from the first to the last purchase day.
    public var recency: Double
    /// T: days from the first purchase day to the end of the observation period.
    public var age: Double
    /// Mean value of the repeat purchase days (the first day excluded); 0 when `frequency` is 0.
    public var meanRepeatValue: Double

    /// Creates a summary from its figures.
    public init(frequency: Int, recency: Double, age: Double, meanRepeatValue: Double = 0) {
        self.frequency = frequency
        self.recency = recency
        self.age = age
        self.meanRepeatValue = meanRepeatValue
    }

    /// Summarises purchases up to and including the UTC day of `observationEnd`; later purchases are ignored.
    /// Returns nil when no purchase falls in the period.
    public init?(purchases: [(at: Date, value: Double)], observationEnd: Date) {
        let endDay = Self.dayIndex(observationEnd)
        var byDay: [Int: Double] = [:]
        for purchase in purchases {
            let day = Self.dayIndex(purchase.at)
            if day <= endDay { byDay[day, default: 0] += purchase.value }
        }
        let days = byDay.keys.sorted()
        guard let first = days.first, let last = days.last else { return nil }
        frequency = days.count - 1
        recency = Double(last - first)
        age = Double(endDay - first)
        meanRepeatValue = frequency > 0 ? days.dropFirst().reduce(0) { $0 + byDay[$1]! } / Double(frequency) : 0
    }

    /// Days since 1970-01-01 UTC.
    public static func dayIndex(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }
}
