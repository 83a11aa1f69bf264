/// Leave-one-out hit rate of cart recommendations against a most-popular baseline.
///
/// For each test basket with at least two products, one product (or each in turn, see ``Hiding``) is
/// hidden; the other products form the cart, and a hit is counted when the hidden product is among
/// the top `k` of ``FrequentlyBoughtTogether/recommendations(forCart:outOfStock:)``. The baseline
/// recommends the `k` overall best sellers (of the training baskets) not in the cart.
public enum HitRateEvaluation {
    /// Which products of a test basket are hidden.
    public enum Hiding: Sendable, Hashable {
        /// One product per basket, chosen by a hash of the basket id and `seed` (deterministic).
        case onePerBasket(seed: UInt64)
        /// Every product in turn (one query per product).
        case eachProduct
    }

    /// Hit counts of the model and the baseline over the same queries.
    public struct Report: Sendable, Hashable {
        public var k: Int
        /// Baskets with at least two products.
        public var baskets: Int
        /// (basket, hidden product) queries.
        public var queries: Int
        public var hits: Int
        public var baselineHits: Int

        public var hitRate: Double { queries == 0 ? 0 : Double(hits) / Double(queries) }
        public var baselineHitRate: Double { queries == 0 ? 0 : Double(baselineHits) / Double(queries) }
    }

    /// Evaluates `fbt` (trained on earlier baskets) on `test` baskets.
    /// - Throws: ``RecsError/Code/invalidParameter`` when `k < 1`; ``RecsError/Code/emptyInput`` when no test basket has two products.
    public static func leaveOneOut(test: [Basket], k: Int = 5, hiding: Hiding = .onePerBasket(seed: 0), fbt: FrequentlyBoughtTogether)
        throws(RecsError) -> Report
    {
        guard k >= 1 else { throw .invalidParameter("k must be at least 1, got \(k)") }
        var configuration = fbt.configuration
        configuration.limit = k
        let model = try FrequentlyBoughtTogether(model: fbt.model, bestSellers: fbt.bestSellers, configuration: configuration)
        var report = Report(k: k, baskets: 0, queries: 0, hits: 0, baselineHits: 0)
        for basket in test where basket.items.count >= 2 {
            report.baskets += 1
            let positions: [Int]
            switch hiding {
            case .eachProduct: positions = Array(basket.items.indices)
            case .onePerBasket(let seed): positions = [Int(stableHash(basket.id.rawValue, seed: seed) % UInt64(basket.items.count))]
            }
            for position in positions {
                let hidden = basket.items[position]
                var cart = basket.items
                cart.remove(at: position)
                report.queries += 1
                if model.recommendations(forCart: cart).contains(where: { $0.product == hidden }) { report.hits += 1 }
                if model.bestSellers.top(k, excluding: Set(cart)).contains(hidden) { report.baselineHits += 1 }
            }
        }
        guard report.baskets > 0 else { throw RecsError(.emptyInput, "no test basket holds two or more products") }
        return report
    }
}

/// FNV-1a over the UTF-8 bytes, then a SplitMix64 finaliser: stable across runs and platforms.
func stableHash(_ text: String, seed: UInt64) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
    for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    hash = (hash ^ (hash >> 30)) &* 0xbf58_476d_1ce4_e5b9
    hash = (hash ^ (hash >> 27)) &* 0x94d0_49bb_1331_11eb
    return hash ^ (hash >> 31)
}
