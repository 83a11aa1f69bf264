public import Foundation

/// What a single-use code takes off.
public enum DiscountValue: Hashable, Sendable {
    /// Whole percent off the line items, 1...100.
    case percent(Int)
    /// A fixed amount off the order, in minor units of the request's currency.
    case fixedAmount(Int64)
    case freeShipping
}

/// One unique, single-use code to create on a shop platform.
///
/// Every code is created with usage limit 1, once per customer, never stackable with other codes where the platform
/// can say so, and valid from `startsAt` until `expiresAt`.
public struct DiscountCodeRequest: Hashable, Sendable {
    /// The code the customer types (from `ReboundFlows.DiscountCodeGenerator`). Imported lists ignore it and hand
    /// out their next code: use the code in the returned ``IssuedDiscountCode``.
    public var code: String
    /// The Rebound discount rule the code belongs to; named in titles and descriptions.
    public var ruleID: String
    public var value: DiscountValue
    /// ISO 4217 code of the shop's currency; needed for fixed amounts and the minimum subtotal.
    public var currency: String
    /// Smallest cart subtotal, in minor units, the code applies to.
    public var minimumSubtotal: Int64?
    public var startsAt: Date
    public var expiresAt: Date?
    /// Restricts the code to this customer where the platform supports it (WooCommerce `email_restrictions`).
    public var customerEmail: String?

    public init(
        code: String,
        ruleID: String,
        value: DiscountValue,
        currency: String,
        minimumSubtotal: Int64? = nil,
        startsAt: Date,
        expiresAt: Date? = nil,
        customerEmail: String? = nil
    ) {
        self.code = code
        self.ruleID = ruleID
        self.value = value
        self.currency = currency
        self.minimumSubtotal = minimumSubtotal
        self.startsAt = startsAt
        self.expiresAt = expiresAt
        self.customerEmail = customerEmail
    }

    /// Checks what every platform needs; adapters call it before any request.
    func validate() throws {
        guard !code.trimmingCharacters(in: .whitespaces).isEmpty else { throw PlatformError(.invalidRequest, "the discount code is empty") }
        switch value {
        case .percent(let percent):
            guard (1...100).contains(percent) else { throw PlatformError(.invalidRequest, "percent must be 1...100, not \(percent)") }
        case .fixedAmount(let amount):
            guard amount > 0 else { throw PlatformError(.invalidRequest, "a fixed discount must be positive, not \(amount)") }
        case .freeShipping:
            break
        }
        if let minimumSubtotal, minimumSubtotal < 0 {
            throw PlatformError(.invalidRequest, "the minimum subtotal must not be negative")
        }
        if let expiresAt, expiresAt <= startsAt {
            throw PlatformError(.invalidRequest, "the code must expire after it starts")
        }
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw PlatformError(.invalidRequest, "not an ISO 4217 currency: \(currency)")
        }
    }
}

/// A code that exists on the platform.
public struct IssuedDiscountCode: Hashable, Sendable, Codable {
    /// The code to show the customer.
    public var code: String
    /// The platform's id of the code: Shopify discount code id, WooCommerce coupon id, or the list position.
    public var platformCodeID: String
    /// Shopify's price rule id; `nil` elsewhere.
    public var platformRuleID: String?

    public init(code: String, platformCodeID: String, platformRuleID: String? = nil) {
        self.code = code
        self.platformCodeID = platformCodeID
        self.platformRuleID = platformRuleID
    }
}

/// Creates single-use discount codes on the shop's platform and reads back how often they were used.
///
/// ```swift
/// let platform: any DiscountPlatform = ShopifyDiscountPlatform(configuration: .init(shopURL: "https://shop.myshopify.com", accessToken: token))
/// let issued = try await platform.createCode(DiscountCodeRequest(code: "RB-7KQ4-MX2P", ruleID: "cart-48h", value: .percent(10),
///                                                                currency: "EUR", startsAt: now, expiresAt: now + 48 * 3600))
/// ```
public protocol DiscountPlatform: Sendable {
    /// Creates the code. Creating a code that already exists with this adapter's settings returns the existing one,
    /// so a retried step does not fail.
    func createCode(_ request: DiscountCodeRequest) async throws -> IssuedDiscountCode

    /// How many times the code was redeemed; `nil` when the platform cannot tell.
    func redemptions(of code: IssuedDiscountCode) async throws -> Int?

    /// Finds a code by its text; `nil` when the platform has no such code.
    func lookup(code: String) async throws -> IssuedDiscountCode?
}
