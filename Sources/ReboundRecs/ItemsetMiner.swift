/// Frequent-itemset mining with Eclat over bitset tid-lists, and association rules from the result.
///
/// Gives the same itemsets, counts, supports, confidences and lifts as `efficient-apriori` and
/// `mlxtend` (`apriori` + `association_rules`) for the same transactions and thresholds.
/// ```swift
/// let params = MiningParameters(minSupport: 0.01, minConfidence: 0.5, maxLength: 3)
/// let itemsets = try ItemsetMiner.frequentItemsets(in: baskets.map(\.items), parameters: params)
/// let rules = try ItemsetMiner.rules(from: itemsets, parameters: params)
/// ```
public enum ItemsetMiner {
    /// Mines all itemsets whose support reaches `parameters.minSupport`, up to `parameters.maxLength` items.
    ///
    /// Transactions are sets: a product listed twice in one transaction counts once. Empty
    /// transactions count towards the total (as in the Python peers).
    /// - Throws: ``RecsError/Code/invalidParameter`` for out-of-range thresholds,
    ///   ``RecsError/Code/emptyInput`` when there are no transactions.
    public static func frequentItemsets(in transactions: [[Product.ID]], parameters: MiningParameters) throws(RecsError) -> FrequentItemsets {
        try parameters.validate()
        guard !transactions.isEmpty else { throw RecsError(.emptyInput, "no transactions to mine") }
        let n = transactions.count
        let minCount = parameters.minimumCount(transactions: n)
        let maxLength = parameters.maxLength ?? Int.max

        // Single-item counts; `lastSeen` makes duplicates within a transaction count once.
        var upper = -1
        for transaction in transactions { for item in transaction { upper = max(upper, item.index) } }
        guard upper >= 0 else { return FrequentItemsets(transactionCount: n, itemsets: []) }
        var counts = [Int](repeating: 0, count: upper + 1)
        var lastSeen = [Int](repeating: -1, count: upper + 1)
        for (tid, transaction) in transactions.enumerated() {
            for item in transaction where item.rawValue >= 0 && lastSeen[item.index] != tid {
                lastSeen[item.index] = tid
                counts[item.index] += 1
            }
        }
        // Rarest first keeps the tid-lists deep in the search short.
        let frequent = counts.indices.filter { counts[$0] >= minCount }.sorted { (counts[$0], $0) < (counts[$1], $1) }
        var result = frequent.map { FrequentItemset(items: [Product.ID(Int32($0))], count: counts[$0]) }
        guard maxLength >= 2, frequent.count >= 2 else { return FrequentItemsets(transactionCount: n, itemsets: result) }

        let words = (n + 63) / 64
        var rank = [Int](repeating: -1, count: upper + 1)
        for (position, item) in frequent.enumerated() { rank[item] = position }
        var bits = [UInt64](repeating: 0, count: frequent.count * words)
        for (tid, transaction) in transactions.enumerated() {
            for item in transaction where item.rawValue >= 0 && rank[item.index] >= 0 {
                bits[rank[item.index] * words + tid >> 6] |= 1 << UInt64(tid & 63)
            }
        }
        let level = EclatLevel(items: frequent.map { Int32($0) }, counts: frequent.map { counts[$0] }, bits: bits)
        var search = EclatSearch(words: words, minCount: minCount, maxLength: maxLength)
        search.extend(prefix: [], level: level)
        result += search.found
        return FrequentItemsets(transactionCount: n, itemsets: result)
    }

    /// All rules `A → C` with `A`, `C` non-empty, disjoint and `A ∪ C` a frequent itemset, whose
    /// confidence reaches `parameters.minConfidence`.
    /// - Throws: ``RecsError/Code/invalidParameter`` for out-of-range thresholds.
    public static func rules(from itemsets: FrequentItemsets, parameters: MiningParameters) throws(RecsError) -> [AssociationRule] {
        try parameters.validate()
        var rules: [AssociationRule] = []
        for itemset in itemsets.itemsets where itemset.items.count >= 2 {
            let items = itemset.items
            let k = items.count
            guard k < 63 else { throw .invalidParameter("itemset of \(k) items is too long to enumerate rules; set maxLength") }
            for mask in 1..<(UInt64(1) << UInt64(k)) - 1 {
                var antecedent: [Product.ID] = []
                var consequent: [Product.ID] = []
                for (position, item) in items.enumerated() {
                    if mask & (1 << UInt64(position)) != 0 { antecedent.append(item) } else { consequent.append(item) }
                }
                // Subsets of a frequent itemset are frequent, so both lookups succeed.
                guard let antecedentCount = itemsets.sortedCount(antecedent), let consequentCount = itemsets.sortedCount(consequent) else {
                    continue
                }
                guard Double(itemset.count) / Double(antecedentCount) >= parameters.minConfidence else { continue }
                rules.append(
                    AssociationRule(
                        antecedent: antecedent,
                        consequent: consequent,
                        count: itemset.count,
                        antecedentCount: antecedentCount,
                        consequentCount: consequentCount,
                        transactionCount: itemsets.transactionCount
                    )
                )
            }
        }
        return rules
    }
}

/// Candidate extensions of one prefix: items, their counts with the prefix and their tid bitsets (row-major).
struct EclatLevel {
    var items: [Int32]
    var counts: [Int]
    var bits: [UInt64]
}

/// Depth-first Eclat search over bitset tid-lists.
struct EclatSearch {
    let words: Int
    let minCount: Int
    let maxLength: Int
    var found: [FrequentItemset] = []

    mutating func extend(prefix: [Int32], level: EclatLevel) {
        let width = level.items.count
        for i in 0..<width {
            let itemset = prefix + [level.items[i]]
            if itemset.count > 1 {
                found.append(FrequentItemset(items: itemset.sorted().map { Product.ID($0) }, count: level.counts[i]))
            }
            guard itemset.count < maxLength, i + 1 < width else { continue }
            var child = EclatLevel(items: [], counts: [], bits: [])
            child.bits.reserveCapacity((width - i - 1) * words)
            var scratch = [UInt64](repeating: 0, count: words)
            for j in (i + 1)..<width {
                let support = level.bits.withUnsafeBufferPointer { all in
                    scratch.withUnsafeMutableBufferPointer { out in
                        let a = all.baseAddress! + i * words
                        let b = all.baseAddress! + j * words
                        var total = 0
                        for w in 0..<words {
                            let value = a[w] & b[w]
                            out[w] = value
                            total &+= value.nonzeroBitCount
                        }
                        return total
                    }
                }
                if support >= minCount {
                    child.items.append(level.items[j])
                    child.counts.append(support)
                    child.bits.append(contentsOf: scratch)
                }
            }
            if !child.items.isEmpty { extend(prefix: itemset, level: child) }
        }
    }
}
