public import Foundation

/// "Based on what you bought": recommendations from a customer's past baskets.
///
/// Each product the customer bought gets a weight `Σ 0.5^(age / halfLife)` over the baskets that
/// hold it (recent purchases count more); a candidate's score is `Σ weight(p) · score(p → candidate)`
/// over the qualifying pairs of ``FrequentlyBoughtTogether``. Best sellers of the bought categories
/// (overall when none is known) fill in.
/// ```swift
/// let recs = try PurchaseHistoryRecommender(fbt: fbt).recommendations(history: baskets, now: now)
/// ```
public struct PurchaseHistoryRecommender: Sendable {
    public struct Configuration: Sendable, Hashable {
        /// Age at which a purchase counts half, in seconds.
        public var halfLife: TimeInterval
        /// Leave out products the customer already bought.
        public var excludePurchased: Bool

        public init(halfLife: TimeInterval = 90 * 86_400, excludePurchased: Bool = true) {
            self.halfLife = halfLife
            self.excludePurchased = excludePurchased
        }
    }

    public let fbt: FrequentlyBoughtTogether
    public let configuration: Configuration

    /// - Throws: ``RecsError/Code/invalidParameter`` when `halfLife` is not a positive number.
    public init(fbt: FrequentlyBoughtTogether, configuration: Configuration = Configuration()) throws(RecsError) {
        guard configuration.halfLife.isFinite, configuration.halfLife > 0 else {
            throw .invalidParameter("halfLife must be a positive number of seconds, got \(configuration.halfLife)")
        }
        self.fbt = fbt
        self.configuration = configuration
    }

    /// Recommendations for a customer with purchase `history`, as of `now`.
    /// - Throws: ``RecsError/Code/noHistory`` when `history` holds no product.
    public func recommendations(history: [Basket], now: Date, outOfStock: Set<Product.ID> = []) throws(RecsError) -> [Recommendation] {
        var weights: [Product.ID: Double] = [:]
        for basket in history {
            // Future-dated baskets count as new, never more than new.
            let age = max(0, now.timeIntervalSince(basket.date))
            let weight = pow(0.5, age / configuration.halfLife)
            for item in basket.items { weights[item, default: 0] += weight }
        }
        guard !weights.isEmpty else { throw RecsError(.noHistory, "the customer's history holds no product") }
        let purchased = Set(weights.keys)
        let excluded = configuration.excludePurchased ? outOfStock.union(purchased) : outOfStock
        var scores: [Product.ID: Double] = [:]
        var counts: [Product.ID: Int] = [:]
        for (product, weight) in weights where fbt.hasHistory(product) {
            for pair in fbt.pairs[product.index] where pair.partner != product && !excluded.contains(pair.partner) {
                scores[pair.partner, default: 0] += weight * fbt.score(pair)
                counts[pair.partner, default: 0] += pair.count
            }
        }
        let ranked = scores.sorted { a, b in
            if a.value != b.value { return a.value > b.value }
            if counts[a.key]! != counts[b.key]! { return counts[a.key]! > counts[b.key]! }
            return a.key < b.key
        }
        let together = ranked.prefix(fbt.configuration.limit).map { Recommendation(product: $0.key, score: $0.value, source: .boughtTogether) }
        var categoryWeights: [Category.ID: Double] = [:]
        for (product, weight) in weights {
            if let category = fbt.bestSellers.category(of: product) { categoryWeights[category, default: 0] += weight }
        }
        let categories = categoryWeights.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { Optional($0.key) }
        // `excluded` holds the purchases when they are left out, so the fill-in cannot bring them back.
        return fbt.topUp(together, categories: categories.isEmpty ? [nil] : categories, excluding: excluded)
    }
}
