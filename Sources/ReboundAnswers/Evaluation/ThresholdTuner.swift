/// Chooses the hand-over threshold on held-out predictions.
///
/// Candidates are `k / 200` for k = 0…200; the chosen one maximises the expected accuracy
/// when a share π of incoming messages is out of scope:
/// `(1 − π) · in-scope accuracy + π · OOS recall` (π = `outOfScopeShare`, default 0.2).
/// Weighting by π rather than by the tuning set's own mix matters because tuning sets hold few
/// out-of-scope items (CLINC150: 100 in 3,100). Ties go to the lowest threshold.
/// Without out-of-scope items the threshold is 0 (never hand over on confidence).
public enum ThresholdTuner {
    /// One held-out prediction.
    public struct Observation: Sendable, Hashable {
        public var gold: IntentExample.Label
        public var candidate: IntentExample.Label?
        public var probability: Double
        public var margin: Double

        public init(gold: IntentExample.Label, candidate: IntentExample.Label?, probability: Double, margin: Double) {
            self.gold = gold
            self.candidate = candidate
            self.probability = probability
            self.margin = margin
        }
    }

    /// The threshold for `measure`, and the objective it reached.
    public static func tune(
        _ observations: [Observation],
        measure: OutOfScopeRule.Measure,
        outOfScopeLabel: IntentExample.Label,
        outOfScopeShare: Double = 0.2
    ) -> (threshold: Double, objective: Double) {
        let oos = observations.filter { $0.gold == outOfScopeLabel }.count
        let inScope = observations.count - oos
        guard oos > 0, inScope > 0 else { return (0, 0) }
        var best = (threshold: 0.0, objective: -1.0)
        for k in 0...200 {
            let t = Double(k) / 200
            var correct = 0
            var handed = 0
            for o in observations {
                let value = measure == .probability ? o.probability : o.margin
                let handover = o.candidate == nil || o.candidate == outOfScopeLabel || value < t
                if o.gold == outOfScopeLabel {
                    if handover { handed += 1 }
                } else if !handover && o.candidate == o.gold {
                    correct += 1
                }
            }
            let objective = (1 - outOfScopeShare) * Double(correct) / Double(inScope) + outOfScopeShare * Double(handed) / Double(oos)
            if objective > best.objective + 1e-12 { best = (t, objective) }
        }
        return best
    }
}
