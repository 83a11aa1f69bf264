public import Foundation

/// The per-customer inputs of RFM scoring.
public struct RFMInput: Sendable, Hashable, Codable {
    /// The customer's identifier.
    public var customerID: String
    /// When the latest order was placed.
    public var lastOrderAt: Date
    /// Number of orders.
    public var orderCount: Int
    /// Net spend (historic CLV) in minor units.
    public var monetaryMinor: Int64

    /// Creates an input row.
    public init(customerID: String, lastOrderAt: Date, orderCount: Int, monetaryMinor: Int64) {
        self.customerID = customerID
        self.lastOrderAt = lastOrderAt
        self.orderCount = orderCount
        self.monetaryMinor = monetaryMinor
    }
}

/// Recency, frequency and monetary scores, each 1 (worst) … 5 (best).
public struct RFMScore: Sendable, Hashable, Codable {
    /// 5 = ordered most recently.
    public var recency: Int
    /// 5 = most orders.
    public var frequency: Int
    /// 5 = highest spend.
    public var monetary: Int

    /// Creates a score.
    public init(recency: Int, frequency: Int, monetary: Int) {
        self.recency = recency
        self.frequency = frequency
        self.monetary = monetary
    }

    /// The cell as three digits, e.g. "545".
    public var cell: String { "\(recency)\(frequency)\(monetary)" }
}

/// RFM quintile scoring over one shop's customers (those with at least one order).
///
/// Tie rule: a customer's score is `1 + ⌊5 · below / n⌋`, where `below` is the number of customers strictly worse on that
/// dimension (fewer orders, lower spend, or more days since the last order) and n the number of customers. Customers with
/// equal values always get equal scores, the result does not depend on input order, and a large tie can skip scores
/// (if 60 % of customers have exactly one order they all score F=1 and the next value scores F=4). This is quintiles of
/// the "min" rank, like `pandas.Series.rank(method="min")`.
public enum RFMScoring {
    /// Scores every customer; the result is keyed by customer ID.
    public static func scores(_ customers: [RFMInput], now: Date) -> [String: RFMScore] {
        let recency = quintiles(customers.map { -now.timeIntervalSince($0.lastOrderAt) })
        let frequency = quintiles(customers.map { Double($0.orderCount) })
        let monetary = quintiles(customers.map { Double($0.monetaryMinor) })
        var result: [String: RFMScore] = [:]
        for (i, customer) in customers.enumerated() {
            result[customer.customerID] = RFMScore(recency: recency[i], frequency: frequency[i], monetary: monetary[i])
        }
        return result
    }

    /// Quintile scores 1…5 of `values` (higher value = higher score), with the tie rule above.
    public static func quintiles(_ values: [Double]) -> [Int] {
        let n = values.count
        guard n > 0 else { return [] }
        let sorted = values.sorted()
        return values.map { value in
            // Number of values strictly below `value`: the first index of `value` in the sorted list.
            var low = 0, high = n
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid] < value { low = mid + 1 } else { high = mid }
            }
            return 1 + (5 * low) / n
        }
    }
}
