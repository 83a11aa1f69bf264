import Foundation

/// Facts that answer "is this shop legit?": who runs it, since when, what others say, how payment is protected.
public struct TrustFacts: Sendable, Hashable, Codable {
    public var legalName: String
    /// Postal address as the imprint states it.
    public var address: String?
    public var foundedYear: Int?
    public var reviews: ReviewSummary?
    /// Payment methods as shown at checkout (`PayPal`, `Klarna`, `Visa`).
    public var paymentMethods: [String]
    /// Buyer protection in the shop's words (for example "Trusted Shops buyer protection up to 2,500 €").
    public var buyerProtection: String?
    public var contactEmail: String?
    /// The imprint or about page, cited with every trust answer.
    public var source: AnswerSource

    public init(
        legalName: String,
        address: String? = nil,
        foundedYear: Int? = nil,
        reviews: ReviewSummary? = nil,
        paymentMethods: [String] = [],
        buyerProtection: String? = nil,
        contactEmail: String? = nil,
        source: AnswerSource
    ) {
        self.legalName = legalName
        self.address = address
        self.foundedYear = foundedYear
        self.reviews = reviews
        self.paymentMethods = paymentMethods
        self.buyerProtection = buyerProtection
        self.contactEmail = contactEmail
        self.source = source
    }
}

/// Independent reviews: rating, count and where to read them.
public struct ReviewSummary: Sendable, Hashable, Codable {
    public var rating: Double
    public var scale: Double
    public var count: Int
    public var provider: String
    public var url: String?

    public init(rating: Double, scale: Double = 5, count: Int, provider: String, url: String? = nil) {
        self.rating = rating
        self.scale = scale
        self.count = count
        self.provider = provider
        self.url = url
    }
}
