public import Foundation

/// One line of an order as a shop exports it, before any cleaning.
public struct OrderLine: Sendable, Hashable {
    /// The order (invoice) this line belongs to.
    public var orderID: Basket.ID
    /// The external product id (SKU, stock code).
    public var productCode: String
    public var quantity: Int
    /// Unit price in minor units, when known.
    public var unitPrice: Int?
    public var date: Date
    public var customer: Customer.ID?

    public init(orderID: Basket.ID, productCode: String, quantity: Int, unitPrice: Int? = nil, date: Date, customer: Customer.ID? = nil) {
        self.orderID = orderID
        self.productCode = productCode
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.date = date
        self.customer = customer
    }
}
