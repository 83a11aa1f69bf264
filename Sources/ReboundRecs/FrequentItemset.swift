/// A set of products bought together in at least the minimum number of baskets.
public struct FrequentItemset: Sendable, Hashable {
    /// Products, sorted ascending by id.
    public var items: [Product.ID]
    /// Number of baskets containing all of ``items``.
    public var count: Int

    public init(items: [Product.ID], count: Int) {
        self.items = items
        self.count = count
    }
}

/// The frequent itemsets of a set of transactions.
public struct FrequentItemsets: Sendable {
    /// Number of transactions mined (empty ones included), the denominator of support.
    public let transactionCount: Int
    /// Sorted by length, then lexicographically by product id.
    public let itemsets: [FrequentItemset]
    private let counts: [[Product.ID]: Int]

    init(transactionCount: Int, itemsets: [FrequentItemset]) {
        self.transactionCount = transactionCount
        self.itemsets = itemsets.sorted { lhs, rhs in
            lhs.items.count != rhs.items.count ? lhs.items.count < rhs.items.count : lhs.items.lexicographicallyPrecedes(rhs.items)
        }
        self.counts = Dictionary(uniqueKeysWithValues: itemsets.map { ($0.items, $0.count) })
    }

    /// The count of a frequent itemset (`items` in any order), or `nil` when it is not frequent.
    public func count(of items: [Product.ID]) -> Int? { counts[items.sorted()] }

    /// Support of an itemset: count divided by ``transactionCount``.
    public func support(of itemset: FrequentItemset) -> Double { Double(itemset.count) / Double(transactionCount) }

    /// Count lookup for already sorted items.
    func sortedCount(_ items: [Product.ID]) -> Int? { counts[items] }
}
