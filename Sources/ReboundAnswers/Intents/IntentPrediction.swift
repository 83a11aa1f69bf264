/// What the intent model says about one message.
public struct IntentPrediction: Sendable, Hashable {
    /// The most likely intent, even when handed over.
    public let candidate: IntentExample.Label?
    /// Its probability, 0…1.
    public let probability: Double
    /// Its probability minus the runner-up's.
    public let margin: Double
    /// The bot should not answer: hand over to a human.
    public let isHandover: Bool

    /// The intent to act on, or nil to hand over.
    public var intent: IntentExample.Label? { isHandover ? nil : candidate }
}
