public import Foundation

/// One entry of a shop's append-only event log.
public struct Event: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Event>

    public var id: ID
    public var type: String
    public var anonymousID: String?
    public var customer: CustomerIdentity?
    public var occurredAt: Date
    public var properties: [String: JSONValue]

    public init(
        id: ID,
        type: String,
        anonymousID: String? = nil,
        customer: CustomerIdentity? = nil,
        occurredAt: Date,
        properties: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.type = type
        self.anonymousID = anonymousID
        self.customer = customer
        self.occurredAt = occurredAt
        self.properties = properties
    }

    public func string(_ key: String) -> String? { properties[key]?.stringValue }
    public func int(_ key: String) -> Int64? { properties[key]?.int64Value }
}

/// Event types Rebound itself understands; any other type is stored and available to flows as a custom event.
public enum EventType {
    public static let viewedProduct = "viewed_product"
    public static let addedToCart = "added_to_cart"
    public static let removedFromCart = "removed_from_cart"
    public static let viewedCart = "viewed_cart"
    public static let cartUpdated = "cart_updated"
    public static let startedCheckout = "started_checkout"
    public static let identified = "identified"
    public static let orderPlaced = "order_placed"
    public static let orderFulfilled = "order_fulfilled"
    public static let orderRefunded = "order_refunded"
    public static let customerCreated = "customer_created"
    public static let cartAbandoned = "cart_abandoned"
    public static let checkoutAbandoned = "checkout_abandoned"
    public static let browseAbandoned = "browse_abandoned"
    public static let cartConverted = "cart_converted"
    public static let cartExpired = "cart_expired"

    /// The events the storefront script may send to `/v1/track`.
    public static let storefront: Set<String> = [
        viewedProduct, addedToCart, removedFromCart, viewedCart, startedCheckout, identified, "page_viewed",
        // What the script's tactics did, so reports compare conversion with and without each.
        "widget_exposure", "widget_interaction", "chat_opened", "chat_message_sent", "welcome_back_shown",
        "recommendation_viewed", "recommendation_clicked", "recommendation_added",
    ]

    /// Event types that only Rebound writes; clients may not send them.
    public static let reserved: Set<String> = [cartAbandoned, checkoutAbandoned, browseAbandoned, cartConverted, cartExpired]

    /// Lower-case letters, digits, `_`, `.` and `:`; 1–64 characters.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" || $0 == "." || $0 == ":" }
    }
}
