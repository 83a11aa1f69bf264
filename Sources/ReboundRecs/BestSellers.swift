/// Products ranked by how many baskets contain them, overall and within each category.
///
/// Ties are broken by ascending product id, so rankings are deterministic.
public struct BestSellers: Sendable {
    private let overall: [Product.ID]
    private let byCategory: [Category.ID: [Product.ID]]
    private let categories: [Product.ID: Category.ID]

    /// Ranks products by basket counts.
    /// - Parameter categories: category of each product; products without one appear only in the overall ranking.
    public init(counts: [Product.ID: Int], categories: [Product.ID: Category.ID] = [:]) {
        let ranked = counts.filter { $0.value > 0 }.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
        self.overall = ranked
        var byCategory: [Category.ID: [Product.ID]] = [:]
        for product in ranked {
            if let category = categories[product] { byCategory[category, default: []].append(product) }
        }
        self.byCategory = byCategory
        self.categories = categories
    }

    /// Ranks the products counted by `model`.
    public init(model: CoOccurrenceModel, categories: [Product.ID: Category.ID] = [:]) {
        self.init(counts: model.productCounts, categories: categories)
    }

    /// The category of `product`, when known.
    public func category(of product: Product.ID) -> Category.ID? { categories[product] }

    /// The first `limit` best sellers of `category` (overall when `nil`) not in `excluding`.
    public func top(_ limit: Int, in category: Category.ID? = nil, excluding: Set<Product.ID> = []) -> [Product.ID] {
        let ranking = category.map { byCategory[$0] ?? [] } ?? overall
        var result: [Product.ID] = []
        for product in ranking where !excluding.contains(product) {
            guard result.count < limit else { break }
            result.append(product)
        }
        return result
    }
}
