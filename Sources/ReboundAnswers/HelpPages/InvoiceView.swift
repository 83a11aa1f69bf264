public import Foundation

/// Who issues the invoice.
public struct SellerDetails: Sendable, Hashable, Codable {
    public var name: String
    public var addressLines: [String]
    public var vatID: String?
    public var email: String?

    public init(name: String, addressLines: [String], vatID: String? = nil, email: String? = nil) {
        self.name = name
        self.addressLines = addressLines
        self.vatID = vatID
        self.email = email
    }
}

/// A printable invoice for a verified order.
public struct InvoiceView: Sendable, Hashable {
    public var shop: ShopProfile
    public var locale: String
    public var paths: HelpPaths
    public var seller: SellerDetails
    public var invoiceNumber: String
    public var issuedAt: Date
    public var order: OrderRecord

    public init(shop: ShopProfile, locale: String, paths: HelpPaths, seller: SellerDetails, invoiceNumber: String, issuedAt: Date, order: OrderRecord)
    {
        self.shop = shop
        self.locale = locale
        self.paths = paths
        self.seller = seller
        self.invoiceNumber = invoiceNumber
        self.issuedAt = issuedAt
        self.order = order
    }
}
