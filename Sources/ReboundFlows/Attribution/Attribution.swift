public import Foundation
public import ReboundCore

/// A message sent to a person, with its engagement, as attribution needs it.
public struct MessageTouch: Hashable, Sendable {
    /// The message's idempotency key (`<run id>:<step id>`).
    public var key: String
    public var flowID: String
    public var flowVersion: Int
    public var stepID: String
    public var variant: String?
    public var channel: MessageChannel
    public var customerID: Customer.ID?
    public var sentAt: Date
    public var openedAt: Date?
    public var clickedAt: Date?

    public init(
        key: String,
        flowID: String,
        flowVersion: Int,
        stepID: String,
        variant: String? = nil,
        channel: MessageChannel,
        customerID: Customer.ID?,
        sentAt: Date,
        openedAt: Date? = nil,
        clickedAt: Date? = nil
    ) {
        self.key = key
        self.flowID = flowID
        self.flowVersion = flowVersion
        self.stepID = stepID
        self.variant = variant
        self.channel = channel
        self.customerID = customerID
        self.sentAt = sentAt
        self.openedAt = openedAt
        self.clickedAt = clickedAt
    }
}

/// Which message gets an order's revenue: the last one clicked within the click window before the order, else
/// (when enabled) the last one opened within the open window.
///
/// ```swift
/// let credit = Attribution(configuration: .init(settings: shop.settings)).attribute(order, touches: touches)
/// ```
public struct Attribution: Sendable {
    public struct Configuration: Hashable, Sendable {
        public var clickWindow: TimeInterval
        /// `nil` to credit clicks only.
        public var openWindow: TimeInterval?

        /// Default: 5 days for both.
        public init(clickWindow: TimeInterval = 5 * 86400, openWindow: TimeInterval? = 5 * 86400) {
            self.clickWindow = clickWindow
            self.openWindow = openWindow
        }

        /// Both windows from the shop's `attribution_window_seconds`.
        public init(settings: ShopSettings, creditOpens: Bool = true) {
            let window = TimeInterval(settings.attributionWindowSeconds)
            self.init(clickWindow: window, openWindow: creditOpens ? window : nil)
        }
    }

    /// The credited message and what it gets.
    public struct Credit: Hashable, Sendable {
        public enum Basis: String, Hashable, Sendable { case click, open }

        public var touch: MessageTouch
        public var basis: Basis
        /// The order total less refunds, in the order's currency.
        public var revenue: Money
    }

    public var configuration: Configuration

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// The credit for `order`, or `nil` when no message qualifies. Touches of other customers are ignored when
    /// both sides name one. Ties go to the later-sent message, then the larger key, so the result is deterministic.
    public func attribute(_ order: Order, touches: [MessageTouch]) -> Credit? {
        let own = touches.filter { order.customerID == nil || $0.customerID == nil || $0.customerID == order.customerID }
        let revenue = Money(minorUnits: max(0, order.total.minorUnits - order.refundedTotal), currency: order.total.currency)
        if let touch = latest(own, at: order.placedAt, window: configuration.clickWindow, \.clickedAt) {
            return Credit(touch: touch, basis: .click, revenue: revenue)
        }
        if let window = configuration.openWindow, let touch = latest(own, at: order.placedAt, window: window, \.openedAt) {
            return Credit(touch: touch, basis: .open, revenue: revenue)
        }
        return nil
    }

    private func latest(_ touches: [MessageTouch], at placedAt: Date, window: TimeInterval, _ time: KeyPath<MessageTouch, Date?>) -> MessageTouch? {
        let start = placedAt.addingTimeInterval(-window)
        return touches.filter { touch in
            guard let when = touch[keyPath: time] else { return false }
            return when >= start && when <= placedAt
        }
        .max { a, b in (a[keyPath: time]!, a.sentAt, a.key) < (b[keyPath: time]!, b.sentAt, b.key) }
    }
}
