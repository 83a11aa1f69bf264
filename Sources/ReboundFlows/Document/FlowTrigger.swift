public import ReboundCore

/// What starts a flow run, with the trigger's parameters.
///
/// JSON: `{"type": "no_order_for_days", "days": 60}`, `{"type": "lifetime_spend_crossed", "threshold": 100000}`,
/// `{"type": "custom_event", "event": "wishlist_added"}`, or just `{"type": "cart_abandoned"}`.
public struct FlowTrigger: Hashable, Sendable, Codable {
    public var type: FlowTriggerType
    /// `no_order_for_days`: days since the last order.
    public var days: Int?
    /// `lifetime_spend_crossed`: the threshold in minor units of the shop currency.
    public var threshold: Int64?
    /// `custom_event`: the event type to listen for.
    public var event: String?

    public init(type: FlowTriggerType, days: Int? = nil, threshold: Int64? = nil, event: String? = nil) {
        self.type = type
        self.days = days
        self.threshold = threshold
        self.event = event
    }

    /// Whether an event (as appended to the shop's log, or synthesised by a detector) starts this trigger.
    ///
    /// `no_order_for_days` matches an event of that type whose `days` property equals ``days``;
    /// `lifetime_spend_crossed` one whose `previous` and `current` properties straddle ``threshold``
    /// (see ``FlowTrigger/spendCrossed(previous:current:threshold:)``); `custom_event` an event whose type is ``event``.
    public func matches(_ event: Event) -> Bool {
        switch type {
        case .customEvent:
            return event.type == self.event
        case .noOrderForDays:
            return event.type == type.rawValue && event.int("days") == Int64(days ?? -1)
        case .lifetimeSpendCrossed:
            guard event.type == type.rawValue, let threshold, let previous = event.int("previous"), let current = event.int("current") else {
                return false
            }
            return Self.spendCrossed(previous: previous, current: current, threshold: threshold)
        default:
            return event.type == type.rawValue
        }
    }

    /// True when lifetime spend went from below `threshold` to at or above it.
    public static func spendCrossed(previous: Int64, current: Int64, threshold: Int64) -> Bool {
        previous < threshold && current >= threshold
    }
}

/// A trigger type. Unknown types decode, and are refused by ``FlowValidator``.
public struct FlowTriggerType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    // Codable as a plain string comes from the standard library's `RawRepresentable` support.

    public var description: String { rawValue }

    public static let cartAbandoned = FlowTriggerType(rawValue: EventType.cartAbandoned)
    public static let checkoutAbandoned = FlowTriggerType(rawValue: EventType.checkoutAbandoned)
    public static let browseAbandoned = FlowTriggerType(rawValue: EventType.browseAbandoned)
    public static let customerCreated = FlowTriggerType(rawValue: EventType.customerCreated)
    public static let orderPlaced = FlowTriggerType(rawValue: EventType.orderPlaced)
    public static let orderFulfilled = FlowTriggerType(rawValue: EventType.orderFulfilled)
    /// Win-back: no order for `days` days.
    public static let noOrderForDays = FlowTriggerType(rawValue: "no_order_for_days")
    /// Loyalty tier: lifetime spend crossed `threshold`.
    public static let lifetimeSpendCrossed = FlowTriggerType(rawValue: "lifetime_spend_crossed")
    /// Any event type the shop sends, named in `event`.
    public static let customEvent = FlowTriggerType(rawValue: "custom_event")

    public static let known: Set<FlowTriggerType> = [
        .cartAbandoned, .checkoutAbandoned, .browseAbandoned, .customerCreated, .orderPlaced, .orderFulfilled, .noOrderForDays,
        .lifetimeSpendCrossed, .customEvent,
    ]

    /// Triggers whose runs are about one cart, so `cart_converted` can end them.
    public var isCartTrigger: Bool { self == .cartAbandoned || self == .checkoutAbandoned }
}
