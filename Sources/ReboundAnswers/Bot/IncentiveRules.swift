public import Foundation

/// A shop's rules for discounts the bot may offer on a price objection.
public struct IncentiveRules: Sendable, Hashable, Codable {
    public var isEnabled: Bool
    /// What the bot offers.
    public var percent: Int
    /// The shop's ceiling; no offer is ever above it, whatever the shopper writes.
    public var maxPercent: Int
    /// At most one offer per customer, ever.
    public var oncePerCustomer: Bool
    /// No offer below this cart subtotal.
    public var minimumCartValue: MoneyAmount?
    /// A fixed code such as `STAY10`; nil when the server issues one per offer.
    public var code: String?
    /// How long an offer stays valid.
    public var validForHours: Int?
    /// The shop's discount terms, cited with the offer.
    public var source: AnswerSource?

    public init(
        isEnabled: Bool = true,
        percent: Int,
        maxPercent: Int,
        oncePerCustomer: Bool = true,
        minimumCartValue: MoneyAmount? = nil,
        code: String? = nil,
        validForHours: Int? = nil,
        source: AnswerSource? = nil
    ) {
        self.isEnabled = isEnabled
        self.percent = percent
        self.maxPercent = maxPercent
        self.oncePerCustomer = oncePerCustomer
        self.minimumCartValue = minimumCartValue
        self.code = code
        self.validForHours = validForHours
        self.source = source
    }
}

/// What a customer already got.
public struct IncentiveHistory: Sendable, Hashable, Codable {
    /// Offers the bot (or a flow) made to this customer before.
    public var offersReceived: Int
    /// Codes the customer redeemed.
    public var codesRedeemed: Int

    public init(offersReceived: Int = 0, codesRedeemed: Int = 0) {
        self.offersReceived = offersReceived
        self.codesRedeemed = codesRedeemed
    }
}

/// A discount the shopper is offered.
public struct IncentiveOffer: Sendable, Hashable, Codable {
    public var percent: Int
    public var code: String?
    public var minimumCartValue: MoneyAmount?
    public var expiresAt: Date?

    public init(percent: Int, code: String? = nil, minimumCartValue: MoneyAmount? = nil, expiresAt: Date? = nil) {
        self.percent = percent
        self.code = code
        self.minimumCartValue = minimumCartValue
        self.expiresAt = expiresAt
    }
}

/// Why no discount was offered.
public enum IncentiveRefusal: String, Sendable, Hashable, Codable {
    /// The shop has no rules, or they are switched off or allow 0 %.
    case disabled
    /// Once per customer, and this customer already had an offer or used a code.
    case alreadyReceived
    /// Nothing in the cart.
    case emptyCart
    /// The cart is below the minimum value.
    case belowMinimumCart
}

/// The outcome of ``IncentivePolicy/decide(rules:history:cart:requestedPercent:now:)``.
public enum IncentiveDecision: Sendable, Hashable {
    case offer(IncentiveOffer)
    case refuse(IncentiveRefusal)
}
