import ReboundRecs
import Testing

private let candidates = [
    Product(id: p(1), category: "socks", price: 500, stock: 3),
    Product(id: p(2), category: "socks", price: 450, stock: 0),  // exact fit, but sold out
    Product(id: p(3), category: "hats", price: 480, stock: 9),  // already in the cart
    Product(id: p(4), category: "hats", price: 700, stock: 9),
    Product(id: p(5), category: "gloves", price: 500, stock: 10),
    Product(id: p(6), category: "hats", price: 300, stock: 9),  // does not close the gap
]

@Test func picksCheapestInStockProductClosingTheGap() throws {
    let choice = try #require(try FreeShippingGapFiller.choose(cartTotal: 4_550, threshold: 5_000, candidates: candidates, cart: [p(3)]))
    // 1 and 5 both cost 500; 5 has more stock.
    #expect(choice.product.id == p(5))
    #expect(choice.gap == 450)
    #expect(choice.overshoot == 50)
}

@Test func tieBreaksByAffinityThenCategoryThenStockThenID() throws {
    let base = (cartTotal: 4_550, threshold: 5_000)
    let byAffinity = try FreeShippingGapFiller.choose(
        cartTotal: base.cartTotal,
        threshold: base.threshold,
        candidates: candidates,
        cart: [p(3)],
        affinity: [p(1): 0.9, p(5): 0.2]
    )
    #expect(byAffinity?.product.id == p(1))
    let byCategory = try FreeShippingGapFiller.choose(
        cartTotal: base.cartTotal,
        threshold: base.threshold,
        candidates: candidates,
        cart: [p(3)],
        preferredCategories: ["socks"]
    )
    #expect(byCategory?.product.id == p(1))
    let twins = [Product(id: p(8), price: 500, stock: 2), Product(id: p(7), price: 500, stock: 2)]
    #expect(try FreeShippingGapFiller.choose(cartTotal: 0, threshold: 450, candidates: twins)?.product.id == p(7))
    // Without the cart exclusion, 3 (480) is the closest fit.
    #expect(try FreeShippingGapFiller.choose(cartTotal: base.cartTotal, threshold: base.threshold, candidates: candidates)?.product.id == p(3))
}

@Test func returnsNilWhenQualifiedOrNothingFits() throws {
    #expect(try FreeShippingGapFiller.choose(cartTotal: 5_000, threshold: 5_000, candidates: candidates) == nil)
    #expect(try FreeShippingGapFiller.choose(cartTotal: 100, threshold: 5_000, candidates: candidates) == nil)
    #expect(try FreeShippingGapFiller.choose(cartTotal: 4_550, threshold: 5_000, candidates: candidates, cart: [p(3)], maxOvershoot: 20) == nil)
    #expect(try FreeShippingGapFiller.choose(cartTotal: 4_550, threshold: 5_000, candidates: []) == nil)
}

@Test func rejectsNegativeAmounts() {
    #expect(throws: RecsError.self) { try FreeShippingGapFiller.choose(cartTotal: -1, threshold: 5_000, candidates: candidates) }
    #expect(throws: RecsError.self) { try FreeShippingGapFiller.choose(cartTotal: 0, threshold: -5, candidates: candidates) }
    #expect(throws: RecsError.self) { try FreeShippingGapFiller.choose(cartTotal: 0, threshold: 5, candidates: [Product(id: p(1), price: -3)]) }
    #expect(throws: RecsError.self) { try FreeShippingGapFiller.choose(cartTotal: 0, threshold: 5, candidates: candidates, maxOvershoot: -1) }
}
