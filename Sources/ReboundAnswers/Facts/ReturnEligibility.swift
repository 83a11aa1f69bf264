public import Foundation

/// Which lines of an order can be returned now, and until when: the policy applied to one order.
public struct ReturnEligibility: Sendable, Hashable {
    /// One order line's verdict.
    public struct Line: Sendable, Hashable {
        public var item: OrderLineItem
        /// Why it cannot be returned; nil when it can.
        public var exclusion: ReturnExclusion?

        public var isReturnable: Bool { exclusion == nil }
    }

    /// The last moment a return can be requested; nil while the window has not started (not delivered yet).
    public var windowEndsAt: Date?
    public var lines: [Line]
    public var refundsAllowed: Bool
    public var exchangesAllowed: Bool

    /// Whether anything can be returned.
    public var hasReturnableItems: Bool { lines.contains(where: \.isReturnable) }

    /// Applies `policy` to `order` at `now`.
    ///
    /// The window counts from delivery (the last delivered shipment, or the last shipment of an order
    /// marked delivered) or from the order date, as the policy says. Cancelled orders have nothing to return.
    public static func evaluate(order: OrderRecord, policy: ReturnPolicy, now: Date) -> ReturnEligibility {
        let start: Date?
        switch policy.windowStart {
        case .order:
            start = order.placedAt
        case .delivery:
            start = order.deliveredAt ?? (order.status == .delivered ? order.shipments.compactMap(\.shippedAt).max() ?? order.placedAt : nil)
        }
        let end = start.map { $0.addingTimeInterval(TimeInterval(policy.windowDays) * 86_400) }
        let lines = order.lines.map { item -> Line in
            if order.status == .cancelled { return Line(item: item, exclusion: .notDelivered) }
            if let exclusion = policy.exclusion(isOnSale: item.isOnSale, isFinalSale: item.isFinalSale, tags: item.tags) {
                return Line(item: item, exclusion: exclusion)
            }
            guard let end else { return Line(item: item, exclusion: .notDelivered) }
            return Line(item: item, exclusion: now > end ? .windowClosed : nil)
        }
        return ReturnEligibility(windowEndsAt: end, lines: lines, refundsAllowed: policy.refundsAllowed, exchangesAllowed: policy.exchangesAllowed)
    }
}
