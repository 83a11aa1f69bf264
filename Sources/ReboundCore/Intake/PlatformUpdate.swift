public import Foundation

/// What a platform webhook tells Rebound, in Rebound's terms.
public enum PlatformUpdate: Hashable, Sendable {
    /// A checkout was created or changed (Shopify `checkouts/*`, `carts/*`).
    case checkout(CheckoutSnapshot)
    case order(OrderSnapshot)
    case orderFulfilled(externalID: String, at: Date)
    case refund(orderExternalID: String, amount: Int64, at: Date)
    case customer(CustomerSnapshot)
    case product(Product)
    case uninstalled
    /// A topic Rebound does not use; answered 200 and dropped.
    case ignored(topic: String)
}

public struct CheckoutSnapshot: Hashable, Sendable {
    public var token: String
    public var cartToken: String?
    public var isCheckout: Bool
    public var customer: CustomerSnapshot?
    public var lines: [CartLine]
    public var currency: Currency
    public var restoreURL: String?
    public var updatedAt: Date
    public var completedAt: Date?

    public init(
        token: String,
        cartToken: String?,
        isCheckout: Bool,
        customer: CustomerSnapshot?,
        lines: [CartLine],
        currency: Currency,
        restoreURL: String?,
        updatedAt: Date,
        completedAt: Date?
    ) {
        self.token = token
        self.cartToken = cartToken
        self.isCheckout = isCheckout
        self.customer = customer
        self.lines = lines
        self.currency = currency
        self.restoreURL = restoreURL
        self.updatedAt = updatedAt
        self.completedAt = completedAt
    }
}

public struct OrderSnapshot: Hashable, Sendable {
    public var order: Order
    public var customer: CustomerSnapshot?

    public init(order: Order, customer: CustomerSnapshot?) {
        self.order = order
        self.customer = customer
    }
}

/// A customer as a platform describes them; merged into the stored customer by identity.
public struct CustomerSnapshot: Hashable, Sendable {
    public var identity: CustomerIdentity
    public var firstName: String?
    public var lastName: String?
    public var locale: String?
    public var country: String?
    public var tags: [String]
    public var emailConsent: Consent?
    public var smsConsent: Consent?

    public init(
        identity: CustomerIdentity,
        firstName: String? = nil,
        lastName: String? = nil,
        locale: String? = nil,
        country: String? = nil,
        tags: [String] = [],
        emailConsent: Consent? = nil,
        smsConsent: Consent? = nil
    ) {
        self.identity = identity
        self.firstName = firstName
        self.lastName = lastName
        self.locale = locale
        self.country = country
        self.tags = tags
        self.emailConsent = emailConsent
        self.smsConsent = smsConsent
    }
}

/// A payload that cannot be understood; the webhook answers 422 with `reason`.
public struct PayloadError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}

/// Date parsing for the formats the platforms send.
enum PlatformDate {
    /// RFC 3339 with or without fractional seconds; WooCommerce's `_gmt` fields carry no zone and are UTC.
    static func parse(_ value: JSONValue?, assumeUTC: Bool = false) -> Date? {
        guard let text = value?.stringValue, !text.isEmpty else { return nil }
        return RFC3339.parse(text) ?? (assumeUTC ? RFC3339.parse(text + "Z") : nil)
    }
}

/// RFC 3339 timestamps.
public enum RFC3339 {
    public static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
