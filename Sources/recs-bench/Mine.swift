import Foundation
import ReboundRecs

/// Reads a basket file (one basket per line, codes separated by spaces) into transactions.
func readBaskets(_ path: String) throws -> (ProductCatalog, [[Product.ID]]) {
    guard let data = FileManager.default.contents(atPath: path) else { throw RecsError(.malformedInput, "cannot read \(path)") }
    let bytes = [UInt8](data)
    var catalog = ProductCatalog()
    var transactions: [[Product.ID]] = []
    var current: [Product.ID] = []
    var start = 0
    for index in 0...bytes.count {
        let byte = index < bytes.count ? bytes[index] : UInt8(ascii: "\n")
        guard byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") else { continue }
        if index > start { current.append(catalog.intern(String(decoding: bytes[start..<index], as: UTF8.self))) }
        start = index + 1
        // A final line end closes the last basket; no extra empty basket after it.
        if byte == UInt8(ascii: "\n") && (index < bytes.count || !current.isEmpty) {
            transactions.append(current)
            current.removeAll(keepingCapacity: true)
        }
    }
    return (catalog, transactions)
}

func mine(basketsPath: String, outDirectory: String, parameters: MiningParameters) throws {
    let ((catalog, transactions), readTime) = try timed { try readBaskets(basketsPath) }
    let (itemsets, mineTime) = try timed { try ItemsetMiner.frequentItemsets(in: transactions, parameters: parameters) }
    let (rules, rulesTime) = try timed { try ItemsetMiner.rules(from: itemsets, parameters: parameters) }
    report("swift.read_s", format(readTime))
    report("swift.itemsets_s", format(mineTime))
    report("swift.rules_s", format(rulesTime))
    report("swift.mine_total_s", format(mineTime + rulesTime))
    report("swift.transactions", itemsets.transactionCount)
    report("swift.itemsets", itemsets.itemsets.count)
    report("swift.max_itemset_length", itemsets.itemsets.map(\.items.count).max() ?? 0)
    report("swift.rules", rules.count)

    func codes(_ items: [Product.ID]) -> String { items.map { catalog.code(for: $0)! }.sorted().joined(separator: " ") }
    var itemsetText = "items\tcount\tsupport\n"
    for itemset in itemsets.itemsets {
        itemsetText += "\(codes(itemset.items))\t\(itemset.count)\t\(itemsets.support(of: itemset))\n"
    }
    var ruleText = "antecedent\tconsequent\tcount\tsupport\tconfidence\tlift\n"
    for rule in rules {
        ruleText += "\(codes(rule.antecedent))\t\(codes(rule.consequent))\t\(rule.count)\t\(rule.support)\t\(rule.confidence)\t\(rule.lift)\n"
    }
    try FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
    try itemsetText.write(toFile: outDirectory + "/swift_itemsets.tsv", atomically: true, encoding: .utf8)
    try ruleText.write(toFile: outDirectory + "/swift_rules.tsv", atomically: true, encoding: .utf8)
}
