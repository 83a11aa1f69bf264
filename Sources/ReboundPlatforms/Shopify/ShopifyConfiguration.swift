/// Where and how to reach one shop's Shopify Admin API; shared by ``ShopifyDiscountPlatform`` and
/// ``ShopifyOrderEditor``.
public struct ShopifyConfiguration: Sendable {
    /// `https://{shop}.myshopify.com`, or a fake's `http://127.0.0.1:{port}`.
    public var shopURL: String
    /// An Admin API access token, sent as `X-Shopify-Access-Token`. Needs the `write_price_rules` / `write_discounts`
    /// scopes for codes and `write_order_edits` for order edits.
    public var accessToken: String
    /// The Admin API version in every path.
    public var apiVersion: String
    public var timeout: Duration

    public init(shopURL: String, accessToken: String, apiVersion: String = "2024-10", timeout: Duration = .seconds(15)) {
        self.shopURL = shopURL
        self.accessToken = accessToken
        self.apiVersion = apiVersion
        self.timeout = timeout
    }

    /// `{shop}/admin/api/{version}/{path}`.
    func url(_ path: String) -> String {
        "\(PlatformHTTP.trimmed(shopURL))/admin/api/\(apiVersion)/\(path)"
    }

    var headers: [(String, String)] { [("X-Shopify-Access-Token", accessToken)] }

    func validate() throws {
        guard !accessToken.isEmpty else { throw PlatformError(.invalidConfiguration, "Shopify access token is empty") }
        guard shopURL.hasPrefix("https://") || shopURL.hasPrefix("http://") else {
            throw PlatformError(.invalidConfiguration, "Shopify shop URL must start with https://: \(shopURL)")
        }
    }
}
