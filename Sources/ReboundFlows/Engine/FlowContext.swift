internal import Foundation
public import ReboundCore

/// What a run knows about its cart, customer and engagement; conditions are evaluated against it.
public struct FlowContext: Hashable, Sendable, Codable {
    public var cart: CartFacts?
    public var customer: CustomerFacts
    public var engagement: Engagement
    /// The trigger event's properties, read by `event.*` conditions.
    public var event: [String: JSONValue]

    public init(cart: CartFacts? = nil, customer: CustomerFacts, engagement: Engagement = .init(), event: [String: JSONValue] = [:]) {
        self.cart = cart
        self.customer = customer
        self.engagement = engagement
        self.event = event
    }

    /// Who experiments and frequency caps count: the customer id, else the cart's anonymous id, else the cart id.
    public var subjectKey: String {
        customer.customerID?.rawValue ?? cart?.anonymousID ?? cart?.cartID?.rawValue ?? "unknown"
    }
}

/// The cart a run is about.
public struct CartFacts: Hashable, Sendable, Codable {
    public var cartID: Cart.ID?
    public var anonymousID: String?
    /// Minor units of ``currency``.
    public var value: Int64
    public var currency: Currency
    public var itemCount: Int
    public var productIDs: [String]
    public var categories: [String]

    public init(
        cartID: Cart.ID?,
        anonymousID: String? = nil,
        value: Int64,
        currency: Currency,
        itemCount: Int = 0,
        productIDs: [String] = [],
        categories: [String] = []
    ) {
        self.cartID = cartID
        self.anonymousID = anonymousID
        self.value = value
        self.currency = currency
        self.itemCount = itemCount
        self.productIDs = productIDs
        self.categories = categories
    }

    /// Facts of `cart`; `categories` maps product ids to catalogue categories.
    public init(cart: Cart, categories: [String: String] = [:]) {
        let products = cart.lines.map(\.productID)
        self.init(
            cartID: cart.id,
            anonymousID: cart.anonymousID,
            value: cart.value,
            currency: cart.currency,
            itemCount: cart.itemCount,
            productIDs: products,
            categories: Array(Set(products.compactMap { categories[$0] })).sorted()
        )
    }
}

/// The person a run is about.
public struct CustomerFacts: Hashable, Sendable, Codable {
    public var customerID: Customer.ID?
    public var tags: [String]
    public var segments: [String]
    public var emailConsent: Bool
    public var smsConsent: Bool
    public var hasEmail: Bool
    public var hasPhone: Bool
    public var country: String?
    /// IANA name; the shop's zone is used when absent.
    public var timeZone: String?
    /// Customer lifetime value, minor units.
    public var clv: Int64?
    /// Lifetime margin, minor units.
    public var margin: Int64?
    public var lifetimeSpend: Int64
    public var orderCount: Int

    public init(
        customerID: Customer.ID? = nil,
        tags: [String] = [],
        segments: [String] = [],
        emailConsent: Bool = false,
        smsConsent: Bool = false,
        hasEmail: Bool = true,
        hasPhone: Bool = false,
        country: String? = nil,
        timeZone: String? = nil,
        clv: Int64? = nil,
        margin: Int64? = nil,
        lifetimeSpend: Int64 = 0,
        orderCount: Int = 0
    ) {
        self.customerID = customerID
        self.tags = tags
        self.segments = segments
        self.emailConsent = emailConsent
        self.smsConsent = smsConsent
        self.hasEmail = hasEmail
        self.hasPhone = hasPhone
        self.country = country
        self.timeZone = timeZone
        self.clv = clv
        self.margin = margin
        self.lifetimeSpend = lifetimeSpend
        self.orderCount = orderCount
    }

    /// Facts of `customer`; the figures that come from orders and segmentation are passed in.
    public init(customer: Customer, segments: [String] = [], clv: Int64? = nil, margin: Int64? = nil, lifetimeSpend: Int64 = 0, orderCount: Int = 0) {
        self.init(
            customerID: customer.id,
            tags: customer.tags,
            segments: segments,
            emailConsent: customer.emailConsent?.granted ?? false,
            smsConsent: customer.smsConsent?.granted ?? false,
            hasEmail: customer.email != nil,
            hasPhone: customer.phone != nil,
            country: customer.country,
            timeZone: customer.timeZone,
            clv: clv,
            margin: margin,
            lifetimeSpend: lifetimeSpend,
            orderCount: orderCount
        )
    }

    /// Whether the person may get marketing on `channel`; on-site messages need no consent.
    public func mayReceive(_ channel: MessageChannel) -> Bool {
        switch channel {
        case .email: emailConsent && hasEmail
        case .sms: smsConsent && hasPhone
        case .onSite: true
        }
    }
}

/// Which of a run's messages were opened or clicked, by step id.
public struct Engagement: Hashable, Sendable, Codable {
    public var opened: Set<String>
    public var clicked: Set<String>

    public init(opened: Set<String> = [], clicked: Set<String> = []) {
        self.opened = opened
        self.clicked = clicked
    }
}
