public import Foundation

/// A placed order. Its lines and totals are what the shop charged.
public struct Order: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Order>

    public var id: ID
    /// The platform's order id (Shopify, WooCommerce) or the imported invoice number.
    public var externalID: String
    public var number: String?
    public var customerID: Customer.ID?
    public var email: String?
    public var lines: [OrderLine]
    public var subtotal: Money
    public var total: Money
    public var discountCodes: [String]
    /// Where it came from: `shopify`, `woocommerce`, `api`, `import`.
    public var source: String
    public var cartToken: String?
    public var checkoutToken: String?
    public var financialStatus: String?
    public var fulfillmentStatus: String?
    public var cancelledAt: Date?
    public var refundedTotal: Int64
    public var placedAt: Date

    public init(
        id: ID,
        externalID: String,
        number: String? = nil,
        customerID: Customer.ID? = nil,
        email: String? = nil,
        lines: [OrderLine],
        subtotal: Money,
        total: Money,
        discountCodes: [String] = [],
        source: String,
        cartToken: String? = nil,
        checkoutToken: String? = nil,
        financialStatus: String? = nil,
        fulfillmentStatus: String? = nil,
        cancelledAt: Date? = nil,
        refundedTotal: Int64 = 0,
        placedAt: Date
    ) {
        self.id = id
        self.externalID = externalID
        self.number = number
        self.customerID = customerID
        self.email = email
        self.lines = lines
        self.subtotal = subtotal
        self.total = total
        self.discountCodes = discountCodes
        self.source = source
        self.cartToken = cartToken
        self.checkoutToken = checkoutToken
        self.financialStatus = financialStatus
        self.fulfillmentStatus = fulfillmentStatus
        self.cancelledAt = cancelledAt
        self.refundedTotal = refundedTotal
        self.placedAt = placedAt
    }
}

public struct OrderLine: Hashable, Sendable, Codable {
    public var productID: String?
    public var variantID: String?
    public var title: String
    public var quantity: Int
    /// Unit price in minor units of the order's currency.
    public var price: Int64

    public init(productID: String?, variantID: String?, title: String, quantity: Int, price: Int64) {
        self.productID = productID
        self.variantID = variantID
        self.title = title
        self.quantity = quantity
        self.price = price
    }
}
