import Foundation

/// What the bot does with a message. Every case carries the reasons for it.
///
/// ```swift
/// switch bot.decide(request) {
/// case .answer(let a): send(a.text, sources: a.sources)
/// case .incentive(let i): issue(i.offer); send(i.text)
/// case .askForVerification(let v): showOrderForm(prefill: v.claim)
/// case .handoff(let h): createTicket(h.agentSummary)
/// case .clarify(let c): send(c.text)
/// }
/// ```
public enum BotDecision: Sendable, Hashable {
    /// An answer from the shop's articles or data, with its sources.
    case answer(BotAnswer)
    /// A discount within the shop's rules, for a price objection.
    case incentive(IncentiveReply)
    /// The question needs an order; the shopper must prove it is theirs first.
    case askForVerification(VerificationPrompt)
    /// A human takes over, with a summary for them.
    case handoff(HandoffSummary)
    /// Nothing to work with (an empty message): ask the shopper to say more.
    case clarify(ClarifyReply)

    /// The kind of decision, for counting.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case answer
        case incentive
        case askForVerification = "ask_for_verification"
        case handoff
        case clarify
    }

    public var kind: Kind {
        switch self {
        case .answer: .answer
        case .incentive: .incentive
        case .askForVerification: .askForVerification
        case .handoff: .handoff
        case .clarify: .clarify
        }
    }

    /// The text for the shopper.
    public var text: String {
        switch self {
        case .answer(let a): a.text
        case .incentive(let i): i.text
        case .askForVerification(let v): v.text
        case .handoff(let h): h.text
        case .clarify(let c): c.text
        }
    }

    public var sources: [AnswerSource] {
        switch self {
        case .answer(let a): a.sources
        case .incentive(let i): i.sources
        default: []
        }
    }

    public var reasons: [BotReason] {
        switch self {
        case .answer(let a): a.reasons
        case .incentive(let i): i.reasons
        case .askForVerification(let v): v.reasons
        case .handoff(let h): h.reasons
        case .clarify(let c): c.reasons
        }
    }

    /// The intent the bot acted on, if it recognised one.
    public var intent: IntentExample.Label? {
        switch self {
        case .answer(let a): a.intent
        case .incentive(let i): i.intent
        case .askForVerification(let v): v.intent
        case .handoff(let h): h.intent
        case .clarify: nil
        }
    }

    /// Whether the shopper is served without a human (an answer, an offer, or the self-service order check).
    public var isAutomated: Bool { kind == .answer || kind == .incentive || kind == .askForVerification }

    /// Whether the reasons include `code`.
    public func has(_ code: BotReason.Code) -> Bool { reasons.contains { $0.code == code } }
}

/// An answer with its sources.
public struct BotAnswer: Sendable, Hashable {
    public var text: String
    /// Never empty.
    public var sources: [AnswerSource]
    public var intent: IntentExample.Label?
    /// 0…1: the model's probability, the retrieval coverage, or 1 for facts from the shop's data.
    public var confidence: Double
    public var reasons: [BotReason]

    public init(text: String, sources: [AnswerSource], intent: IntentExample.Label?, confidence: Double, reasons: [BotReason]) {
        self.text = text
        self.sources = sources
        self.intent = intent
        self.confidence = confidence
        self.reasons = reasons
    }
}

/// A discount offer and how to tell the shopper.
public struct IncentiveReply: Sendable, Hashable {
    public var offer: IncentiveOffer
    public var text: String
    public var sources: [AnswerSource]
    public var intent: IntentExample.Label?
    public var reasons: [BotReason]
}

/// A request to prove an order: its number and the order's email.
public struct VerificationPrompt: Sendable, Hashable {
    public var text: String
    /// Number and email found in the message, for the server to check with ``OrderVerifier``.
    public var claim: OrderClaim
    public var intent: IntentExample.Label?
    public var reasons: [BotReason]
}

/// A reply asking for more.
public struct ClarifyReply: Sendable, Hashable {
    public var text: String
    public var reasons: [BotReason]
}
