/// When the bot hands a message over instead of answering.
///
/// Hand over when the measure (top probability, or top minus runner-up) is below `threshold`,
/// or when the predicted intent is the out-of-scope label itself (if the model was trained on one).
public struct OutOfScopeRule: Sendable, Hashable, Codable {
    /// What the threshold is compared with.
    public enum Measure: String, Sendable, Hashable, Codable {
        case probability
        case margin
    }

    public var measure: Measure
    public var threshold: Double
    /// A training label that means "out of scope", such as `oos`.
    public var outOfScopeLabel: IntentExample.Label?

    public init(measure: Measure = .probability, threshold: Double, outOfScopeLabel: IntentExample.Label? = nil) {
        self.measure = measure
        self.threshold = threshold
        self.outOfScopeLabel = outOfScopeLabel
    }

    /// Never hand over.
    public static let never = OutOfScopeRule(threshold: 0)

    /// Whether a prediction is handed over.
    public func handsOver(label: IntentExample.Label, probability: Double, margin: Double) -> Bool {
        if let outOfScopeLabel, label == outOfScopeLabel { return true }
        let value = measure == .probability ? probability : margin
        return value < threshold
    }
}

extension IntentExample.Label: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
