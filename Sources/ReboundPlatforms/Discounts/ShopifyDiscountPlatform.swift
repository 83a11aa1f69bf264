public import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Creates single-use codes through the Shopify REST Admin API: one price rule per code
/// (`POST /admin/api/2024-10/price_rules.json`) and then its code
/// (`POST /admin/api/2024-10/price_rules/{id}/discount_codes.json`), with `X-Shopify-Access-Token`.
///
/// One price rule per code because the rule carries `usage_limit: 1`, and because Shopify asks for the rule's
/// `title` to equal its code "for a consistent search experience"
/// (https://shopify.dev/docs/api/admin-rest/2024-10/resources/pricerule, `title`).
/// Bodies follow the reference's own examples: "SUMMERSALE10OFF" (fixed amount, `allocation_method: across`),
/// "15OFFCOLLECTION" (percentage) and "FREESHIPPING" (`target_type: shipping_line`, `allocation_method: each`,
/// `value_type: percentage`, `value: -100.0`, `prerequisite_subtotal_range.greater_than_or_equal_to`). Values are
/// negative decimal strings, as documented ("The value must be negative").
public struct ShopifyDiscountPlatform: DiscountPlatform {
    public typealias Configuration = ShopifyConfiguration

    public let configuration: Configuration
    let http: PlatformHTTP

    public init(configuration: Configuration, httpClient: HTTPClient = .shared, retry: RetryPolicy = .none) {
        self.configuration = configuration
        self.http = PlatformHTTP(client: httpClient, timeout: configuration.timeout, retry: retry, service: "Shopify")
    }

    /// Creates the price rule, then the code. If the code is already taken (a retried step), the new price rule is
    /// deleted again and the existing code is returned.
    public func createCode(_ request: DiscountCodeRequest) async throws -> IssuedDiscountCode {
        try configuration.validate()
        try request.validate()
        let rule = try await createPriceRule(request)
        let response = try await http.send(
            .POST,
            configuration.url("price_rules/\(rule)/discount_codes.json"),
            headers: configuration.headers,
            json: try PlatformHTTP.encode(DiscountCodeEnvelope(discount_code: .init(code: request.code)))
        )
        if response.status == 201 || response.status == 200 {
            let created = try response.decode(DiscountCodeEnvelope.self, service: "Shopify").discount_code
            guard let id = created.id else { throw PlatformError(.protocolError, "Shopify created a discount code without an id") }
            return IssuedDiscountCode(code: created.code, platformCodeID: String(id), platformRuleID: String(rule))
        }
        await deletePriceRule(rule)
        if response.status == 422, ShopifyErrors.isDuplicateCode(response.body), let existing = try await lookup(code: request.code) {
            return existing
        }
        throw ShopifyErrors.error(response)
    }

    /// `usage_count` of `GET /price_rules/{rule}/discount_codes/{id}.json`.
    public func redemptions(of code: IssuedDiscountCode) async throws -> Int? {
        try configuration.validate()
        guard let rule = code.platformRuleID else {
            guard let found = try await lookup(code: code.code), found.platformRuleID != nil else { return nil }
            return try await redemptions(of: found)
        }
        let response = try await http.send(
            .GET,
            configuration.url("price_rules/\(rule)/discount_codes/\(code.platformCodeID).json"),
            headers: configuration.headers
        )
        guard response.isSuccess else { throw ShopifyErrors.error(response) }
        return try response.decode(DiscountCodeEnvelope.self, service: "Shopify").discount_code.usage_count
    }

    /// `GET /discount_codes/lookup.json?code=…`, which answers `303 See Other` with the code's location
    /// (https://shopify.dev/docs/api/admin-rest/2024-10/resources/discountcode, "Retrieves the location of a discount
    /// code"). The redirect is followed by the HTTP client when it is set to, or here when it is not.
    public func lookup(code: String) async throws -> IssuedDiscountCode? {
        try configuration.validate()
        var response = try await http.send(
            .GET,
            configuration.url("discount_codes/lookup.json?code=\(PlatformHTTP.escape(code))"),
            headers: configuration.headers
        )
        if (300..<400).contains(response.status), let location = response.headers.first(name: "Location") {
            response = try await http.send(.GET, resolve(location), headers: configuration.headers)
        }
        if response.status == 404 { return nil }
        guard response.isSuccess else { throw ShopifyErrors.error(response) }
        let found = try response.decode(DiscountCodeEnvelope.self, service: "Shopify").discount_code
        guard let id = found.id else { throw PlatformError(.protocolError, "Shopify returned a discount code without an id") }
        return IssuedDiscountCode(code: found.code, platformCodeID: String(id), platformRuleID: found.price_rule_id.map(String.init))
    }

    func createPriceRule(_ request: DiscountCodeRequest) async throws -> Int64 {
        let response = try await http.send(
            .POST,
            configuration.url("price_rules.json"),
            headers: configuration.headers,
            json: try PlatformHTTP.encode(PriceRuleEnvelope(price_rule: PriceRuleDTO(request)))
        )
        guard response.status == 201 || response.status == 200 else { throw ShopifyErrors.error(response) }
        guard let id = try response.decode(PriceRuleEnvelope.self, service: "Shopify").price_rule.id else {
            throw PlatformError(.protocolError, "Shopify created a price rule without an id")
        }
        return id
    }

    /// Best effort: a price rule left behind only clutters the admin, it gives no discount without a code.
    func deletePriceRule(_ id: Int64) async {
        _ = try? await http.send(.DELETE, configuration.url("price_rules/\(id).json"), headers: configuration.headers)
    }

    /// A `Location` may be absolute or a path; either way it is asked of the configured shop.
    func resolve(_ location: String) -> String {
        if location.hasPrefix("/") { return PlatformHTTP.trimmed(configuration.shopURL) + location }
        if let url = URL(string: location), let path = url.path.isEmpty ? nil : url.path {
            return PlatformHTTP.trimmed(configuration.shopURL) + path + (url.query.map { "?" + $0 } ?? "")
        }
        return location
    }
}
