/// "Frequently bought together" recommendations for a product or a cart, from a ``CoOccurrenceModel``.
///
/// For a pair `p → c`: `confidence = count(p, c) / count(p)`, `lift = count(p, c) · baskets / (count(p) · count(c))`.
/// Pairs below the configured minimums are never recommended. When a product has too little history,
/// the best sellers of its category fill in (overall best sellers when its category is unknown).
/// ```swift
/// let fbt = try FrequentlyBoughtTogether(model: model, bestSellers: BestSellers(model: model, categories: categories))
/// let recs = fbt.recommendations(for: product, cart: cartItems, outOfStock: soldOut)
/// ```
public struct FrequentlyBoughtTogether: Sendable {
    /// What a pair must reach to be recommended, and how results are ranked.
    public struct Configuration: Sendable, Hashable {
        /// Minimum baskets containing both products.
        public var minPairCount: Int
        /// Minimum `count(p, c) / count(p)`, in `[0, 1]`.
        public var minConfidence: Double
        /// Minimum lift (`1` = no better than chance).
        public var minLift: Double
        /// Baskets a product must appear in before its pairs are trusted; below it, fallbacks are used.
        public var minProductHistory: Int
        public var ranking: Ranking
        /// Number of recommendations returned.
        public var limit: Int

        public init(
            minPairCount: Int = 3,
            minConfidence: Double = 0.05,
            minLift: Double = 1,
            minProductHistory: Int = 10,
            ranking: Ranking = .confidence,
            limit: Int = 5
        ) {
            self.minPairCount = minPairCount
            self.minConfidence = minConfidence
            self.minLift = minLift
            self.minProductHistory = minProductHistory
            self.ranking = ranking
            self.limit = limit
        }

        /// Throws ``RecsError/Code/invalidParameter`` when a value is out of range.
        public func validate() throws(RecsError) {
            guard minPairCount >= 1 else { throw .invalidParameter("minPairCount must be at least 1, got \(minPairCount)") }
            guard minConfidence.isFinite, (0...1).contains(minConfidence) else {
                throw .invalidParameter("minConfidence must be in [0, 1], got \(minConfidence)")
            }
            guard minLift.isFinite, minLift >= 0 else { throw .invalidParameter("minLift must be a number ≥ 0, got \(minLift)") }
            guard minProductHistory >= 1 else { throw .invalidParameter("minProductHistory must be at least 1, got \(minProductHistory)") }
            guard limit >= 1 else { throw .invalidParameter("limit must be at least 1, got \(limit)") }
        }
    }

    /// The metric that orders recommendations (the other one breaks ties, then pair count, then product id).
    public enum Ranking: Sendable, Hashable {
        case lift
        case confidence
    }

    /// One qualifying pair `p → c`.
    struct Pair: Sendable {
        var partner: Product.ID
        var count: Int
        var confidence: Double
        var lift: Double
    }

    public let model: CoOccurrenceModel
    public let bestSellers: BestSellers
    public let configuration: Configuration
    /// Qualifying pairs of each product with enough history, ranked best first.
    let pairs: [[Pair]]

    /// Indexes the qualifying pairs of `model`.
    /// - Throws: ``RecsError/Code/invalidParameter`` for an invalid configuration.
    public init(model: CoOccurrenceModel, bestSellers: BestSellers? = nil, configuration: Configuration = Configuration()) throws(RecsError) {
        try configuration.validate()
        self.model = model
        self.bestSellers = bestSellers ?? BestSellers(model: model)
        self.configuration = configuration
        let baskets = Double(model.basketCount)
        var pairs = [[Pair]](repeating: [], count: model.productCapacity)
        func consider(_ product: Product.ID, _ partner: Product.ID, _ count: Int) {
            let own = model.count(of: product)
            guard own >= configuration.minProductHistory else { return }
            let confidence = Double(count) / Double(own)
            let lift = Double(count) * baskets / (Double(own) * Double(model.count(of: partner)))
            if confidence >= configuration.minConfidence && lift >= configuration.minLift {
                pairs[product.index].append(Pair(partner: partner, count: count, confidence: confidence, lift: lift))
            }
        }
        model.forEachPair { first, second, count in
            guard count >= configuration.minPairCount else { return }
            consider(first, second, count)
            consider(second, first, count)
        }
        for index in pairs.indices { pairs[index].sort { Self.ranks($0, before: $1, by: configuration.ranking) } }
        self.pairs = pairs
    }

    static func ranks(_ a: Pair, before b: Pair, by ranking: Ranking) -> Bool {
        let (a1, a2, b1, b2) =
            ranking == .lift ? (a.lift, a.confidence, b.lift, b.confidence) : (a.confidence, a.lift, b.confidence, b.lift)
        if a1 != b1 { return a1 > b1 }
        if a2 != b2 { return a2 > b2 }
        if a.count != b.count { return a.count > b.count }
        return a.partner < b.partner
    }

