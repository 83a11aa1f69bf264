public import Foundation

/// A verified order's status, tracking links and return option.
public struct OrderStatusView: Sendable, Hashable {
    public var shop: ShopProfile
    public var locale: String
    public var paths: HelpPaths
    public var order: OrderRecord
    /// Nil when the shop has no return policy.
    public var eligibility: ReturnEligibility?

    /// - Parameter order: an order the shopper verified with ``OrderVerifier``; never render an unverified one.
    public init(shop: ShopProfile, locale: String, paths: HelpPaths, order: OrderRecord, returnPolicy: ReturnPolicy?, now: Date) {
        self.shop = shop
        self.locale = locale
        self.paths = paths
        self.order = order
        eligibility = returnPolicy.map { ReturnEligibility.evaluate(order: order, policy: $0, now: now) }
    }
}
