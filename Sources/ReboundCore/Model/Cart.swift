public import Foundation

/// A shopper's cart or checkout, as Rebound last saw it.
///
/// States move `active → abandoned → converted / recovered / expired`; activity on an abandoned cart
/// makes it active again and starts a new *episode*, so that each episode is detected at most once.
public struct Cart: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Cart>

    public enum Kind: String, Hashable, Sendable, Codable {
        case cart
        case checkout
    }

    public enum State: String, Hashable, Sendable, Codable, CaseIterable {
        case active
        case abandoned
        case converted
        case recovered
        case expired

        public var isClosed: Bool { self == .converted || self == .recovered || self == .expired }
    }

    public var id: ID
    /// The storefront's or platform's token for this cart (Shopify `cart_token`, a checkout `token`, …).
    public var token: String
    /// The platform's checkout token once the shopper reached the checkout.
    public var checkoutToken: String?
    public var kind: Kind
    public var state: State
    public var customerID: Customer.ID?
    public var anonymousID: String?
    public var lines: [CartLine]
    public var currency: Currency
    public var restoreURL: String?
    public var device: String?
    /// Whether the shopper typed an email or phone into this checkout (or is otherwise known).
    public var hasContact: Bool
    public var episode: Int
    public var createdAt: Date
    public var updatedAt: Date
    public var lastActivityAt: Date
    public var abandonedAt: Date?
    public var convertedAt: Date?
    public var recoveredAt: Date?
    public var expiredAt: Date?
    public var orderID: Order.ID?

    public init(
        id: ID,
        token: String,
        checkoutToken: String? = nil,
        kind: Kind = .cart,
        state: State = .active,
        customerID: Customer.ID? = nil,
        anonymousID: String? = nil,
        lines: [CartLine] = [],
        currency: Currency,
        restoreURL: String? = nil,
        device: String? = nil,
        hasContact: Bool = false,
        episode: Int = 1,
        createdAt: Date,
        updatedAt: Date? = nil,
        lastActivityAt: Date? = nil,
        abandonedAt: Date? = nil,
        convertedAt: Date? = nil,
        recoveredAt: Date? = nil,
        expiredAt: Date? = nil,
        orderID: Order.ID? = nil
    ) {
        self.id = id
        self.token = token
        self.checkoutToken = checkoutToken
        self.kind = kind
        self.state = state
        self.customerID = customerID
        self.anonymousID = anonymousID
        self.lines = lines
        self.currency = currency
        self.restoreURL = restoreURL
        self.device = device
        self.hasContact = hasContact
        self.episode = episode
        self.createdAt = createdAt
        self.updatedAt = updatedAt ?? createdAt
        self.lastActivityAt = lastActivityAt ?? createdAt
        self.abandonedAt = abandonedAt
        self.convertedAt = convertedAt
        self.recoveredAt = recoveredAt
        self.expiredAt = expiredAt
        self.orderID = orderID
    }

    /// Sum of line prices times quantities, in minor units.
    public var value: Int64 { lines.reduce(0) { $0 + $1.price * Int64($1.quantity) } }
    public var itemCount: Int { lines.reduce(0) { $0 + $1.quantity } }
    public var isEmpty: Bool { itemCount == 0 }
}

/// One product line of a cart.
public struct CartLine: Hashable, Sendable, Codable {
    public var productID: String
    public var variantID: String?
    public var title: String?
    public var quantity: Int
    /// Unit price in minor units of the cart's currency.
    public var price: Int64

    public init(productID: String, variantID: String? = nil, title: String? = nil, quantity: Int, price: Int64) {
        self.productID = productID
        self.variantID = variantID
        self.title = title
        self.quantity = quantity
        self.price = price
    }

    /// Lines are the same item when product and variant match.
    public var itemKey: String { productID + "/" + (variantID ?? "") }
}
