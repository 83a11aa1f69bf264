/// Scores of an intent model on a labelled test set.
///
/// A hand-over counts as predicting the out-of-scope label. Definitions:
/// - `accuracy`: share of items whose prediction equals the gold label.
/// - `macroF1`: unweighted mean of per-label F1 over the labels present in the gold set
///   (the out-of-scope label included when present).
/// - `inScopeAccuracy`: share of in-scope items predicted correctly (a hand-over is wrong).
/// - `oosRecall`: share of out-of-scope items handed over; nil when the set has none.
/// - `oosPrecision`: share of hand-overs that were out of scope (0 when nothing was handed
///   over); nil when the set has no out-of-scope items.
public struct IntentMetrics: Sendable, Hashable {
    /// How often one gold label was predicted as another.
    public struct ConfusionPair: Sendable, Hashable {
        public let gold: IntentExample.Label
        /// The predicted label; ``IntentMetrics/handoverLabel`` for a hand-over when the set has no out-of-scope label.
        public let predicted: IntentExample.Label
        public let count: Int
    }

    /// Stands for a hand-over in ``ConfusionPair/predicted`` when no out-of-scope label is configured.
    public static let handoverLabel: IntentExample.Label = "<handover>"

    public let count: Int
    public let accuracy: Double
    public let macroF1: Double
    public let inScopeAccuracy: Double
    public let oosRecall: Double?
    public let oosPrecision: Double?
    /// Wrong predictions grouped by (gold, predicted), most frequent first.
    public let confusionPairs: [ConfusionPair]

    /// Computes the metrics.
    ///
    /// - Parameters:
    ///   - predicted: one per gold label; nil is a hand-over.
    ///   - outOfScopeLabel: the gold label of out-of-scope items, if any.
    public init(gold: [IntentExample.Label], predicted: [IntentExample.Label?], outOfScopeLabel: IntentExample.Label?) throws {
        guard !gold.isEmpty else { throw AnswersError(.emptyTestSet, "no test examples") }
        guard gold.count == predicted.count else {
            throw AnswersError(.invalidConfiguration, "\(gold.count) gold labels but \(predicted.count) predictions")
        }
        let handover = outOfScopeLabel ?? Self.handoverLabel
        let pred = predicted.map { $0 ?? handover }
        count = gold.count
        var correct = 0
        var inScope = 0
        var inScopeCorrect = 0
        var oos = 0
        var oosHanded = 0
        var handedOver = 0
        var tp: [IntentExample.Label: Int] = [:]
        var fp: [IntentExample.Label: Int] = [:]
        var fn: [IntentExample.Label: Int] = [:]
        var pairs: [[IntentExample.Label]: Int] = [:]
        for (g, p) in zip(gold, pred) {
            let isOOS = outOfScopeLabel != nil && g == outOfScopeLabel
            let isHandover = p == handover
            if isHandover { handedOver += 1 }
            if isOOS {
                oos += 1
                if isHandover { oosHanded += 1 }
            } else {
                inScope += 1
                if p == g { inScopeCorrect += 1 }
            }
            if p == g {
                correct += 1
                tp[g, default: 0] += 1
            } else {
                fp[p, default: 0] += 1
                fn[g, default: 0] += 1
                pairs[[g, p], default: 0] += 1
            }
        }
        accuracy = Double(correct) / Double(count)
        inScopeAccuracy = inScope == 0 ? 0 : Double(inScopeCorrect) / Double(inScope)
        if oos > 0 {
            oosRecall = Double(oosHanded) / Double(oos)
            oosPrecision = handedOver == 0 ? 0 : Double(oosHanded) / Double(handedOver)
        } else {
            oosRecall = nil
            oosPrecision = nil
        }
        let goldLabels = Set(gold)
        var f1Sum = 0.0
        for label in goldLabels {
            let t = Double(tp[label] ?? 0), p = Double(fp[label] ?? 0), n = Double(fn[label] ?? 0)
            f1Sum += (2 * t + p + n) == 0 ? 0 : 2 * t / (2 * t + p + n)
        }
        macroF1 = f1Sum / Double(goldLabels.count)
        confusionPairs = pairs.map { ConfusionPair(gold: $0.key[0], predicted: $0.key[1], count: $0.value) }
            .sorted { ($0.count, $1.gold.rawValue, $1.predicted.rawValue) > ($1.count, $0.gold.rawValue, $0.predicted.rawValue) }
    }

    /// The summary printed by `rebound bot evaluate --json`:
    /// `{"accuracy":…,"macro_f1":…,"in_scope_accuracy":…,"oos_recall":…,"oos_precision":…}`,
    /// with `null` for the out-of-scope figures of a set without out-of-scope items.
    public var summaryJSON: String {
        func number(_ v: Double?) -> String {
            guard let v else { return "null" }
            let r = (v * 1_000_000).rounded() / 1_000_000
            return "\(r)"
        }
        return "{\"accuracy\": \(number(accuracy)), \"macro_f1\": \(number(macroF1)), "
            + "\"in_scope_accuracy\": \(number(inScopeAccuracy)), \"oos_recall\": \(number(oosRecall)), "
            + "\"oos_precision\": \(number(oosPrecision))}"
    }
}
