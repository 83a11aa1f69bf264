/// Thresholds for frequent-itemset mining and association rules.
///
/// The comparisons are the ones `efficient-apriori` and `mlxtend` make: an itemset is frequent when
/// `Double(count) / Double(transactions) >= minSupport`; a rule is kept when
/// `Double(count(A ∪ C)) / Double(count(A)) >= minConfidence`.
public struct MiningParameters: Sendable, Hashable {
    /// Minimum support, a fraction in `(0, 1]`.
    public var minSupport: Double
    /// Minimum confidence, a fraction in `[0, 1]`.
    public var minConfidence: Double
    /// Longest itemset mined (and so the longest rule, antecedent plus consequent); `nil` for no limit.
    public var maxLength: Int?

    public init(minSupport: Double, minConfidence: Double = 0.5, maxLength: Int? = nil) {
        self.minSupport = minSupport
        self.minConfidence = minConfidence
        self.maxLength = maxLength
    }

    /// Throws ``RecsError/Code/invalidParameter`` when a threshold is out of range or not a number.
    public func validate() throws(RecsError) {
        guard minSupport.isFinite, minSupport > 0, minSupport <= 1 else {
            throw .invalidParameter("minSupport must be in (0, 1], got \(minSupport)")
        }
        guard minConfidence.isFinite, minConfidence >= 0, minConfidence <= 1 else {
            throw .invalidParameter("minConfidence must be in [0, 1], got \(minConfidence)")
        }
        if let maxLength, maxLength < 1 {
            throw .invalidParameter("maxLength must be at least 1, got \(maxLength)")
        }
    }

    /// The smallest count that is frequent among `transactions` transactions, using the same
    /// floating-point comparison as the Python peers (so edge cases like 0.01 × 15,000 agree).
    public func minimumCount(transactions: Int) -> Int {
        let n = Double(transactions)
        var count = max(1, Int((minSupport * n).rounded(.up)))
        while count > 1 && Double(count - 1) / n >= minSupport { count -= 1 }
        while Double(count) / n < minSupport { count += 1 }
        return count
    }
}
