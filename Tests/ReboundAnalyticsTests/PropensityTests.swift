import Foundation
import ReboundAnalytics
import Testing

@Suite struct PropensityTests {
    @Test func aucByHand() {
        // Positives 0.9, 0.4; negatives 0.8, 0.4, 0.1. Pairs: (0.9 beats all 3) + (0.4: beats 0.1, ties 0.4 = ½) = 4.5 of 6.
        #expect(ModelEvaluation.auc(scores: [0.9, 0.8, 0.4, 0.4, 0.1], labels: [true, false, true, false, false]) == 0.75)
        #expect(ModelEvaluation.auc(scores: [1, 2], labels: [false, true]) == 1)
        #expect(ModelEvaluation.auc(scores: [5, 5, 5], labels: [false, true, true]) == 0.5)
        #expect(ModelEvaluation.auc(scores: [1, 2], labels: [true, true]) == nil)
    }

    @Test func stratifiedSplitIsDeterministicAndStratified() {
        let labels = (0..<100).map { $0 % 5 == 0 }
        let a = ModelEvaluation.stratifiedSplit(labels: labels, testFraction: 0.2, seed: 42)
        let b = ModelEvaluation.stratifiedSplit(labels: labels, testFraction: 0.2, seed: 42)
        #expect(a.test == b.test)
        #expect(a.test.count == 20 && a.test.filter { labels[$0] }.count == 4)
        #expect(Set(a.test).isDisjoint(with: a.train) && a.train.count + a.test.count == 100)
        #expect(ModelEvaluation.stratifiedSplit(labels: labels, testFraction: 0.2, seed: 7).test != a.test)
    }

    @Test func encoderStandardisesAndOneHots() {
        let schema = FeatureSchema(numeric: [.init("n"), .init("d", .log1p)], categorical: ["c"])
        let rows = [
            FeatureRow(numeric: ["n": 1, "d": 0], categorical: ["c": "b"]),
            FeatureRow(numeric: ["n": 3, "d": exp(2) - 1], categorical: ["c": "a"]),
        ]
        let encoder = FeatureEncoder(schema: schema, rows: rows)
        #expect(encoder.featureNames == ["n", "d", "c=a", "c=b"])
        #expect(encoder.encode(rows[0]) == [-1, -1, 0, 1])
        #expect(encoder.encode(FeatureRow(numeric: [:], categorical: ["c": "zzz"])) == [0, 0, 0, 0])
    }

    @Test func logisticRegressionReachesTheOptimumAndRoundTrips() throws {
        // One feature, labels overlapping so the optimum is finite; check the gradient of the objective is ~0.
        let xs: [Double] = [0, 1, 2, 3, 4, 5, 6, 7]
        let ys = [false, false, true, false, true, false, true, true]
        let rows = xs.map { FeatureRow(numeric: ["x": $0]) }
        var configuration = PurchasePropensityModel.Configuration()
        configuration.l2 = 0.5
        let model = try PurchasePropensityModel.train(
            rows: rows,
            labels: ys,
            schema: FeatureSchema(numeric: [.init("x")], categorical: []),
            configuration: configuration
        )
        var gIntercept = 0.0, gWeight = 0.0
        let encoded = rows.map { model.encoder.encode($0)[0] }
        for i in 0..<rows.count {
            let r = model.probability(rows[i]) - (ys[i] ? 1 : 0)
            gIntercept += r
            gWeight += r * encoded[i]
        }
        gWeight += 0.5 * model.weights[0]
        #expect(abs(gIntercept) < 1e-9 && abs(gWeight) < 1e-9)
        #expect(model.weights[0] > 0)
        let copy = try PurchasePropensityModel(jsonData: model.jsonData())
        #expect(copy == model)
        #expect(copy.probability(rows[3]) == model.probability(rows[3]))
    }

    @Test func trainingRejectsBadInput() {
        let schema = FeatureSchema(numeric: [.init("x")], categorical: [])
        #expect(throws: AnalyticsError.self) { try PurchasePropensityModel.train(rows: [], labels: [], schema: schema) }
        #expect(throws: AnalyticsError.self) {
            try PurchasePropensityModel.train(rows: [FeatureRow(numeric: ["x": 1])], labels: [true], schema: schema)
        }
    }
}
