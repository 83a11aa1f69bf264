public import Foundation

/// A shop served by this Rebound. Every other row belongs to exactly one shop.
public struct Shop: Hashable, Sendable, Codable {
    public typealias ID = Identifier<Shop>

    public var id: ID
    public var name: String
    public var currency: Currency
    /// IANA time zone name, e.g. `Europe/Berlin`.
    public var timeZone: String
    public var settings: ShopSettings
    /// The key the storefront script sends; not a secret.
    public var publicKey: String
    public var createdAt: Date

    public init(id: ID, name: String, currency: Currency, timeZone: String, settings: ShopSettings, publicKey: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.currency = currency
        self.timeZone = timeZone
        self.settings = settings
        self.publicKey = publicKey
        self.createdAt = createdAt
    }
}

/// Per-shop settings a shop changes with `PATCH /v1/settings`.
public struct ShopSettings: Hashable, Sendable, Codable {
    /// A cart with items and no activity for this long is abandoned.
    public var cartAbandonAfterSeconds: Int
    /// A checkout with contact details and no order for this long is abandoned.
    public var checkoutAbandonAfterSeconds: Int
    /// A known shopper who viewed products and made no cart for this long abandoned browsing.
    public var browseAbandonAfterSeconds: Int
    /// An abandoned cart with no activity for this long expires.
    public var cartExpireAfterSeconds: Int
    /// Origins allowed to call `/v1/track` from a browser; empty allows any.
    public var allowedOrigins: [String]
    /// Attribution window for recovered revenue.
    public var attributionWindowSeconds: Int
    /// Carts worth at least this (minor units) count as VIP carts.
    public var vipCartThreshold: Int64
    /// Free-shipping threshold in minor units, if the shop offers free shipping.
    public var freeShippingThreshold: Int64?
    /// Email a CSAT survey (1–5) after an agent resolves an email conversation, or a chat nobody rated in the chat.
    public var csatByEmail: Bool
    /// Email an NPS survey (0–10) this many days after an order is fulfilled; 0 sends none.
    public var npsAfterDays: Int
    /// First-response targets per channel in seconds, over the defaults of `ServiceLevels` (`{"chat": 60}`).
    public var slaFirstResponseSeconds: [String: Int]
    /// Resolution targets per channel in seconds, over the defaults.
    public var slaResolutionSeconds: [String: Int]

    /// The shop's SLA targets: the defaults with the shop's own on top.
    public var serviceLevels: ServiceLevels {
        var levels = ServiceLevels()
        for (channel, seconds) in slaFirstResponseSeconds { levels.firstResponse[channel] = TimeInterval(seconds) }
        for (channel, seconds) in slaResolutionSeconds { levels.resolution[channel] = TimeInterval(seconds) }
        return levels
    }

    public init(
        cartAbandonAfterSeconds: Int = 3600,
        checkoutAbandonAfterSeconds: Int = 3600,
        browseAbandonAfterSeconds: Int = 3600,
        cartExpireAfterSeconds: Int = 30 * 86400,
        allowedOrigins: [String] = [],
        attributionWindowSeconds: Int = 5 * 86400,
        vipCartThreshold: Int64 = 50_000,
        freeShippingThreshold: Int64? = nil,
        csatByEmail: Bool = true,
        npsAfterDays: Int = 14,
        slaFirstResponseSeconds: [String: Int] = [:],
        slaResolutionSeconds: [String: Int] = [:]
    ) {
        self.cartAbandonAfterSeconds = cartAbandonAfterSeconds
        self.checkoutAbandonAfterSeconds = checkoutAbandonAfterSeconds
        self.browseAbandonAfterSeconds = browseAbandonAfterSeconds
        self.cartExpireAfterSeconds = cartExpireAfterSeconds
        self.allowedOrigins = allowedOrigins
        self.attributionWindowSeconds = attributionWindowSeconds
        self.vipCartThreshold = vipCartThreshold
        self.freeShippingThreshold = freeShippingThreshold
        self.csatByEmail = csatByEmail
        self.npsAfterDays = npsAfterDays
        self.slaFirstResponseSeconds = slaFirstResponseSeconds
        self.slaResolutionSeconds = slaResolutionSeconds
    }

    enum CodingKeys: String, CodingKey {
        case cartAbandonAfterSeconds = "cart_abandon_after_seconds"
        case checkoutAbandonAfterSeconds = "checkout_abandon_after_seconds"
        case browseAbandonAfterSeconds = "browse_abandon_after_seconds"
        case cartExpireAfterSeconds = "cart_expire_after_seconds"
        case allowedOrigins = "allowed_origins"
        case attributionWindowSeconds = "attribution_window_seconds"
        case vipCartThreshold = "vip_cart_threshold"
        case freeShippingThreshold = "free_shipping_threshold"
        case csatByEmail = "csat_by_email"
        case npsAfterDays = "nps_after_days"
        case slaFirstResponseSeconds = "sla_first_response_seconds"
        case slaResolutionSeconds = "sla_resolution_seconds"
    }

