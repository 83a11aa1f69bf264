import Foundation
import ReboundRecs
import Testing

/// Deterministic pseudo-random baskets (SplitMix64), so the test needs no fixtures.
private func generatedBaskets(count: Int, products: Int32, seed: UInt64) -> [Basket] {
    var state = seed
    func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    return (0..<count).map { index in
        let size = Int(next() % 6) + 1
        let items = (0..<size).map { _ in Int32(next() % UInt64(products)) }
        return Basket(id: Basket.ID("G\(index)"), items: items.map(p), date: epoch.addingTimeInterval(Double(index) * 3_600))
    }
}

@Test func countsItemsAndPairs() {
    let model = CoOccurrenceModel.build(from: baskets([[0, 1, 2], [0, 1], [2, 3], []]))
    #expect(model.basketCount == 3)  // the empty basket adds nothing
    #expect(model.count(of: p(0)) == 2)
    #expect(model.count(of: p(0), with: p(1)) == 2)
    #expect(model.count(of: p(1), with: p(0)) == 2)
    #expect(model.count(of: p(1), with: p(3)) == 0)
    #expect(model.count(of: p(9)) == 0)
    #expect(model.pairCount == 4)
    #expect(model.partners(of: p(2)).sorted { $0.product < $1.product }.map(\.product) == [p(0), p(1), p(3)])
}

@Test func incrementalUpdateEqualsFullRebuild() {
    let all = generatedBaskets(count: 3_000, products: 300, seed: 7)
    let full = CoOccurrenceModel.build(from: all)
    var incremental = CoOccurrenceModel.build(from: Array(all[..<1_000]))
    incremental.add(Array(all[1_000..<2_200]))
    incremental.add(Array(all[2_200...]))
    #expect(incremental == full)
    #expect(incremental != CoOccurrenceModel.build(from: Array(all.dropLast())))
}

@Test func progressRisesToOne() {
    var fractions: [Double] = []
    _ = CoOccurrenceModel.build(from: generatedBaskets(count: 250, products: 50, seed: 1)) { fractions.append($0) }
    #expect(fractions.count >= 100)
    #expect(fractions == fractions.sorted())
    #expect(fractions.last == 1)
    #expect(fractions.allSatisfy { $0 > 0 && $0 <= 1 })

    var empty: [Double] = []
    var model = CoOccurrenceModel()
    model.add([]) { empty.append($0) }
    #expect(empty == [1])
}
