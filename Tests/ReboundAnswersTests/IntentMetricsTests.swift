import ReboundAnswers
import Testing

@Suite struct IntentMetricsTests {
    @Test func handComputedConfusionMatrix() throws {
        // gold:      a a a b b c oos oos
        // predicted: a a b b c c  —  a      (— = hand-over)
        let gold: [IntentExample.Label] = ["a", "a", "a", "b", "b", "c", "oos", "oos"]
        let predicted: [IntentExample.Label?] = ["a", "a", "b", "b", "c", "c", nil, "a"]
        let m = try IntentMetrics(gold: gold, predicted: predicted, outOfScopeLabel: "oos")
        #expect(m.accuracy == 5.0 / 8)
        #expect(m.inScopeAccuracy == 4.0 / 6)
        #expect(m.oosRecall == 0.5)
        #expect(m.oosPrecision == 1.0)
        // F1: a = 2·2/(4+1+1) = 2/3; b = 2·1/(2+1+1) = 1/2; c = 2·1/(2+1+0) = 2/3; oos = 2·1/(2+0+1) = 2/3.
        let f1 = (2.0 / 3 + 0.5 + 2.0 / 3 + 2.0 / 3) / 4
        #expect(abs(m.macroF1 - f1) < 1e-12)
        #expect(m.confusionPairs.count == 3)
        #expect(m.confusionPairs.allSatisfy { $0.count == 1 })
        #expect(
            m.summaryJSON
                == "{\"accuracy\": 0.625, \"macro_f1\": 0.625, \"in_scope_accuracy\": 0.666667, \"oos_recall\": 0.5, \"oos_precision\": 1.0}"
        )
    }

    @Test func setWithoutOutOfScopeReportsNull() throws {
        let m = try IntentMetrics(gold: ["a", "b"], predicted: ["a", nil], outOfScopeLabel: nil)
        #expect(m.accuracy == 0.5)
        #expect(m.inScopeAccuracy == 0.5)
        #expect(m.oosRecall == nil && m.oosPrecision == nil)
        #expect(m.summaryJSON.hasSuffix("\"oos_recall\": null, \"oos_precision\": null}"))
        #expect(m.confusionPairs.first?.predicted == IntentMetrics.handoverLabel)
    }

    @Test func noHandoversGivesZeroPrecision() throws {
        let m = try IntentMetrics(gold: ["a", "oos"], predicted: ["a", "a"], outOfScopeLabel: "oos")
        #expect(m.oosRecall == 0)
        #expect(m.oosPrecision == 0)
    }

    @Test func emptyOrMismatchedInputIsAnError() {
        #expect(throws: AnswersError.self) { try IntentMetrics(gold: [], predicted: [], outOfScopeLabel: nil) }
        #expect(throws: AnswersError.self) { try IntentMetrics(gold: ["a"], predicted: [], outOfScopeLabel: nil) }
    }

    @Test func thresholdTunerBalancesInScopeAndRecall() {
        // In-scope items are confident (0.9, 0.8, 0.6), out-of-scope ones are not (0.3, 0.5).
        let obs: [ThresholdTuner.Observation] = [
            .init(gold: "a", candidate: "a", probability: 0.9, margin: 0.8),
            .init(gold: "b", candidate: "b", probability: 0.8, margin: 0.7),
            .init(gold: "a", candidate: "a", probability: 0.6, margin: 0.3),
            .init(gold: "oos", candidate: "a", probability: 0.3, margin: 0.1),
            .init(gold: "oos", candidate: "b", probability: 0.5, margin: 0.2),
        ]
        let t = ThresholdTuner.tune(obs, measure: .probability, outOfScopeLabel: "oos")
        // Lowest threshold that hands over both (> 0.5) while answering 0.6: 0.505.
        #expect(t.threshold == 0.505)
        #expect(abs(t.objective - 1) < 1e-12)
        #expect(ThresholdTuner.tune(Array(obs.prefix(3)), measure: .probability, outOfScopeLabel: "oos").threshold == 0)
    }

    @Test func stratifiedSplitIsDeterministicAndStratified() {
        let labels: [IntentExample.Label] = (0..<100).map { $0 % 4 == 0 ? "x" : "y" }
        let a = StratifiedSplit.heldOut(labels: labels, fraction: 0.2)
        #expect(a == StratifiedSplit.heldOut(labels: labels, fraction: 0.2))
        #expect(a.filter { labels[$0] == "x" }.count == 5)
        #expect(a.filter { labels[$0] == "y" }.count == 15)
        var rng = SplitMix64(seed: 1)
        #expect(rng.next() == 0x910A_2DEC_8902_5CC1)
    }
}
