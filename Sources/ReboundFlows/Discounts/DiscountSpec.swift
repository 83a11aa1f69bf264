/// What a discount gives and on which terms; used inline in an `issue_discount` step and as a shop's rule.
///
/// JSON: `{"kind": "percent", "value": 10, "minimum_cart": 5000, "expires_in": "48h", "once_per_customer": true}`.
/// `value` is a whole percent for `percent`, minor units for `fixed`, and absent for `free_shipping`.
public struct DiscountSpec: Hashable, Sendable, Codable {
    public var kind: DiscountKind
    public var value: Int64?
    /// Smallest cart subtotal, minor units, the code applies to.
    public var minimumCart: Int64?
    /// How long an issued code is valid, in the duration grammar (`48h`); no expiry when absent.
    public var expiresIn: String?
    /// A customer may redeem codes of this rule once; defaults to true.
    public var oncePerCustomer: Bool?

    public init(kind: DiscountKind, value: Int64? = nil, minimumCart: Int64? = nil, expiresIn: String? = nil, oncePerCustomer: Bool? = nil) {
        self.kind = kind
        self.value = value
        self.minimumCart = minimumCart
        self.expiresIn = expiresIn
        self.oncePerCustomer = oncePerCustomer
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kind, value
        case minimumCart = "minimum_cart"
        case expiresIn = "expires_in"
        case oncePerCustomer = "once_per_customer"
    }

    public static func percent(_ value: Int64, expiresIn: String? = nil) -> DiscountSpec {
        DiscountSpec(kind: .percent, value: value, expiresIn: expiresIn)
    }

    public static func freeShipping(expiresIn: String? = nil) -> DiscountSpec {
        DiscountSpec(kind: .freeShipping, expiresIn: expiresIn)
    }

    /// The parsed `expires_in`, if valid.
    public var validity: FlowDuration? {
        guard let expiresIn, case .success(let duration) = FlowDuration.parse(expiresIn) else { return nil }
        return duration
    }
}

/// What kind of reduction a discount is.
public enum DiscountKind: String, Hashable, Sendable, Codable, CaseIterable {
    case percent
    case fixed
    case freeShipping = "free_shipping"
}

/// A shop's limits on discounts, checked when a flow is saved and when a code is redeemed.
public struct DiscountPolicy: Hashable, Sendable {
    /// Largest percent discount a flow may give.
    public var maxPercent: Int64
    /// Largest fixed discount, minor units; `nil` for no limit.
    public var maxFixed: Int64?
    public var allowFreeShipping: Bool
    /// The shop's named discount rules, which `issue_discount` steps may reference with `rule`.
    public var rules: [String: DiscountSpec]

    public init(maxPercent: Int64 = 30, maxFixed: Int64? = nil, allowFreeShipping: Bool = true, rules: [String: DiscountSpec] = [:]) {
        self.maxPercent = maxPercent
        self.maxFixed = maxFixed
        self.allowFreeShipping = allowFreeShipping
        self.rules = rules
    }
}
