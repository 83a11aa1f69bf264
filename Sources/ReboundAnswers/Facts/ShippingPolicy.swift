import Foundation

/// Where a shop ships, at what cost and how fast: its shipping zones.
public struct ShippingPolicy: Sendable, Hashable, Codable {
    public var zones: [ShippingZone]
    /// The shop's shipping page, cited with every shipping answer.
    public var source: AnswerSource
    /// The country the shop ships from (ISO 3166-1 alpha-2); the default destination.
    public var homeCountry: String

    public init(zones: [ShippingZone], source: AnswerSource, homeCountry: String) {
        self.zones = zones
        self.source = source
        self.homeCountry = homeCountry.uppercased()
    }

    /// The zone serving `country`: one naming it, else a rest-of-world zone (`*`), else nil.
    public func zone(for country: String) -> ShippingZone? {
        let code = country.uppercased()
        return zones.first(where: { $0.countries.contains(code) }) ?? zones.first(where: { $0.countries.contains("*") })
    }
}

/// A set of destination countries with the same rates.
public struct ShippingZone: Sendable, Hashable, Codable {
    /// Who pays import duties and taxes in this zone.
    public enum Duties: String, Sendable, Hashable, Codable {
        /// No customs border (for instance inside the EU for an EU shop).
        case none
        /// Duties and import taxes are included in the price (DDP).
        case included
        /// The recipient pays duties and import taxes on delivery (DAP).
        case payableOnDelivery
    }

    public var name: String
    /// ISO 3166-1 alpha-2 codes; `*` is the rest of the world.
    public var countries: [String]
    /// Cheapest first is not required; answers sort by price.
    public var rates: [ShippingRate]
    public var duties: Duties

    public init(name: String, countries: [String], rates: [ShippingRate], duties: Duties = .none) {
        self.name = name
        self.countries = countries.map { $0.uppercased() }
        self.rates = rates
        self.duties = duties
    }

    /// The rates from cheapest to dearest.
    public var ratesByPrice: [ShippingRate] { rates.sorted { ($0.price.minorUnits, $0.name) < ($1.price.minorUnits, $1.name) } }
}

/// One way of shipping within a zone.
public struct ShippingRate: Sendable, Hashable, Codable {
    public var name: String
    public var price: MoneyAmount
    /// Free when the cart's subtotal reaches this.
    public var freeAbove: MoneyAmount?
    /// Business days in transit.
    public var minDays: Int
    public var maxDays: Int

    public init(name: String, price: MoneyAmount, freeAbove: MoneyAmount? = nil, minDays: Int, maxDays: Int) {
        self.name = name
        self.price = price
        self.freeAbove = freeAbove
        self.minDays = minDays
        self.maxDays = max(minDays, maxDays)
    }

    /// The price for a cart of `subtotal`: zero once it reaches ``freeAbove``.
    public func price(forSubtotal subtotal: MoneyAmount?) -> MoneyAmount {
        if let freeAbove, let subtotal, subtotal.currency == freeAbove.currency, subtotal.minorUnits >= freeAbove.minorUnits {
            return MoneyAmount(minorUnits: 0, currency: price.currency)
        }
        return price
    }
}