    /// The ranking score of a pair.
    func score(_ pair: Pair) -> Double { configuration.ranking == .lift ? pair.lift : pair.confidence }

    /// Whether `product` has enough history for its pairs to be used.
    public func hasHistory(_ product: Product.ID) -> Bool { model.count(of: product) >= configuration.minProductHistory }

    /// Products bought together with `product`, without any fallback.
    /// - Throws: ``RecsError/Code/noHistory`` when `product` is in fewer than `minProductHistory` baskets.
    public func boughtTogether(with product: Product.ID, excluding: Set<Product.ID> = []) throws(RecsError) -> [Recommendation] {
        guard hasHistory(product) else {
            throw RecsError(
                .noHistory,
                "product \(product) is in \(model.count(of: product)) baskets, fewer than minProductHistory \(configuration.minProductHistory)"
            )
        }
        var result: [Recommendation] = []
        for pair in pairs[product.index] where pair.partner != product && !excluding.contains(pair.partner) {
            guard result.count < configuration.limit else { break }
            result.append(Recommendation(product: pair.partner, score: score(pair), source: .boughtTogether))
        }
        return result
    }

    /// Recommendations for a product page: bought-together products, topped up with category best sellers.
    /// - Parameters:
    ///   - cart: products already in the cart (never recommended).
    ///   - outOfStock: products that cannot be sold now (never recommended).
    public func recommendations(for product: Product.ID, cart: Set<Product.ID> = [], outOfStock: Set<Product.ID> = []) -> [Recommendation] {
        let excluded = cart.union(outOfStock).union([product])
        let together = (try? boughtTogether(with: product, excluding: excluded)) ?? []
        return topUp(together, categories: [bestSellers.category(of: product)], excluding: excluded)
    }

    /// Recommendations for a whole cart: each candidate's score is the sum of its pair scores with the
    /// cart's lines that have enough history; topped up with best sellers of the cart's categories.
    public func recommendations(forCart cart: [Product.ID], outOfStock: Set<Product.ID> = []) -> [Recommendation] {
        let excluded = outOfStock.union(cart)
        let capacity = model.productCapacity
        // Dense buffers: this runs once per cart view and per evaluation query, so no hashing per pair.
        var blocked = [Bool](repeating: false, count: capacity)
        for product in excluded where product.index < capacity && product.rawValue >= 0 { blocked[product.index] = true }
        var scores = [Double](repeating: 0, count: capacity)
        var counts = [Int](repeating: 0, count: capacity)
        var touched: [Int] = []
        for line in Set(cart) where hasHistory(line) {
            for pair in pairs[line.index] where !blocked[pair.partner.index] {
                let index = pair.partner.index
                if counts[index] == 0 { touched.append(index) }
                scores[index] += score(pair)
                counts[index] += pair.count
            }
        }
        // Partial selection of the best `limit`, ordered by score, then pair count, then id.
        func better(_ a: Int, _ b: Int) -> Bool {
            if scores[a] != scores[b] { return scores[a] > scores[b] }
            if counts[a] != counts[b] { return counts[a] > counts[b] }
            return a < b
        }
        var best: [Int] = []
        for index in touched where best.count < configuration.limit || better(index, best[best.count - 1]) {
            if best.count == configuration.limit { best.removeLast() }
            let position = best.firstIndex { better(index, $0) } ?? best.count
            best.insert(index, at: position)
        }
        let together = best.map { Recommendation(product: Product.ID(Int32($0)), score: scores[$0], source: .boughtTogether) }
        // Most common category in the cart first, so the fill-in matches what the shopper is buying.
        var categoryCounts: [Category.ID: Int] = [:]
        for line in cart { if let category = bestSellers.category(of: line) { categoryCounts[category, default: 0] += 1 } }
        let categories = categoryCounts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { Optional($0.key) }
        return topUp(together, categories: categories.isEmpty ? [nil] : categories, excluding: excluded)
    }

    /// Adds best sellers of `categories` in order (`nil` = overall) until `limit` is reached.
    func topUp(_ list: [Recommendation], categories: [Category.ID?], excluding: Set<Product.ID>) -> [Recommendation] {
        var result = list
        var taken = excluding.union(list.map(\.product))
        for category in categories where result.count < configuration.limit {
            for product in bestSellers.top(configuration.limit - result.count, in: category, excluding: taken) {
                taken.insert(product)
                result.append(
                    Recommendation(
                        product: product,
                        score: Double(model.count(of: product)),
                        source: category == nil ? .bestSeller : .categoryBestSeller
                    )
                )
            }
        }
        return result
    }
}
