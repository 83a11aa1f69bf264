public import Foundation

/// One shopper message and what the server knows around it.
public struct BotRequest: Sendable {
    /// The shopper's message, as typed. Longer than the bot's maximum, it is cut (and the decision says so).
    public var question: String
    /// The conversation's locale (`en`, `de-AT`); picks the language of the answer and of the analysis.
    public var locale: String
    public var now: Date
    /// Where the shopper is (from the cart's address or the storefront); the default shipping destination.
    public var shopperCountry: String?
    public var cart: CartSummary?
    /// The product page the shopper is on, if any: "is this in stock?" is about it.
    public var productID: String?
    /// The shopper's incentive history, for once-per-customer rules.
    public var incentiveHistory: IncentiveHistory
    /// The order the shopper proved is theirs, or a failed attempt.
    public var order: OrderContext
    /// How many times the shopper already failed to verify an order in this conversation.
    public var failedVerifications: Int
    /// What the bot already tried earlier in the conversation, for the hand-over summary.
    public var previousAttempts: [String]

    public init(
        question: String,
        locale: String = "en",
        now: Date,
        shopperCountry: String? = nil,
        cart: CartSummary? = nil,
        productID: String? = nil,
        incentiveHistory: IncentiveHistory = .init(),
        order: OrderContext = .none,
        failedVerifications: Int = 0,
        previousAttempts: [String] = []
    ) {
        self.question = question
        self.locale = locale
        self.now = now
        self.shopperCountry = shopperCountry
        self.cart = cart
        self.productID = productID
        self.incentiveHistory = incentiveHistory
        self.order = order
        self.failedVerifications = failedVerifications
        self.previousAttempts = previousAttempts
    }

    /// The analysis language: German for `de*`, English otherwise.
    public var language: TextLanguage { TextLanguage(localeIdentifier: locale) ?? .english }
}

/// What the server knows about the shopper's order.
public enum OrderContext: Sendable, Hashable {
    /// No order in this conversation.
    case none
    /// The shopper proved the order is theirs (``OrderVerifier``).
    case verified(OrderRecord)
    /// The last number and email did not match an order. Carries nothing, by design.
    case verificationFailed
}
