/// Counts of products and of product pairs over baskets: the "frequently bought together" model.
///
/// The model is additive, so new orders are folded in with ``add(_:progress:)`` without a rebuild;
/// ``build(from:progress:)`` is the full rebuild. Both give equal models for the same baskets.
/// ```swift
/// var model = CoOccurrenceModel.build(from: history)
/// model.add(todaysBaskets) { fraction in bar.update(fraction) }
/// ```
public struct CoOccurrenceModel: Sendable, Equatable {
    /// Number of baskets counted.
    public private(set) var basketCount = 0
    /// Baskets containing each product, indexed by ``Product/ID/index``.
    private var itemCounts: [Int] = []
    /// Baskets containing both products of each pair seen.
    private var pairs = PairCountTable()

    public init() {}

    /// Builds a model from scratch over `baskets`.
    /// - Parameter progress: called with the fraction done, from 0 to 1 (the last call is 1).
    public static func build(from baskets: [Basket], progress: ((Double) -> Void)? = nil) -> CoOccurrenceModel {
        var model = CoOccurrenceModel()
        model.add(baskets, progress: progress)
        return model
    }

    /// Adds baskets to the counts in place.
    /// - Parameter progress: called with the fraction done about every 1 % of baskets, and with 1 at the end.
    public mutating func add(_ baskets: [Basket], progress: ((Double) -> Void)? = nil) {
        let step = max(1, baskets.count / 100)
        for (done, basket) in baskets.enumerated() {
            add(basket)
            if let progress, (done + 1) % step == 0, done + 1 < baskets.count {
                progress(Double(done + 1) / Double(baskets.count))
            }
        }
        progress?(1)
    }

    /// Adds one basket to the counts.
    public mutating func add(_ basket: Basket) {
        let items = basket.items
        guard let last = items.last else { return }
        if last.index >= itemCounts.count {
            itemCounts += [Int](repeating: 0, count: last.index + 1 - itemCounts.count)
        }
        basketCount += 1
        for (position, a) in items.enumerated() {
            itemCounts[a.index] += 1
            for b in items[(position + 1)...] { pairs.add(a.rawValue, b.rawValue) }
        }
    }

    /// One more than the largest product id counted.
    public var productCapacity: Int { itemCounts.count }

    /// Baskets containing `product`.
    public func count(of product: Product.ID) -> Int {
        itemCounts.indices.contains(product.index) ? itemCounts[product.index] : 0
    }

    /// Baskets containing both products.
    public func count(of product: Product.ID, with other: Product.ID) -> Int {
        product == other ? 0 : pairs.count(product.rawValue, other.rawValue)
    }

    /// Number of distinct pairs bought together at least once.
    public var pairCount: Int { pairs.count }

    /// Calls `body` with every pair bought together at least once (`first < second`) and its basket count.
    public func forEachPair(_ body: (_ first: Product.ID, _ second: Product.ID, _ count: Int) -> Void) {
        pairs.forEach { body(Product.ID($0), Product.ID($1), $2) }
    }

    /// Every product bought together with `product` at least once, with the pair count.
    ///
    /// Scans all pairs; to walk the partners of many products use ``forEachPair(_:)`` once.
    public func partners(of product: Product.ID) -> [(product: Product.ID, count: Int)] {
        var result: [(product: Product.ID, count: Int)] = []
        forEachPair { first, second, count in
            if first == product { result.append((second, count)) } else if second == product { result.append((first, count)) }
        }
        return result
    }

    /// Baskets counted per product, for every product seen.
    public var productCounts: [Product.ID: Int] {
        var result: [Product.ID: Int] = [:]
        for (index, count) in itemCounts.enumerated() where count > 0 { result[Product.ID(Int32(index))] = count }
        return result
    }
}
