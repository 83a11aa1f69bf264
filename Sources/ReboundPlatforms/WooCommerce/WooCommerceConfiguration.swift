/// Where and how to reach one WooCommerce store's REST API v3; shared by ``WooCommerceDiscountPlatform`` and
/// ``WooCommerceOrderEditor``.
public struct WooCommerceConfiguration: Sendable {
    /// The WordPress site, `https://shop.example.com`, or a fake's `http://127.0.0.1:{port}`.
    public var siteURL: String
    /// REST API key pair (WooCommerce → Settings → Advanced → REST API), sent as HTTP basic auth
    /// (https://woocommerce.github.io/woocommerce-rest-api-docs/#authentication-over-https).
    public var consumerKey: String
    public var consumerSecret: String
    public var timeout: Duration

    public init(siteURL: String, consumerKey: String, consumerSecret: String, timeout: Duration = .seconds(15)) {
        self.siteURL = siteURL
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.timeout = timeout
    }

    /// `{site}/wp-json/wc/v3/{path}`.
    func url(_ path: String) -> String {
        "\(PlatformHTTP.trimmed(siteURL))/wp-json/wc/v3/\(path)"
    }

    var headers: [(String, String)] {
        [("Authorization", PlatformHTTP.basicAuthorization(user: consumerKey, password: consumerSecret))]
    }

    func validate() throws {
        guard !consumerKey.isEmpty, !consumerSecret.isEmpty else {
            throw PlatformError(.invalidConfiguration, "WooCommerce consumer key and secret must be set")
        }
        guard siteURL.hasPrefix("https://") || siteURL.hasPrefix("http://") else {
            throw PlatformError(.invalidConfiguration, "WooCommerce site URL must start with https://: \(siteURL)")
        }
    }
}
