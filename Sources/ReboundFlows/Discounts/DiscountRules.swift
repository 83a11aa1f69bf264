public import Foundation

/// A code Rebound issued, as the redemption check needs it.
public struct IssuedDiscount: Hashable, Sendable {
    public var code: String
    public var spec: DiscountSpec
    public var issuedAt: Date

    public init(code: String, spec: DiscountSpec, issuedAt: Date) {
        self.code = code
        self.spec = spec
        self.issuedAt = issuedAt
    }

    /// When the code stops working; `nil` when it never does.
    public var expiresAt: Date? { spec.validity.map { issuedAt.addingTimeInterval($0.timeInterval) } }
}

/// A cart that wants to use a code.
public struct DiscountRedemption: Hashable, Sendable {
    /// Cart subtotal, minor units.
    public var subtotal: Int64
    /// Shipping price, minor units.
    public var shipping: Int64
    /// Other Rebound-issued codes already on the cart.
    public var otherReboundCodes: [String]
    /// How often this customer already redeemed a code of the same rule.
    public var earlierRedemptionsByCustomer: Int

    public init(subtotal: Int64, shipping: Int64 = 0, otherReboundCodes: [String] = [], earlierRedemptionsByCustomer: Int = 0) {
        self.subtotal = subtotal
        self.shipping = shipping
        self.otherReboundCodes = otherReboundCodes
        self.earlierRedemptionsByCustomer = earlierRedemptionsByCustomer
    }
}

/// Save-time checks and redemption decisions for discounts.
public enum DiscountRules {
    /// The outcome of a redemption attempt.
    public enum Decision: Hashable, Sendable {
        /// Take `amount` minor units off (for free shipping: the shipping price).
        case apply(amount: Int64)
        case refuse(reason: String)
    }

    /// Problems with `spec` under `policy`, with paths below `path` (e.g. `steps[4].discount.value`).
    public static func validate(_ spec: DiscountSpec, policy: DiscountPolicy, path: String) -> [FlowIssue] {
        let at = FlowPath(path)
        var issues: [FlowIssue] = []
        switch spec.kind {
        case .percent:
            if let value = spec.value {
                if value < 1 || value > 100 {
                    issues.append(FlowIssue(path: at.key("value").text, message: "must be between 1 and 100 percent"))
                } else if value > policy.maxPercent {
                    issues.append(FlowIssue(path: at.key("value").text, message: "\(value)% is above the shop's maximum of \(policy.maxPercent)%"))
                }
            } else {
                issues.append(FlowIssue(path: at.key("value").text, message: "is required for a percent discount"))
            }
        case .fixed:
            if let value = spec.value {
                if value < 1 {
                    issues.append(FlowIssue(path: at.key("value").text, message: "must be positive"))
                } else if let max = policy.maxFixed, value > max {
                    issues.append(FlowIssue(path: at.key("value").text, message: "\(value) is above the shop's maximum of \(max)"))
                }
            } else {
                issues.append(FlowIssue(path: at.key("value").text, message: "is required for a fixed discount"))
            }
        case .freeShipping:
            if !policy.allowFreeShipping {
                issues.append(FlowIssue(path: at.key("kind").text, message: "the shop does not allow free shipping codes"))
            }
            if spec.value != nil { issues.append(FlowIssue(path: at.key("value").text, message: "free shipping takes no value")) }
        }
        if let minimum = spec.minimumCart, minimum < 0 {
            issues.append(FlowIssue(path: at.key("minimum_cart").text, message: "must not be negative"))
        }
        if let expiresIn = spec.expiresIn, case .failure(let error) = FlowDuration.parse(expiresIn) {
            issues.append(FlowIssue(path: at.key("expires_in").text, message: error.reason))
        }
        return issues
    }

    /// Whether `discount` applies to `cart` at `now`, and for how much.
    ///
    /// Refuses expired codes, carts below the minimum, a second use by the same customer when the rule is once per
    /// customer, and any cart that already carries another Rebound code (codes never stack).
    public static func evaluate(_ discount: IssuedDiscount, on cart: DiscountRedemption, now: Date) -> Decision {
        if let expiresAt = discount.expiresAt, now >= expiresAt { return .refuse(reason: "expired") }
        if let minimum = discount.spec.minimumCart, cart.subtotal < minimum { return .refuse(reason: "below_minimum_cart") }
        if discount.spec.oncePerCustomer ?? true, cart.earlierRedemptionsByCustomer > 0 { return .refuse(reason: "already_redeemed") }
        if cart.otherReboundCodes.contains(where: { $0 != discount.code }) { return .refuse(reason: "not_stackable") }
        let value = discount.spec.value ?? 0
        switch discount.spec.kind {
        case .percent:
            // Rounded down so the shop never gives more than promised.
            return .apply(amount: cart.subtotal * min(max(value, 0), 100) / 100)
        case .fixed:
            return .apply(amount: min(max(value, 0), cart.subtotal))
        case .freeShipping:
            return .apply(amount: cart.shipping)
        }
    }
}