    public init(from decoder: any Decoder) throws {
        let defaults = ShopSettings()
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cartAbandonAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .cartAbandonAfterSeconds) ?? defaults.cartAbandonAfterSeconds
        checkoutAbandonAfterSeconds =
            try c.decodeIfPresent(Int.self, forKey: .checkoutAbandonAfterSeconds) ?? defaults.checkoutAbandonAfterSeconds
        browseAbandonAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .browseAbandonAfterSeconds) ?? defaults.browseAbandonAfterSeconds
        cartExpireAfterSeconds = try c.decodeIfPresent(Int.self, forKey: .cartExpireAfterSeconds) ?? defaults.cartExpireAfterSeconds
        allowedOrigins = try c.decodeIfPresent([String].self, forKey: .allowedOrigins) ?? defaults.allowedOrigins
        attributionWindowSeconds = try c.decodeIfPresent(Int.self, forKey: .attributionWindowSeconds) ?? defaults.attributionWindowSeconds
        vipCartThreshold = try c.decodeIfPresent(Int64.self, forKey: .vipCartThreshold) ?? defaults.vipCartThreshold
        freeShippingThreshold = try c.decodeIfPresent(Int64.self, forKey: .freeShippingThreshold)
        csatByEmail = try c.decodeIfPresent(Bool.self, forKey: .csatByEmail) ?? defaults.csatByEmail
        npsAfterDays = try c.decodeIfPresent(Int.self, forKey: .npsAfterDays) ?? defaults.npsAfterDays
        slaFirstResponseSeconds = try c.decodeIfPresent([String: Int].self, forKey: .slaFirstResponseSeconds) ?? [:]
        slaResolutionSeconds = try c.decodeIfPresent([String: Int].self, forKey: .slaResolutionSeconds) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cartAbandonAfterSeconds, forKey: .cartAbandonAfterSeconds)
        try c.encode(checkoutAbandonAfterSeconds, forKey: .checkoutAbandonAfterSeconds)
        try c.encode(browseAbandonAfterSeconds, forKey: .browseAbandonAfterSeconds)
        try c.encode(cartExpireAfterSeconds, forKey: .cartExpireAfterSeconds)
        try c.encode(allowedOrigins, forKey: .allowedOrigins)
        try c.encode(attributionWindowSeconds, forKey: .attributionWindowSeconds)
        try c.encode(vipCartThreshold, forKey: .vipCartThreshold)
        // Written as null rather than left out, so clients see every setting.
        try c.encode(freeShippingThreshold, forKey: .freeShippingThreshold)
        try c.encode(csatByEmail, forKey: .csatByEmail)
        try c.encode(npsAfterDays, forKey: .npsAfterDays)
        try c.encode(slaFirstResponseSeconds, forKey: .slaFirstResponseSeconds)
        try c.encode(slaResolutionSeconds, forKey: .slaResolutionSeconds)
    }

    /// Checks ranges; returns the offending field and why.
    public func validate() -> [(field: String, reason: String)] {
        var problems: [(String, String)] = []
        func positive(_ value: Int, _ field: String, max: Int = 365 * 86400) {
            if value < 1 || value > max { problems.append((field, "must be between 1 and \(max) seconds")) }
        }
        positive(cartAbandonAfterSeconds, "cart_abandon_after_seconds")
        positive(checkoutAbandonAfterSeconds, "checkout_abandon_after_seconds")
        positive(browseAbandonAfterSeconds, "browse_abandon_after_seconds")
        positive(cartExpireAfterSeconds, "cart_expire_after_seconds", max: 10 * 365 * 86400)
        positive(attributionWindowSeconds, "attribution_window_seconds")
        if vipCartThreshold < 0 { problems.append(("vip_cart_threshold", "must not be negative")) }
        if let free = freeShippingThreshold, free < 0 { problems.append(("free_shipping_threshold", "must not be negative")) }
        if npsAfterDays < 0 || npsAfterDays > 365 { problems.append(("nps_after_days", "must be between 0 (off) and 365 days")) }
        for (field, targets) in [("sla_first_response_seconds", slaFirstResponseSeconds), ("sla_resolution_seconds", slaResolutionSeconds)] {
            for (channel, seconds) in targets.sorted(by: { $0.key < $1.key }) {
                if !ServiceLevels.channels.contains(channel) {
                    problems.append(("\(field).\(channel)", "is not a channel; known: " + ServiceLevels.channels.joined(separator: ", ")))
                } else if seconds < 60 || seconds > 30 * 86400 {
                    problems.append(("\(field).\(channel)", "must be between 60 and \(30 * 86400) seconds"))
                }
            }
        }
        return problems
    }
}
