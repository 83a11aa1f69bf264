public import Foundation

/// When carts, checkouts and browsing count as abandoned, from the shop's settings.
public struct AbandonmentPolicy: Hashable, Sendable {
    public var cartAfter: TimeInterval
    public var checkoutAfter: TimeInterval
    public var browseAfter: TimeInterval
    public var expireAfter: TimeInterval

    public init(cartAfter: TimeInterval, checkoutAfter: TimeInterval, browseAfter: TimeInterval, expireAfter: TimeInterval) {
        self.cartAfter = cartAfter
        self.checkoutAfter = checkoutAfter
        self.browseAfter = browseAfter
        self.expireAfter = expireAfter
    }

    public init(_ settings: ShopSettings) {
        self.init(
            cartAfter: TimeInterval(settings.cartAbandonAfterSeconds),
            checkoutAfter: TimeInterval(settings.checkoutAbandonAfterSeconds),
            browseAfter: TimeInterval(settings.browseAbandonAfterSeconds),
            expireAfter: TimeInterval(settings.cartExpireAfterSeconds)
        )
    }

    /// What should happen to a cart at `now`.
    public enum Decision: Hashable, Sendable {
        case wait
        /// Mark abandoned and append an event of this type.
        case abandon(eventType: String)
        case expire
    }

    /// The time at which `decide` will next say something other than `.wait`; `nil` when never.
    public func dueDate(for cart: Cart) -> Date? {
        switch cart.state {
        case .active:
            guard !cart.isEmpty else { return nil }
            return cart.lastActivityAt.addingTimeInterval(cart.kind == .checkout ? checkoutAfter : cartAfter)
        case .abandoned:
            return cart.lastActivityAt.addingTimeInterval(max(expireAfter, cart.kind == .checkout ? checkoutAfter : cartAfter))
        case .converted, .recovered, .expired:
            return nil
        }
    }

    public func decide(_ cart: Cart, now: Date) -> Decision {
        guard let due = dueDate(for: cart), due <= now else { return .wait }
        switch cart.state {
        case .active:
            // A checkout the shopper left without contact details cannot be followed up as a checkout.
            if cart.kind == .checkout && cart.hasContact { return .abandon(eventType: EventType.checkoutAbandoned) }
            return .abandon(eventType: EventType.cartAbandoned)
        case .abandoned:
            return .expire
        default:
            return .wait
        }
    }

    /// Applies a decision to the cart; returns the event to append, if any.
    ///
    /// The cart counts as abandoned (or expired) at the moment its threshold passed, not when a worker noticed: a
    /// worker that was down catches up without shifting every flow timing that hangs off the event.
    public func apply(_ decision: Decision, to cart: inout Cart, now: Date, newEventID: Event.ID) -> Event? {
        let at = min(dueDate(for: cart) ?? now, now)
        switch decision {
        case .wait:
            return nil
        case .abandon(let type):
            cart.state = .abandoned
            cart.abandonedAt = at
            cart.updatedAt = now
            return Event(
                id: newEventID,
                type: type,
                anonymousID: cart.anonymousID,
                occurredAt: at,
                properties: [
                    "cart_id": .string(cart.id.rawValue), "cart_token": .string(cart.token), "episode": .int(Int64(cart.episode)),
                    "value": .int(cart.value), "currency": .string(cart.currency.rawValue),
                    "item_count": .int(Int64(cart.itemCount)),
                ]
            )
        case .expire:
            cart.state = .expired
            cart.expiredAt = at
            cart.updatedAt = now
            return Event(
                id: newEventID,
                type: EventType.cartExpired,
                anonymousID: cart.anonymousID,
                occurredAt: at,
                properties: ["cart_id": .string(cart.id.rawValue), "cart_token": .string(cart.token)]
            )
        }
    }

    /// The deterministic id of a detection event, so that a second worker or a retry appends it only once.
    public static func detectionEventID(type: String, cartID: Cart.ID, episode: Int) -> Event.ID {
        Event.ID(rawValue: "\(type):\(cartID.rawValue):\(episode)")
    }
}
