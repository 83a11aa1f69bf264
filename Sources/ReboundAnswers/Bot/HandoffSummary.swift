import Foundation

/// What a human needs to take over: the question, the intent, the cart and what the bot tried.
public struct HandoffSummary: Sendable, Hashable {
    /// The message for the shopper ("a colleague will take over").
    public var text: String
    /// The shopper's question (cut to the bot's maximum length).
    public var question: String
    public var language: TextLanguage
    /// The bot's best guess, even when it was not sure enough to answer.
    public var intent: IntentExample.Label?
    public var confidence: Double
    public var cart: CartSummary?
    /// What the bot tried, in order, including earlier turns of the conversation.
    public var tried: [String]
    public var reasons: [BotReason]

    /// Plain text for the ticket or the agent console.
    public var agentSummary: String {
        var lines = ["Question: \(question)"]
        lines.append("Intent: \(intent?.rawValue ?? "unknown") (confidence \(Int((confidence * 100).rounded())) %)")
        lines.append("Why handed over: " + reasons.map(\.description).joined(separator: "; "))
        if let cart { lines.append("Cart: " + cart.summary(language)) }
        if !tried.isEmpty { lines.append("Tried: " + tried.joined(separator: "; ")) }
        return lines.joined(separator: "\n")
    }
}
