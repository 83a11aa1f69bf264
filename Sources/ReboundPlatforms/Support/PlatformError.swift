/// An error from a platform adapter (Shopify, WooCommerce, Meta, an OpenAI-compatible API) or from reading what a
/// platform sent us. The set of codes may grow, so this is a struct with static codes.
public struct PlatformError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in a form code can switch on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let value: String
        init(_ value: String) { self.value = value }
        public var description: String { value }

        /// The adapter's configuration cannot work (empty token, unparsable base URL).
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// What we were asked to send is not valid for the platform (a fixed discount without currency, a bad id).
        public static let invalidRequest = Code("invalidRequest")
        public static let connectionFailed = Code("connectionFailed")
        public static let timeout = Code("timeout")
        /// The platform answered 429 (or its own throttling error) and retries, if any, ran out. See `retryAfter`.
        public static let rateLimited = Code("rateLimited")
        /// 401/403 or an invalid-token error: the credentials are wrong or lack a scope.
        public static let authenticationFailed = Code("authenticationFailed")
        public static let notFound = Code("notFound")
        /// The platform refused the request as invalid: Shopify 422 `errors`, GraphQL `userErrors`, WooCommerce 400.
        public static let rejected = Code("rejected")
        /// 5xx or a transient platform error: worth retrying later.
        public static let transientFailure = Code("transientFailure")
        /// Any other refusal: do not retry.
        public static let permanentFailure = Code("permanentFailure")
        /// The platform answered with a body we cannot read.
        public static let protocolError = Code("protocolError")
        /// A webhook's `X-Hub-Signature-256` is missing, malformed or wrong.
        public static let invalidSignature = Code("invalidSignature")
        /// A webhook verification handshake with the wrong mode or token.
        public static let verificationFailed = Code("verificationFailed")
        /// A webhook body that is not the documented shape.
        public static let malformedPayload = Code("malformedPayload")
        /// An imported code list has no unused codes left.
        public static let exhausted = Code("exhausted")
    }

    public var code: Code
    public var message: String
    /// The HTTP status that caused the error, when there was one.
    public var status: Int?
    /// The platform's own error code: a Graph API `code` (`190`), a WooCommerce `code`
    /// (`woocommerce_rest_coupon_code_already_exists`), a GraphQL `extensions.code` (`THROTTLED`).
    public var platformCode: String?
    /// How long the platform asked us to wait (`Retry-After`), when it said.
    public var retryAfter: Duration?

    public init(_ code: Code, _ message: String, status: Int? = nil, platformCode: String? = nil, retryAfter: Duration? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.platformCode = platformCode
        self.retryAfter = retryAfter
    }

    public var description: String {
        var text = "\(code): \(message)"
        if let status { text += " (\(status))" }
        if let platformCode { text += " [\(platformCode)]" }
        return text
    }

    /// Whether sending again later may succeed.
    public var isTransient: Bool {
        code == .transientFailure || code == .timeout || code == .connectionFailed || code == .rateLimited
    }

    /// The usual meaning of an HTTP error status, for platforms that say nothing more specific.
    static func httpStatus(_ status: Int, service: String, detail: String, platformCode: String? = nil, retryAfter: Duration? = nil)
        -> PlatformError
    {
        let code: Code =
            switch status {
            case 401, 403: .authenticationFailed
            case 404: .notFound
            case 400, 409, 422: .rejected
            case 429: .rateLimited
            case 408, 500...599: .transientFailure
            default: .permanentFailure
            }
        return PlatformError(code, "\(service): \(detail)", status: status, platformCode: platformCode, retryAfter: retryAfter)
    }
}
