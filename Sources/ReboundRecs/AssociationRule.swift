/// A rule `antecedent → consequent` derived from a frequent itemset.
public struct AssociationRule: Sendable, Hashable {
    /// Sorted ascending by id.
    public var antecedent: [Product.ID]
    /// Sorted ascending by id.
    public var consequent: [Product.ID]
    /// Baskets containing antecedent and consequent.
    public var count: Int
    public var antecedentCount: Int
    public var consequentCount: Int
    public var transactionCount: Int

    public init(antecedent: [Product.ID], consequent: [Product.ID], count: Int, antecedentCount: Int, consequentCount: Int, transactionCount: Int) {
        self.antecedent = antecedent
        self.consequent = consequent
        self.count = count
        self.antecedentCount = antecedentCount
        self.consequentCount = consequentCount
        self.transactionCount = transactionCount
    }

    /// `count / transactions`: how often the whole itemset is bought.
    public var support: Double { Double(count) / Double(transactionCount) }
    /// `count / antecedentCount`: P(consequent | antecedent).
    public var confidence: Double { Double(count) / Double(antecedentCount) }
    /// `confidence / support(consequent)`: how much the antecedent raises the odds of the consequent.
    public var lift: Double { Double(count) * Double(transactionCount) / (Double(antecedentCount) * Double(consequentCount)) }
}
