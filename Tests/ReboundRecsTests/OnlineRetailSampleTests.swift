import ReboundRecs
import Testing

/// The first 2,000 rows of the real data, mined end to end. Expected figures come from
/// efficient-apriori 2.0.6 and mlxtend 0.25.0 on the same baskets (both gave 423 itemsets, 7,590 rules).
@Test func minesTheFirst2000OnlineRetailRows() throws {
    let lines = try OnlineRetailCSV.orderLines(from: TestData.onlineRetailPrefix(rows: 2_000))
    #expect(lines.count == 2_000)
    let set = BasketSet(lines: lines, rules: .onlineRetail)
    #expect(set.baskets.count == 85)
    #expect(set.catalog.count == 1_037)

    let parameters = MiningParameters(minSupport: 0.05, minConfidence: 0.6, maxLength: 8)
    let itemsets = try ItemsetMiner.frequentItemsets(in: set.baskets.map(\.items), parameters: parameters)
    #expect(itemsets.itemsets.count == 423)
    let byLength = Dictionary(grouping: itemsets.itemsets, by: \.items.count).mapValues(\.count)
    #expect(byLength == [1: 55, 2: 54, 3: 88, 4: 104, 5: 77, 6: 35, 7: 9, 8: 1])
    let rules = try ItemsetMiner.rules(from: itemsets, parameters: parameters)
    #expect(rules.count == 7_590)

    let catalog = set.catalog
    let rule = try #require(rules.first { $0.antecedent == [catalog.id(for: "22633")!] && $0.consequent == [catalog.id(for: "22632")!] })
    #expect(rule.count == 9 && rule.antecedentCount == 11 && rule.consequentCount == 15)
    #expect(abs(rule.support - 0.10588235294117647) < 1e-12)
    #expect(abs(rule.confidence - 0.8181818181818182) < 1e-12)
    #expect(abs(rule.lift - 4.636363636363637) < 1e-12)

    // The pairwise model agrees with the miner on pair counts.
    let model = CoOccurrenceModel.build(from: set.baskets)
    #expect(model.count(of: catalog.id(for: "22633")!, with: catalog.id(for: "22632")!) == 9)
    let fbt = try FrequentlyBoughtTogether(model: model)
    #expect(fbt.recommendations(for: catalog.id(for: "22633")!).first?.product == catalog.id(for: "22632"))
}
