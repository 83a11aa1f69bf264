/// Picks a product that lifts a cart over the free-shipping threshold ("you are 4.50 € away").
///
/// Among candidates that are in stock, not in the cart, and priced at least the gap
/// (`threshold - cartTotal`), the choice is, in order:
/// 1. the lowest price (the smallest overshoot of the gap);
/// 2. then the highest `affinity` (e.g. a bought-together score with the cart; missing = 0);
/// 3. then a product in one of `preferredCategories` (e.g. the cart's categories);
/// 4. then the most units in stock;
/// 5. then the lowest product id.
///
/// All amounts are integer minor units of one currency.
/// ```swift
/// let choice = try FreeShippingGapFiller.choose(cartTotal: 4_550, threshold: 5_000, candidates: catalog, cart: cartIDs)
/// ```
public enum FreeShippingGapFiller {
    /// The chosen product and how it fills the gap.
    public struct Choice: Sendable, Hashable {
        public var product: Product
        /// `threshold - cartTotal`, always positive.
        public var gap: Int
        /// `price - gap`, never negative.
        public var overshoot: Int
    }

    /// Chooses the best-fitting product, or `nil` when the cart already qualifies or nothing fits.
    /// - Parameters:
    ///   - maxOvershoot: when set, products priced more than `gap + maxOvershoot` are not offered.
    /// - Throws: ``RecsError/Code/invalidParameter`` for a negative total, threshold, price or `maxOvershoot`.
    public static func choose(
        cartTotal: Int,
        threshold: Int,
        candidates: [Product],
        cart: Set<Product.ID> = [],
        affinity: [Product.ID: Double] = [:],
        preferredCategories: Set<Category.ID> = [],
        maxOvershoot: Int? = nil
    ) throws(RecsError) -> Choice? {
        guard cartTotal >= 0 else { throw .invalidParameter("cartTotal must be ≥ 0, got \(cartTotal)") }
        guard threshold >= 0 else { throw .invalidParameter("threshold must be ≥ 0, got \(threshold)") }
        if let maxOvershoot, maxOvershoot < 0 { throw .invalidParameter("maxOvershoot must be ≥ 0, got \(maxOvershoot)") }
        if let bad = candidates.first(where: { $0.price < 0 }) {
            throw .invalidParameter("product \(bad.id) has a negative price \(bad.price)")
        }
        let gap = threshold - cartTotal
        guard gap > 0 else { return nil }
        let fitting = candidates.filter { product in
            product.isInStock && !cart.contains(product.id) && product.price >= gap
                && (maxOvershoot.map { product.price - gap <= $0 } ?? true)
        }
        let best = fitting.min { a, b in
            if a.price != b.price { return a.price < b.price }
            let affinityA = affinity[a.id] ?? 0, affinityB = affinity[b.id] ?? 0
            if affinityA != affinityB { return affinityA > affinityB }
            let preferredA = a.category.map(preferredCategories.contains) ?? false
            let preferredB = b.category.map(preferredCategories.contains) ?? false
            if preferredA != preferredB { return preferredA }
            if a.stock != b.stock { return a.stock > b.stock }
            return a.id < b.id
        }
        return best.map { Choice(product: $0, gap: gap, overshoot: $0.price - gap) }
    }
}
