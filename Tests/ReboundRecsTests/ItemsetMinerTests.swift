import ReboundRecs
import Testing

/// T1 {a b c}, T2 {a b}, T3 {a c}, T4 {b c}, T5 {a b c d} with a=0, b=1, c=2, d=3.
/// Counts: a b c = 4 each, d = 1; each pair 3; abc 2.
private let raw: [[Int32]] = [[0, 1, 2], [0, 1], [0, 2], [1, 2], [0, 1, 2, 3]]
private let transactions: [[Product.ID]] = raw.map { $0.map(p) }

@Test func itemsetsMatchHandComputedSupports() throws {
    let result = try ItemsetMiner.frequentItemsets(in: transactions, parameters: MiningParameters(minSupport: 0.4))
    #expect(result.transactionCount == 5)
    #expect(result.itemsets.map(\.items) == [[p(0)], [p(1)], [p(2)], [p(0), p(1)], [p(0), p(2)], [p(1), p(2)], [p(0), p(1), p(2)]])
    #expect(result.itemsets.map(\.count) == [4, 4, 4, 3, 3, 3, 2])
    #expect(result.count(of: [p(2), p(0)]) == 3)
    #expect(result.count(of: [p(3)]) == nil)  // support 0.2 < 0.4
    #expect(result.support(of: result.itemsets[6]) == 0.4)  // exactly at the threshold: kept
}

@Test func rulesMatchHandComputedConfidenceAndLift() throws {
    let parameters = MiningParameters(minSupport: 0.4, minConfidence: 0.7)
    let itemsets = try ItemsetMiner.frequentItemsets(in: transactions, parameters: parameters)
    let rules = try ItemsetMiner.rules(from: itemsets, parameters: parameters)
    // Only the six pair rules reach 0.75; {a b} → {c} has 2/3.
    #expect(rules.count == 6)
    for rule in rules {
        #expect(rule.antecedent.count == 1 && rule.consequent.count == 1)
        #expect(rule.count == 3)
        #expect(rule.support == 0.6)
        #expect(rule.confidence == 0.75)
        #expect(rule.lift == 0.9375)  // 3 · 5 / (4 · 4)
    }

    let all = try ItemsetMiner.rules(from: itemsets, parameters: MiningParameters(minSupport: 0.4, minConfidence: 0.5))
    #expect(all.count == 12)
    let abToC = try #require(all.first { $0.antecedent == [p(0), p(1)] && $0.consequent == [p(2)] })
    #expect(abToC.confidence == 2.0 / 3.0)
    #expect(abToC.lift == 10.0 / 12.0)  // 2 · 5 / (3 · 4)
    let aToBC = try #require(all.first { $0.antecedent == [p(0)] && $0.consequent == [p(1), p(2)] })
    #expect(aToBC.confidence == 0.5)  // exactly at the threshold: kept
    #expect(aToBC.antecedentCount == 4 && aToBC.consequentCount == 3)
}

@Test func maxLengthAndDuplicateItems() throws {
    let twice = transactions.map { $0 + $0 }
    let result = try ItemsetMiner.frequentItemsets(in: twice, parameters: MiningParameters(minSupport: 0.4, maxLength: 2))
    #expect(result.itemsets.count == 6)
    #expect(result.itemsets.map(\.count) == [4, 4, 4, 3, 3, 3])
}

@Test func minimumCountUsesTheFloatingPointComparison() {
    #expect(MiningParameters(minSupport: 0.4).minimumCount(transactions: 5) == 2)
    #expect(MiningParameters(minSupport: 0.01).minimumCount(transactions: 12_383) == 124)
    #expect(MiningParameters(minSupport: 0.05).minimumCount(transactions: 85) == 5)
    #expect(MiningParameters(minSupport: 1).minimumCount(transactions: 7) == 7)
}
