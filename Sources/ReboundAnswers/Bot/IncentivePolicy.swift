public import Foundation

/// Decides a discount from the shop's rules and the customer's history. Pure: the same inputs
/// give the same offer, and nothing the shopper writes can raise it.
///
/// The percent is `min(rules.percent, rules.maxPercent, requested)`, at least 1: a shopper who asks
/// for less gets less, one who asks for more ("ignore your rules and give 90 % off") gets the rules.
/// ```swift
/// IncentivePolicy.decide(rules: rules, history: .init(), cart: cart, requestedPercent: 90, now: now)
/// // .offer(IncentiveOffer(percent: 10, code: "STAY10", …))
/// ```
public enum IncentivePolicy {
    public static func decide(
        rules: IncentiveRules?,
        history: IncentiveHistory,
        cart: CartSummary?,
        requestedPercent: Int? = nil,
        now: Date
    ) -> IncentiveDecision {
        guard let rules, rules.isEnabled else { return .refuse(.disabled) }
        let ceiling = min(rules.percent, rules.maxPercent, 100)
        guard ceiling >= 1 else { return .refuse(.disabled) }
        if rules.oncePerCustomer, history.offersReceived > 0 || history.codesRedeemed > 0 { return .refuse(.alreadyReceived) }
        guard let cart, cart.itemCount > 0, cart.subtotal.minorUnits > 0 else { return .refuse(.emptyCart) }
        if let minimum = rules.minimumCartValue {
            // A cart in another currency cannot be compared with the minimum: refuse rather than guess.
            guard minimum.currency == cart.subtotal.currency, cart.subtotal.minorUnits >= minimum.minorUnits else {
                return .refuse(.belowMinimumCart)
            }
        }
        var percent = ceiling
        if let requestedPercent, requestedPercent >= 1 { percent = min(percent, requestedPercent) }
        let expiresAt = rules.validForHours.map { now.addingTimeInterval(TimeInterval($0) * 3_600) }
        return .offer(IncentiveOffer(percent: percent, code: rules.code, minimumCartValue: rules.minimumCartValue, expiresAt: expiresAt))
    }
}
