/// Deterministic experiment assignment: the same customer always lands in the same arm.
///
/// Two independent buckets come from ``StableHash``:
/// - holdout: `hash("<flow id>:<experiment id>:<customer>:holdout") % 10_000 < holdout_percent × 100`;
/// - variant: `hash("<flow id>:<experiment id>:<customer>:variant") % total weight`, walked through the variants in
///   document order.
/// No randomness is involved, so assignment survives restarts and is the same on every process.
public enum ExperimentAssignment {
    /// The assignment of customers in the holdout share.
    public static let holdout = "holdout"

    /// The variant id for `subject` (normally the customer id), or ``holdout``.
    public static func assign(flowID: String, experiment: FlowExperiment, subject: String) -> String {
        let base = "\(flowID):\(experiment.id):\(subject)"
        let holdoutPercent = UInt64(max(0, min(99, experiment.holdoutPercent ?? 0)))
        if holdoutPercent > 0, StableHash.bucket(base + ":holdout", buckets: 10_000) < holdoutPercent * 100 {
            return holdout
        }
        let weights = experiment.variants.map { UInt64(max(1, $0.weight ?? 1)) }
        let total = weights.reduce(0, +)
        guard total > 0 else { return holdout }
        var point = StableHash.bucket(base + ":variant", buckets: total)
        for (variant, weight) in zip(experiment.variants, weights) {
            if point < weight { return variant.id }
            point -= weight
        }
        return experiment.variants[experiment.variants.count - 1].id
    }
}
