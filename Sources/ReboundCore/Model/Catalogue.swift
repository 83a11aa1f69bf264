public import Foundation

/// A product in the shop's catalogue, with its variants.
public struct Product: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Product>

    public var id: ID
    public var title: String
    public var category: String?
    public var url: String?
    public var imageURL: String?
    public var status: String
    public var variants: [Variant]
    public var updatedAt: Date

    public init(
        id: ID,
        title: String,
        category: String? = nil,
        url: String? = nil,
        imageURL: String? = nil,
        status: String = "active",
        variants: [Variant] = [],
        updatedAt: Date
    ) {
        self.id = id
        self.title = title
        self.category = category
        self.url = url
        self.imageURL = imageURL
        self.status = status
        self.variants = variants
        self.updatedAt = updatedAt
    }
}

/// A sellable variant (size, colour) of a product with its own price and stock.
public struct Variant: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Variant>

    public var id: ID
    public var title: String
    public var sku: String?
    public var price: Money
    /// Units in stock; `nil` when the shop does not track inventory.
    public var stock: Int?

    public init(id: ID, title: String, sku: String? = nil, price: Money, stock: Int? = nil) {
        self.id = id
        self.title = title
        self.sku = sku
        self.price = price
        self.stock = stock
    }
}
