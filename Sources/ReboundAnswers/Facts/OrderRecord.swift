public import Foundation

/// An order as the bot and the self-service portal show it to the shopper who placed it.
public struct OrderRecord: Sendable, Hashable, Codable {
    /// Where the order is in fulfilment.
    public enum Status: String, Sendable, Hashable, Codable {
        case unfulfilled
        case partiallyFulfilled
        case fulfilled
        case delivered
        case cancelled
    }

    /// The number the shopper knows, such as `#9999` or `727`.
    public var number: String
    public var email: String
    public var customerName: String?
    public var placedAt: Date
    public var status: Status
    public var shipments: [Shipment]
    public var lines: [OrderLineItem]
    public var subtotal: MoneyAmount
    public var shipping: MoneyAmount
    public var tax: MoneyAmount
    public var discount: MoneyAmount?
    public var total: MoneyAmount
    /// Whether `tax` is included in the line prices (VAT) or added on top (US sales tax).
    public var taxesIncluded: Bool
    public var shippingAddress: PostalAddress?
    public var billingAddress: PostalAddress?
    /// The platform's own status page, if it has one.
    public var statusURL: String?

    public init(
        number: String,
        email: String,
        customerName: String? = nil,
        placedAt: Date,
        status: Status,
        shipments: [Shipment] = [],
        lines: [OrderLineItem],
        subtotal: MoneyAmount,
        shipping: MoneyAmount,
        tax: MoneyAmount,
        discount: MoneyAmount? = nil,
        total: MoneyAmount,
        taxesIncluded: Bool = false,
        shippingAddress: PostalAddress? = nil,
        billingAddress: PostalAddress? = nil,
        statusURL: String? = nil
    ) {
        self.number = number
        self.email = email
        self.customerName = customerName
        self.placedAt = placedAt
        self.status = status
        self.shipments = shipments
        self.lines = lines
        self.subtotal = subtotal
        self.shipping = shipping
        self.tax = tax
        self.discount = discount
        self.total = total
        self.taxesIncluded = taxesIncluded
        self.shippingAddress = shippingAddress
        self.billingAddress = billingAddress
        self.statusURL = statusURL
    }

    /// When the last shipment was delivered, if all were.
    public var deliveredAt: Date? {
        guard !shipments.isEmpty, shipments.allSatisfy({ $0.deliveredAt != nil }) else { return nil }
        return shipments.compactMap(\.deliveredAt).max()
    }

    /// Where an order answer came from: the order itself, linked to its status page.
    public var source: AnswerSource { AnswerSource(kind: .order, title: "Order \(number)", url: statusURL) }
}

/// A parcel on its way, with its tracking link.
public struct Shipment: Sendable, Hashable, Codable {
    public var carrier: String?
    public var trackingNumber: String?
    public var trackingURL: String?
    public var shippedAt: Date?
    public var deliveredAt: Date?

    public init(carrier: String? = nil, trackingNumber: String? = nil, trackingURL: String? = nil, shippedAt: Date? = nil, deliveredAt: Date? = nil) {
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.trackingURL = trackingURL
        self.shippedAt = shippedAt
        self.deliveredAt = deliveredAt
    }
}

/// One line of an order.
public struct OrderLineItem: Sendable, Hashable, Codable, Identifiable {
    public var id: String
    public var productID: String?
    public var title: String
    public var variantTitle: String?
    public var sku: String?
    public var quantity: Int
    public var unitPrice: MoneyAmount
    public var isOnSale: Bool
    public var isFinalSale: Bool
    public var tags: [String]

    public init(
        id: String,
        productID: String? = nil,
        title: String,
        variantTitle: String? = nil,
        sku: String? = nil,
        quantity: Int,
        unitPrice: MoneyAmount,
        isOnSale: Bool = false,
        isFinalSale: Bool = false,
        tags: [String] = []
    ) {
        self.id = id
        self.productID = productID
        self.title = title
        self.variantTitle = variantTitle
        self.sku = sku
        self.quantity = quantity
        self.unitPrice = unitPrice
        self.isOnSale = isOnSale
        self.isFinalSale = isFinalSale
        self.tags = tags
    }

    /// `unitPrice × quantity`.
    public var lineTotal: MoneyAmount { MoneyAmount(minorUnits: unitPrice.minorUnits * Int64(quantity), currency: unitPrice.currency) }
}

/// A postal address as printed on an invoice.
public struct PostalAddress: Sendable, Hashable, Codable {
    public var name: String?
    public var company: String?
    public var lines: [String]
    public var postalCode: String?
    public var city: String?
    public var region: String?
    /// ISO 3166-1 alpha-2.
    public var country: String?

    public init(
        name: String? = nil,
        company: String? = nil,
        lines: [String],
        postalCode: String? = nil,
        city: String? = nil,
        region: String? = nil,
        country: String? = nil
    ) {
        self.name = name
        self.company = company
        self.lines = lines
        self.postalCode = postalCode
        self.city = city
        self.region = region
        self.country = country
    }

    /// The lines to print, top to bottom.
    public var printedLines: [String] {
        var out: [String] = []
        if let name, !name.isEmpty { out.append(name) }
        if let company, !company.isEmpty { out.append(company) }
        out += lines.filter { !$0.isEmpty }
        let cityLine = [postalCode, city, region].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        if !cityLine.isEmpty { out.append(cityLine) }
        if let country, !country.isEmpty { out.append(country) }
        return out
    }
}
