import Foundation

/// Who the shop is, as answers and pages name it.
public struct ShopProfile: Sendable, Hashable, Codable {
    /// The shop's handle in URLs (`/help/{shop}`).
    public var id: String
    public var name: String
    /// ISO 4217 code of the shop's prices.
    public var currency: String
    /// Locale of articles without one, and of the help pages' default.
    public var defaultLocale: String
    /// IANA zone for dates shown to shoppers, such as `Europe/Berlin`.
    public var timeZone: String

    public init(id: String, name: String, currency: String, defaultLocale: String = "en", timeZone: String = "UTC") {
        self.id = id
        self.name = name
        self.currency = currency.uppercased()
        self.defaultLocale = defaultLocale
        self.timeZone = timeZone
    }
}
