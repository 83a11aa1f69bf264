/// A discount on the added line, as post-purchase offers give it ("add this for 15 % off").
public enum LineDiscount: Hashable, Sendable {
    /// Whole percent off the added line, 1...100.
    case percent(Int)
    /// A fixed amount off the added line, in minor units of the request's currency.
    case fixedAmount(Int64)
}

/// One product to add to an order the customer has already placed (a one-click offer on the thank-you page).
public struct OrderAddition: Hashable, Sendable {
    /// The platform's order id: Shopify's numeric id or `gid://shopify/Order/…`, WooCommerce's order id.
    public var orderID: String
    /// Shopify: the product variant (numeric or `gid://shopify/ProductVariant/…`). WooCommerce: the variation id,
    /// or `nil` for a simple product.
    public var variantID: String?
    /// WooCommerce needs the product id; Shopify ignores it.
    public var productID: String?
    public var quantity: Int
    public var discount: LineDiscount?
    /// Describes the discount to the customer and staff ("Thank-you offer").
    public var discountDescription: String
    /// ISO 4217 code of the order's currency (fixed discounts; WooCommerce line totals).
    public var currency: String
    /// Price of one unit in minor units; WooCommerce needs it to write a discounted line total.
    public var unitPrice: Int64?
    /// Shopify only: send the customer Shopify's order-edit email.
    public var notifyCustomer: Bool
    /// Shopify only: note on the edit for staff.
    public var staffNote: String?

    public init(
        orderID: String,
        variantID: String?,
        productID: String? = nil,
        quantity: Int = 1,
        discount: LineDiscount? = nil,
        discountDescription: String = "Thank-you offer",
        currency: String,
        unitPrice: Int64? = nil,
        notifyCustomer: Bool = false,
        staffNote: String? = nil
    ) {
        self.orderID = orderID
        self.variantID = variantID
        self.productID = productID
        self.quantity = quantity
        self.discount = discount
        self.discountDescription = discountDescription
        self.currency = currency
        self.unitPrice = unitPrice
        self.notifyCustomer = notifyCustomer
        self.staffNote = staffNote
    }

    func validate() throws {
        guard quantity > 0 else { throw PlatformError(.invalidRequest, "quantity must be positive, not \(quantity)") }
        switch discount {
        case .percent(let percent):
            guard (1...100).contains(percent) else { throw PlatformError(.invalidRequest, "percent must be 1...100, not \(percent)") }
        case .fixedAmount(let amount):
            guard amount > 0 else { throw PlatformError(.invalidRequest, "a fixed discount must be positive") }
        case nil:
            break
        }
    }
}

/// What the platform did.
public struct OrderEditResult: Hashable, Sendable {
    /// The order's id as the platform names it (`gid://shopify/Order/…` or the WooCommerce id).
    public var orderID: String
    /// The added line's id, when the platform said.
    public var lineItemID: String?
    /// What the customer still owes after the edit, as the platform's decimal string; `nil` when not reported.
    public var amountOutstanding: String?
    /// True when the platform did not collect payment for the addition: WooCommerce always; Shopify when an
    /// outstanding amount remains (Shopify then invoices the customer if `notifyCustomer`).
    public var paymentPending: Bool

    public init(orderID: String, lineItemID: String?, amountOutstanding: String?, paymentPending: Bool) {
        self.orderID = orderID
        self.lineItemID = lineItemID
        self.amountOutstanding = amountOutstanding
        self.paymentPending = paymentPending
    }
}

/// Adds a line to an existing order.
public protocol OrderEditPlatform: Sendable {
    func addToOrder(_ addition: OrderAddition) async throws -> OrderEditResult
}
