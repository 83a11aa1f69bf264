public import Foundation

/// A shop's recommendation settings: mining thresholds, holdout shares per placement, upgrades and offers.
public struct RecsSettings: Sendable, Hashable, Codable {
    /// Minimum support of a pair rule, in (0, 1].
    public var minSupport: Double
    /// Minimum confidence of a pair rule, in [0, 1].
    public var minConfidence: Double
    /// Percent of visitors (0–90) per placement who get no recommendations, to measure the lift.
    public var holdoutPercent: [String: Int]
    /// Whether a higher variant of a cart product may be suggested.
    public var allowUpgrades: Bool
    /// How long a post-purchase offer can be accepted, in minutes (1–1440).
    public var offerMinutes: Int
    /// Percent off the post-purchase offer (0 = full price).
    public var offerDiscountPercent: Int

    public static let placements = ["product_page", "cart", "free_shipping", "thank_you", "email"]
    public static let defaultHoldoutPercent = 10

    public init(
        minSupport: Double = 0.001,
        minConfidence: Double = 0.1,
        holdoutPercent: [String: Int] = [:],
        allowUpgrades: Bool = false,
        offerMinutes: Int = 15,
        offerDiscountPercent: Int = 0
    ) {
        self.minSupport = minSupport
        self.minConfidence = minConfidence
        self.holdoutPercent = holdoutPercent
        self.allowUpgrades = allowUpgrades
        self.offerMinutes = offerMinutes
        self.offerDiscountPercent = offerDiscountPercent
    }

    /// The holdout share of `placement`, default 10 %.
    public func holdout(for placement: String) -> Int { holdoutPercent[placement] ?? Self.defaultHoldoutPercent }

    enum CodingKeys: String, CodingKey {
        case minSupport = "min_support"
        case minConfidence = "min_confidence"
        case holdoutPercent = "holdout_percent"
        case allowUpgrades = "allow_upgrades"
        case offerMinutes = "offer_minutes"
        case offerDiscountPercent = "offer_discount_percent"
    }
}

/// A learned pair rule `antecedent → consequent`.
public struct RecsRule: Sendable, Hashable {
    public var antecedent: String
    public var consequent: String
    public var support: Double
    public var confidence: Double
    public var lift: Double
    public var pairCount: Int64
    public var antecedentCount: Int64
    public var consequentCount: Int64
    public var baskets: Int64
}

/// A rule the shop set: a product or a category → add-on products (batteries, gift wrap, shipping protection).
public struct RecsAddonRule: Sendable, Hashable {
    public var id: String
    /// `product` or `category`.
    public var triggerKind: String
    public var triggerValue: String
    public var addons: [String]
    public var label: String?
    public var updatedAt: Date

    public init(id: String, triggerKind: String, triggerValue: String, addons: [String], label: String?, updatedAt: Date) {
        self.id = id
        self.triggerKind = triggerKind
        self.triggerValue = triggerValue
        self.addons = addons
        self.label = label
        self.updatedAt = updatedAt
    }
}

/// What recommendations need to know of a catalogue product.
public struct RecsCatalogItem: Sendable, Hashable {
    public struct Variant: Sendable, Hashable {
        public var id: String
        public var title: String
        public var price: Int64
        /// `nil` when the shop does not track stock.
        public var stock: Int64?
        public var isInStock: Bool { stock.map { $0 > 0 } ?? true }
    }

    public var id: String
    public var title: String
    public var category: String?
    public var url: String?
    public var imageURL: String?
    public var status: String
    public var variants: [Variant]

    /// Active (not archived, draft or deleted) with at least one variant in stock.
    public var isAvailable: Bool { !["archived", "draft", "deleted"].contains(status) && variants.contains(where: \.isInStock) }
    /// The cheapest variant in stock.
    public var cheapestInStock: Variant? { variants.filter(\.isInStock).min { ($0.price, $0.id) < ($1.price, $1.id) } }
}

/// One order as a basket of distinct product ids, in the order the model counts them.
public struct RecsBasket: Sendable, Hashable {
    public var orderID: String
    public var createdAt: Date
    public var products: [String]
    public var cancelled: Bool
}

/// The state of a shop's model.
public struct RecsModelState: Sendable, Hashable {
    public var baskets: Int64
    public var products: Int64
    public var pairs: Int64
    public var rules: Int64
    public var builtAt: Date?
    public var refreshedAt: Date?
}
