import Foundation
import ReboundRecs
import Testing

/// 18 baskets. Counts: 0→9, 1→5, 2→4, 3→2, 4→1, 5→8, 6→2. Kitchen: 0-3, candles: 4-6.
private let history = baskets(
    Array(repeating: [0, 1], count: 4) + Array(repeating: [0, 2], count: 3) + Array(repeating: [0, 3], count: 2) + [[1, 2], [4, 5]]
        + Array(repeating: [5], count: 5) + Array(repeating: [6, 5], count: 2)
)
private let categories: [Product.ID: Category.ID] = [
    p(0): "kitchen", p(1): "kitchen", p(2): "kitchen", p(3): "kitchen", p(4): "candles", p(5): "candles", p(6): "candles",
]

private func recommender(_ ranking: FrequentlyBoughtTogether.Ranking = .confidence, minPairCount: Int = 1) throws -> FrequentlyBoughtTogether {
    let model = CoOccurrenceModel.build(from: history)
    return try FrequentlyBoughtTogether(
        model: model,
        bestSellers: BestSellers(model: model, categories: categories),
        configuration: .init(minPairCount: minPairCount, minConfidence: 0, minLift: 0, minProductHistory: 3, ranking: ranking, limit: 3)
    )
}

@Test func ranksByConfidenceOrLift() throws {
    #expect(try recommender(.confidence).recommendations(for: p(0)).map(\.product) == [p(1), p(2), p(3)])
    // Lifts: 0→3 = 2·18/(9·2) = 2, 0→1 = 4·18/(9·5) = 1.6, 0→2 = 3·18/(9·4) = 1.5.
    let byLift = try recommender(.lift).recommendations(for: p(0))
    #expect(byLift.map(\.product) == [p(3), p(1), p(2)])
    #expect(byLift.map(\.score) == [2, 1.6, 1.5])
    #expect(byLift.allSatisfy { $0.source == .boughtTogether })
}

@Test func excludesOutOfStockAndInCartProducts() throws {
    let recs = try recommender().recommendations(for: p(0), cart: [p(1)], outOfStock: [p(2)])
    #expect(recs.map(\.product) == [p(3)])  // kitchen has nothing else to fill in
    let cart = try recommender().recommendations(forCart: [p(0), p(3)], outOfStock: [p(1)])
    #expect(!cart.contains { [p(0), p(1), p(3)].contains($0.product) })
}

@Test func minimumPairCountFilters() throws {
    // 1–2 was bought together once only.
    #expect(try recommender(minPairCount: 1).boughtTogether(with: p(1)).map(\.product) == [p(0), p(2)])
    // The page list tops up with the kitchen best sellers, 2 now among them.
    let page = try recommender(minPairCount: 2).recommendations(for: p(1))
    #expect(page.map(\.product) == [p(0), p(2), p(3)])
    #expect(page.map(\.source) == [.boughtTogether, .categoryBestSeller, .categoryBestSeller])
    #expect(try recommender(minPairCount: 2).boughtTogether(with: p(1)).map(\.product) == [p(0)])
}

@Test func cartCombinesScoresOverLines() throws {
    // 2: 3/9 (from 0) + 1/5 (from 1); 3: 2/9 (from 0).
    let recs = try recommender().recommendations(forCart: [p(0), p(1)])
    #expect(recs.map(\.product) == [p(2), p(3)])
    #expect(abs(recs[0].score - (3.0 / 9.0 + 0.2)) < 1e-12)
}

@Test func fallsBackToCategoryBestSellers() throws {
    let fbt = try recommender()
    let recs = fbt.recommendations(for: p(4))  // in 1 basket only
    #expect(recs.map(\.product) == [p(5), p(6)])
    #expect(recs.allSatisfy { $0.source == .categoryBestSeller })
    #expect(fbt.recommendations(for: p(4), outOfStock: [p(5)]).map(\.product) == [p(6)])
    do {
        _ = try fbt.boughtTogether(with: p(4))
        Issue.record("expected noHistory")
    } catch {
        #expect(error.code == .noHistory)
    }
}

@Test func unknownProductGetsOverallBestSellers() throws {
    let recs = try recommender().recommendations(for: p(99))
    #expect(recs.map(\.product) == [p(0), p(5), p(1)])
    #expect(recs.allSatisfy { $0.source == .bestSeller })
}

@Test func basedOnWhatYouBoughtWeighsRecentPurchases() throws {
    let history = [
        Basket(id: "old", items: [p(0)], date: epoch.addingTimeInterval(-1_000 * day)),
        Basket(id: "new", items: [p(5)], date: epoch.addingTimeInterval(-1 * day)),
    ]
    let recommender = try PurchaseHistoryRecommender(fbt: recommender())
    // 5's partners (weight ≈ 1) beat 0's (weight 0.5^(1000/90) ≈ 0.0005).
    let recs = try recommender.recommendations(history: history, now: epoch)
    #expect(recs.map(\.product) == [p(6), p(4), p(1)])
    #expect(try recommender.recommendations(history: history, now: epoch, outOfStock: [p(6)]).map(\.product) == [p(4), p(1), p(2)])
    do {
        _ = try recommender.recommendations(history: [], now: epoch)
        Issue.record("expected noHistory")
    } catch {
        #expect(error.code == .noHistory)
    }
}
