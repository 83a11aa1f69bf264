public import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Creates single-use coupons through the WooCommerce REST API v3: `POST /wp-json/wc/v3/coupons` with HTTP basic
/// auth, following "Create a coupon" and the coupon properties table
/// (https://woocommerce.github.io/woocommerce-rest-api-docs/#create-a-coupon).
///
/// Every coupon is `individual_use: true` (never stacked), `usage_limit: 1` and `usage_limit_per_user: 1`.
/// Free shipping is a `fixed_cart` coupon of amount `0` with `free_shipping: true`; it only takes effect where the
/// store's free-shipping method is set to require a coupon, as the property's description says.
public struct WooCommerceDiscountPlatform: DiscountPlatform {
    public typealias Configuration = WooCommerceConfiguration

    public let configuration: Configuration
    let http: PlatformHTTP

    public init(configuration: Configuration, httpClient: HTTPClient = .shared, retry: RetryPolicy = .none) {
        self.configuration = configuration
        self.http = PlatformHTTP(client: httpClient, timeout: configuration.timeout, retry: retry, service: "WooCommerce")
    }

    /// Creates the coupon. When WooCommerce says the code already exists (a retried step), the existing coupon is
    /// returned.
    public func createCode(_ request: DiscountCodeRequest) async throws -> IssuedDiscountCode {
        try configuration.validate()
        try request.validate()
        let response = try await http.send(
            .POST,
            configuration.url("coupons"),
            headers: configuration.headers,
            json: try PlatformHTTP.encode(CouponDTO(request))
        )
        if response.status == 201 || response.status == 200 {
            let created = try response.decode(CouponDTO.self, service: "WooCommerce")
            guard let id = created.id else { throw PlatformError(.protocolError, "WooCommerce created a coupon without an id") }
            // WooCommerce stores codes lower-cased and matches them case-insensitively; keep the code as we made it.
            return IssuedDiscountCode(code: request.code, platformCodeID: String(id))
        }
        if WooCommerceErrors.code(response) == "woocommerce_rest_coupon_code_already_exists", let existing = try await lookup(code: request.code) {
            return IssuedDiscountCode(code: request.code, platformCodeID: existing.platformCodeID)
        }
        throw WooCommerceErrors.error(response)
    }

    /// `usage_count` of `GET /wp-json/wc/v3/coupons/{id}`.
    public func redemptions(of code: IssuedDiscountCode) async throws -> Int? {
        try configuration.validate()
        let response = try await http.send(
            .GET,
            configuration.url("coupons/\(PlatformHTTP.escape(code.platformCodeID))"),
            headers: configuration.headers
        )
        guard response.isSuccess else { throw WooCommerceErrors.error(response) }
        return try response.decode(CouponDTO.self, service: "WooCommerce").usage_count
    }

    /// `GET /wp-json/wc/v3/coupons?code=…` ("Limit result set to resources with a specific code").
    public func lookup(code: String) async throws -> IssuedDiscountCode? {
        try configuration.validate()
        let response = try await http.send(.GET, configuration.url("coupons?code=\(PlatformHTTP.escape(code))"), headers: configuration.headers)
        guard response.isSuccess else { throw WooCommerceErrors.error(response) }
        let coupons = try response.decode([CouponDTO].self, service: "WooCommerce")
        guard let match = coupons.first(where: { $0.code.caseInsensitiveCompare(code) == .orderedSame }), let id = match.id else { return nil }
        return IssuedDiscountCode(code: match.code, platformCodeID: String(id))
    }
}

/// The coupon properties we write and read (https://woocommerce.github.io/woocommerce-rest-api-docs/#coupon-properties).
struct CouponDTO: Codable {
    var id: Int64?
    var code: String
    var discount_type: String?
    /// "The amount of discount. Should always be numeric, even if setting a percentage." Sent as a string.
    var amount: String?
    var description: String?
    /// Sent as RFC 3339 with `Z`: `WC_Data::set_date_prop` reads a trailing `Z` or `±hh:mm` as the offset (other
    /// strings are taken in the site's time zone), so the expiry does not depend on the site's settings.
    var date_expires: String?
    var individual_use: Bool?
    var usage_limit: Int?
    var usage_limit_per_user: Int?
    var free_shipping: Bool?
    var minimum_amount: String?
    var email_restrictions: [String]?
    var usage_count: Int?

    init(_ request: DiscountCodeRequest) {
        code = request.code
        description = "Rebound \(request.ruleID)"
        date_expires = request.expiresAt.map(ISO8601.string)
        individual_use = true
        usage_limit = 1
        usage_limit_per_user = 1
        minimum_amount = request.minimumSubtotal.map { DecimalAmount.format(minorUnits: $0, currency: request.currency) }
        email_restrictions = request.customerEmail.map { [$0] }
        switch request.value {
        case .percent(let percent):
            discount_type = "percent"
            amount = String(percent)
            free_shipping = false
        case .fixedAmount(let minor):
            discount_type = "fixed_cart"
            amount = DecimalAmount.format(minorUnits: minor, currency: request.currency)
            free_shipping = false
        case .freeShipping:
            discount_type = "fixed_cart"
            amount = "0"
            free_shipping = true
        }
    }
}
