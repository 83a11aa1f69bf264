import ReboundRecs
import Testing

@Test func leaveOneOutCountsHitsAgainstMostPopular() throws {
    let train = baskets(Array(repeating: [0, 1], count: 10) + Array(repeating: [2, 3], count: 10) + Array(repeating: [4], count: 20))
    let test = baskets([[0, 1], [2, 3], [4, 5], [6]])
    let fbt = try FrequentlyBoughtTogether(model: .build(from: train), configuration: .init(minPairCount: 1, minProductHistory: 3))
    let report = try HitRateEvaluation.leaveOneOut(test: test, k: 1, hiding: .eachProduct, fbt: fbt)
    #expect(report.baskets == 3)  // [6] has one product
    #expect(report.queries == 6)
    // Misses only hiding 5 (cart [4] has no partners; the fill-in is best seller 0).
    #expect(report.hits == 5)
    // Most popular (4) is right only when 4 is hidden.
    #expect(report.baselineHits == 1)

    let one = try HitRateEvaluation.leaveOneOut(test: test, k: 1, hiding: .onePerBasket(seed: 3), fbt: fbt)
    #expect(one.queries == 3)
    #expect(one == (try HitRateEvaluation.leaveOneOut(test: test, k: 1, hiding: .onePerBasket(seed: 3), fbt: fbt)))
    #expect(throws: RecsError.self) { try HitRateEvaluation.leaveOneOut(test: baskets([[1]]), fbt: fbt) }
    #expect(throws: RecsError.self) { try HitRateEvaluation.leaveOneOut(test: test, k: 0, fbt: fbt) }
}
