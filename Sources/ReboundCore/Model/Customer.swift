public import Foundation

/// A person known to the shop by email, phone or the platform's customer id.
public struct Customer: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Customer>

    public var id: ID
    public var externalID: String?
    public var email: String?
    public var phone: String?
    public var firstName: String?
    public var lastName: String?
    public var locale: String?
    public var timeZone: String?
    public var country: String?
    public var tags: [String]
    public var emailConsent: Consent?
    public var smsConsent: Consent?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: ID,
        externalID: String? = nil,
        email: String? = nil,
        phone: String? = nil,
        firstName: String? = nil,
        lastName: String? = nil,
        locale: String? = nil,
        timeZone: String? = nil,
        country: String? = nil,
        tags: [String] = [],
        emailConsent: Consent? = nil,
        smsConsent: Consent? = nil,
        createdAt: Date,
        updatedAt: Date
    ) {
        self.id = id
        self.externalID = externalID
        self.email = email
        self.phone = phone
        self.firstName = firstName
        self.lastName = lastName
        self.locale = locale
        self.timeZone = timeZone
        self.country = country
        self.tags = tags
        self.emailConsent = emailConsent
        self.smsConsent = smsConsent
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Consent to a marketing channel, with where and when it was given or withdrawn.
public struct Consent: Hashable, Sendable, Codable {
    public var granted: Bool
    public var source: String
    public var at: Date

    public init(granted: Bool, source: String, at: Date) {
        self.granted = granted
        self.source = source
        self.at = at
    }
}

/// The ways an event or webhook names a person.
public struct CustomerIdentity: Hashable, Sendable, Codable {
    public var email: String?
    public var phone: String?
    public var externalID: String?

    public init(email: String? = nil, phone: String? = nil, externalID: String? = nil) {
        self.email = email.flatMap(CustomerIdentity.normalizedEmail)
        self.phone = phone.flatMap(CustomerIdentity.normalizedPhone)
        self.externalID = externalID.flatMap { $0.isEmpty ? nil : $0 }
    }

    enum CodingKeys: String, CodingKey {
        case email, phone
        case externalID = "external_id"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            email: try c.decodeIfPresent(String.self, forKey: .email),
            phone: try c.decodeIfPresent(String.self, forKey: .phone),
            externalID: try c.decodeIfPresent(String.self, forKey: .externalID)
        )
    }

    public var isEmpty: Bool { email == nil && phone == nil && externalID == nil }

    /// Lower-cased and trimmed; `nil` when it is not an address at all.
    public static func normalizedEmail(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard isPlausibleEmail(trimmed) else { return nil }
        return trimmed
    }

    public static func isPlausibleEmail(_ value: String) -> Bool {
        guard value.count <= 254, let at = value.firstIndex(of: "@") else { return false }
        let local = value[..<at]
        let domain = value[value.index(after: at)...]
        return !local.isEmpty && domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
            && !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) && !domain.contains("@")
    }

    /// Digits with a leading `+`; spaces, dashes and brackets removed. `nil` when too short to be a number.
    public static func normalizedPhone(_ raw: String) -> String? {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        let plus = trimmed.hasPrefix("+") || trimmed.hasPrefix("00")
        let digits = trimmed.filter { $0.isASCII && $0.isNumber }
        let body = trimmed.hasPrefix("00") ? String(digits.dropFirst(2)) : digits
        guard body.count >= 6, body.count <= 15 else { return nil }
        return (plus ? "+" : "") + body
    }
}
