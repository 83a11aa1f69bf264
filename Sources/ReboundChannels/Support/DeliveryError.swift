/// An error from the channel layer (named so it does not clash with NIOCore's `ChannelError`). The set of codes may grow, so this is a struct with static codes.
public struct DeliveryError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, in a form code can switch on.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let value: String
        init(_ value: String) { self.value = value }
        public var description: String { value }

        public static let invalidConfiguration = Code("invalidConfiguration")
        public static let invalidAddress = Code("invalidAddress")
        public static let invalidKey = Code("invalidKey")
        public static let connectionFailed = Code("connectionFailed")
        public static let timeout = Code("timeout")
        /// The server answered 4xx: worth retrying later.
        public static let transientFailure = Code("transientFailure")
        /// The server answered 5xx: do not retry.
        public static let permanentFailure = Code("permanentFailure")
        public static let protocolError = Code("protocolError")
        public static let tlsUnavailable = Code("tlsUnavailable")
        public static let authenticationFailed = Code("authenticationFailed")
        public static let templateSyntax = Code("templateSyntax")
        public static let templateNotFound = Code("templateNotFound")
        public static let providerError = Code("providerError")
        public static let invalidPhoneNumber = Code("invalidPhoneNumber")
    }

    public var code: Code
    public var message: String
    /// The SMTP or HTTP status that caused the error, when there was one.
    public var status: Int?

    public init(_ code: Code, _ message: String, status: Int? = nil) {
        self.code = code
        self.message = message
        self.status = status
    }

    public var description: String {
        "\(code): \(message)" + (status.map { " (\($0))" } ?? "")
    }

    /// Whether sending again later may succeed.
    public var isTransient: Bool {
        code == .transientFailure || code == .timeout || code == .connectionFailed
    }
}
