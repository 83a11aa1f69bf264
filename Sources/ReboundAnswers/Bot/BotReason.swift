import Foundation

/// Why the bot decided as it did: a stable code and an optional detail, for logs, the agent
/// console and tests.
public struct BotReason: Sendable, Hashable, Codable, CustomStringConvertible {
    /// A reason's code. The set grows with the bot, so it is a struct with static values.
    public struct Code: Sendable, Hashable, Codable, RawRepresentable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let emptyQuestion = Code(rawValue: "empty_question")
        public static let questionTruncated = Code(rawValue: "question_truncated")
        public static let askedForHuman = Code(rawValue: "asked_for_human")
        public static let promptInjectionIgnored = Code(rawValue: "prompt_injection_ignored")
        public static let intentPredicted = Code(rawValue: "intent_predicted")
        public static let intentNeedsAgent = Code(rawValue: "intent_needs_agent")
        public static let lowConfidence = Code(rawValue: "low_confidence")
        public static let noSource = Code(rawValue: "no_source")
        public static let matchedArticle = Code(rawValue: "matched_article")
        public static let matchedProduct = Code(rawValue: "matched_product")
        public static let variantNotFound = Code(rawValue: "variant_not_found")
        public static let matchedCountry = Code(rawValue: "matched_country")
        public static let countryNotServed = Code(rawValue: "country_not_served")
        public static let shippingFacts = Code(rawValue: "shipping_facts")
        public static let returnFacts = Code(rawValue: "return_facts")
        public static let trustFacts = Code(rawValue: "trust_facts")
        public static let priceObjection = Code(rawValue: "price_objection")
        public static let incentiveOffered = Code(rawValue: "incentive_offered")
        public static let incentiveRefused = Code(rawValue: "incentive_refused")
        public static let requestedPercentIgnored = Code(rawValue: "requested_percent_ignored")
        public static let orderVerificationRequired = Code(rawValue: "order_verification_required")
        public static let orderVerificationFailed = Code(rawValue: "order_verification_failed")
        public static let tooManyVerificationAttempts = Code(rawValue: "too_many_verification_attempts")
        public static let orderVerified = Code(rawValue: "order_verified")
        public static let phrased = Code(rawValue: "phrased")
        public static let phraserFailed = Code(rawValue: "phraser_failed")
        public static let phraserTimedOut = Code(rawValue: "phraser_timed_out")
        public static let phraserRejected = Code(rawValue: "phraser_rejected")
    }

    public var code: Code
    public var detail: String?

    public init(_ code: Code, _ detail: String? = nil) {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail.map { "\(code): \($0)" } ?? code.rawValue }
}
