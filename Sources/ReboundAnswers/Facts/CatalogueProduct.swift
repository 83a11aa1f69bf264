public import Foundation

/// A product as the bot needs it: its variants with price, stock and restock date.
public struct CatalogueProduct: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var title: String
    public var url: String?
    public var tags: [String]
    /// Excluded from returns whatever the return policy says (marked by the shop).
    public var isFinalSale: Bool
    public var variants: [CatalogueVariant]

    public init(id: String, title: String, url: String? = nil, tags: [String] = [], isFinalSale: Bool = false, variants: [CatalogueVariant]) {
        self.id = id
        self.title = title
        self.url = url
        self.tags = tags
        self.isFinalSale = isFinalSale
        self.variants = variants
    }

    /// Where a product answer came from.
    public var source: AnswerSource { AnswerSource(kind: .product, title: title, url: url) }

    /// Whether any variant is reduced.
    public var isOnSale: Bool { variants.contains(where: \.isOnSale) }
}

/// A sellable variant: its option values (size, colour), price and stock.
public struct CatalogueVariant: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    /// The platform's variant title, such as `Blue / M`.
    public var title: String
    /// Option values such as `["Blue", "M"]`; empty for a product without options.
    public var options: [String]
    public var price: MoneyAmount
    /// The price before a reduction; a variant is on sale when it is higher than `price`.
    public var compareAtPrice: MoneyAmount?
    /// Units in stock; nil when the shop does not track stock (always available).
    public var stock: Int?
    /// When the shop expects new stock, if it said so.
    public var restockDate: Date?
    /// Can be ordered while out of stock.
    public var allowsBackorder: Bool

    public init(
        id: String,
        title: String,
        options: [String] = [],
        price: MoneyAmount,
        compareAtPrice: MoneyAmount? = nil,
        stock: Int? = nil,
        restockDate: Date? = nil,
        allowsBackorder: Bool = false
    ) {
        self.id = id
        self.title = title
        self.options = options.isEmpty && !title.isEmpty && title != "Default Title" ? [title] : options
        self.price = price
        self.compareAtPrice = compareAtPrice
        self.stock = stock
        self.restockDate = restockDate
        self.allowsBackorder = allowsBackorder
    }

    public var isOnSale: Bool {
        guard let compareAtPrice, compareAtPrice.currency == price.currency else { return false }
        return compareAtPrice.minorUnits > price.minorUnits
    }

    /// In stock, untracked, or orderable on backorder.
    public var isAvailable: Bool { stock.map { $0 > 0 } ?? true }
}
