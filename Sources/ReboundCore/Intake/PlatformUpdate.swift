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
    /// The platform asks to erase a customer's personal data (Shopify `customers/redact`).
    case redactCustomer(CustomerIdentity)
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

/// RFC 3339 timestamps, parsed and written by hand: `ISO8601DateFormatter` builds an ICU formatter per call, which
/// cost more than everything else on the ingest path together.
public enum RFC3339 {
    /// Parses `2026-11-26T12:00:00Z`, `2026-11-26T12:00:00.123+01:00`, `2021-12-31T19:00:00-05:00` (also with `t`/`z`
    /// or a space between date and time). `nil` when the text is not such a time or a field is out of range.
    public static func parse(_ text: String) -> Date? {
        var utf8 = Array(text.utf8)
        return parse(&utf8)
    }

    static func parse(_ b: inout [UInt8]) -> Date? {
        var i = 0
        func digits(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var value = 0
            for _ in 0..<count {
                let d = Int(b[i]) - 48
                guard d >= 0, d <= 9 else { return nil }
                value = value * 10 + d
                i += 1
            }
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard i < b.count, b[i] == byte else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(45), let month = digits(2), expect(45), let day = digits(2) else { return nil }
        guard i < b.count, b[i] == 84 || b[i] == 116 || b[i] == 32 else { return nil }
        i += 1
        guard let hour = digits(2), expect(58), let minute = digits(2), expect(58), let second = digits(2) else { return nil }
        var fraction = 0.0
        if i < b.count, b[i] == 46 {
            i += 1
            var scale = 0.1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        var offset = 0
        guard i < b.count else { return nil }
        if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45 {
            let sign = b[i] == 45 ? -1 : 1
            i += 1
            guard let oh = digits(2), expect(58), let om = digits(2), oh <= 23, om <= 59 else { return nil }
            offset = sign * (oh * 3600 + om * 60)
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: year, month: month), hour <= 23, minute <= 59, second <= 60
        else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86400 + hour * 3600 + minute * 60 + min(second, 59) - offset
        return Date(timeIntervalSince1970: TimeInterval(seconds) + fraction)
    }

    /// UTC with milliseconds: `2026-11-26T12:00:00.000Z`.
    public static func format(_ date: Date) -> String {
        let totalMilliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        var days = Int(totalMilliseconds / 86_400_000)
        var rest = Int(totalMilliseconds % 86_400_000)
        if rest < 0 {
            rest += 86_400_000
            days -= 1
        }
        let (year, month, day) = civilFromDays(days)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        let hour = rest / 3_600_000
        let minute = rest / 60000 % 60
        let second = rest / 1000 % 60
        let millisecond = rest % 1000
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)).\(pad(millisecond, 3))Z"
    }

    static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
