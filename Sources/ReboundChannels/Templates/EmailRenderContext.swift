public import Foundation
public import ReboundCore

/// Everything a message template can print. Turned into Mustache data by `mustacheData(locale:)`.
public struct EmailRenderContext: Sendable {
    /// Catalogue facts for a cart line that the cart itself does not carry.
    public struct Product: Hashable, Sendable {
        public var title: String?
        public var imageURL: String?
        public var url: String?

        public init(title: String? = nil, imageURL: String? = nil, url: String? = nil) {
            self.title = title
            self.imageURL = imageURL
            self.url = url
        }
    }

    /// A time-limited incentive: a code with a percentage, an amount, or free shipping.
    public struct Discount: Hashable, Sendable {
        public var code: String
        public var percentOff: Int?
        public var amountOff: Money?
        public var freeShipping: Bool
        public var expiresAt: Date?

        public init(code: String, percentOff: Int? = nil, amountOff: Money? = nil, freeShipping: Bool = false, expiresAt: Date? = nil) {
            self.code = code
            self.percentOff = percentOff
            self.amountOff = amountOff
            self.freeShipping = freeShipping
            self.expiresAt = expiresAt
        }
    }

    public struct Review: Hashable, Sendable {
        public var productTitle: String
        /// 1 to 5.
        public var rating: Int
        public var text: String
        public var author: String?

        public init(productTitle: String, rating: Int, text: String, author: String? = nil) {
            self.productTitle = productTitle
            self.rating = rating
            self.text = text
            self.author = author
        }
    }

    public struct Recommendation: Hashable, Sendable {
        public var title: String
        public var url: String
        public var imageURL: String?
        public var price: Money?

        public init(title: String, url: String, imageURL: String? = nil, price: Money? = nil) {
            self.title = title
            self.url = url
            self.imageURL = imageURL
            self.price = price
        }
    }

    /// Signed links for this message (see `LinkSigner`).
    public struct Links: Hashable, Sendable {
        public var restore: String?
        public var chat: String?
        public var unsubscribe: String?
        public var openPixel: String?

        public init(restore: String? = nil, chat: String? = nil, unsubscribe: String? = nil, openPixel: String? = nil) {
            self.restore = restore
            self.chat = chat
            self.unsubscribe = unsubscribe
            self.openPixel = openPixel
        }
    }

    public var shop: ShopBranding
    public var customer: Customer?
    public var cart: Cart?
    /// Keyed by `CartLine.itemKey`, falling back to the product id.
    public var products: [String: Product]
    public var discount: Discount?
    public var reviews: [Review]
    public var recommendations: [Recommendation]
    public var links: Links
    /// Shipping and total when the platform told us; otherwise the total is the cart's subtotal.
    public var shipping: Money?
    /// Time zone for dates such as the discount's expiry.
    public var timeZone: TimeZone
    /// Free-form extra values, available as `{{extra.name}}`.
    public var extra: [String: String]

    public init(
        shop: ShopBranding,
        customer: Customer? = nil,
        cart: Cart? = nil,
        products: [String: Product] = [:],
        discount: Discount? = nil,
        reviews: [Review] = [],
        recommendations: [Recommendation] = [],
        links: Links = Links(),
        shipping: Money? = nil,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        extra: [String: String] = [:]
    ) {
        self.shop = shop
        self.customer = customer
        self.cart = cart
        self.products = products
        self.discount = discount
        self.reviews = reviews
        self.recommendations = recommendations
        self.links = links
        self.shipping = shipping
        self.timeZone = timeZone
        self.extra = extra
    }
}
