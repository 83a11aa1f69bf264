import Foundation

/// Where and how to send mail. Build it from a URL such as `smtp://user:pass@mail.example:587` or `smtps://…:465`.
public struct SMTPConfiguration: Sendable {
    /// How the connection is protected.
    public enum Security: String, Hashable, Sendable {
        /// No TLS at all (tests, local relays).
        case plain
        /// Plain connect, then `STARTTLS`; fails when the server does not offer it.
        case startTLS
        /// `STARTTLS` when offered, plain otherwise.
        case startTLSIfAvailable
        /// TLS from the first byte (`smtps`, usually port 465).
        case implicitTLS
    }

    /// How the server's certificate is checked.
    public enum CertificateVerification: String, Hashable, Sendable {
        case full
        case noHostnameVerification
        /// Accepts any certificate: for tests against a self-signed server only.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The name sent in `EHLO`.
    public var heloName: String
    /// At most this many connections are open at once.
    public var poolSize: Int
    public var connectTimeout: Duration
    /// How long to wait for any one server reply.
    public var commandTimeout: Duration
    public var backoff: Backoff
    public var certificateVerification: CertificateVerification
    /// Extra PEM trust roots (for a private relay's CA), added to the system ones.
    public var trustRootsPEM: String?
    /// Allows `AUTH` without TLS; otherwise credentials are only sent over TLS.
    public var allowPlaintextAuth: Bool

    public init(
        host: String,
        port: Int? = nil,
        security: Security = .startTLSIfAvailable,
        username: String? = nil,
        password: String? = nil,
        heloName: String = "localhost",
        poolSize: Int = 4,
        connectTimeout: Duration = .seconds(10),
        commandTimeout: Duration = .seconds(60),
        backoff: Backoff = Backoff(),
        certificateVerification: CertificateVerification = .full,
        trustRootsPEM: String? = nil,
        allowPlaintextAuth: Bool = false
    ) {
        self.host = host
        self.port = port ?? (security == .implicitTLS ? 465 : 587)
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.poolSize = max(1, poolSize)
        self.connectTimeout = connectTimeout
        self.commandTimeout = commandTimeout
        self.backoff = backoff
        self.certificateVerification = certificateVerification
        self.trustRootsPEM = trustRootsPEM
        self.allowPlaintextAuth = allowPlaintextAuth
    }

    /// Reads `smtp://[user[:pass]@]host[:port][?tls=none|starttls|optional&pool=N&verify=none&helo=name]`
    /// or `smtps://…`. User and password may be percent-encoded.
    ///
    /// ```swift
    /// let config = try SMTPConfiguration(url: "smtps://apikey:s3cr%40t@smtp.example.com")
    /// ```
    public init(url: String) throws(DeliveryError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(), let host = components.host,
            !host.isEmpty
        else { throw DeliveryError(.invalidConfiguration, "not an SMTP URL: \(url)") }
        var security: Security
        switch scheme {
        case "smtp": security = .startTLSIfAvailable
        case "smtps": security = .implicitTLS
        default: throw DeliveryError(.invalidConfiguration, "unknown scheme \(scheme); use smtp or smtps")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name.lowercased()] = item.value ?? "" }
        if scheme == "smtp", let tls = query["tls"] {
            switch tls.lowercased() {
            case "none", "off", "false": security = .plain
            case "starttls", "required", "true": security = .startTLS
            case "optional": security = .startTLSIfAvailable
            default: throw DeliveryError(.invalidConfiguration, "unknown tls=\(tls)")
            }
        }
        var pool = 4
        if let value = query["pool"] {
            guard let n = Int(value), n > 0 else { throw DeliveryError(.invalidConfiguration, "pool must be a positive number") }
            pool = n
        }
        var verification = CertificateVerification.full
        if let verify = query["verify"] {
            guard let value = CertificateVerification(rawValue: verify == "nohostname" ? "noHostnameVerification" : verify) else {
                throw DeliveryError(.invalidConfiguration, "unknown verify=\(verify)")
            }
            verification = value
        }
        self.init(
            host: host,
            port: components.port,
            security: security,
            username: components.percentEncodedUser?.removingPercentEncoding,
            password: components.percentEncodedPassword?.removingPercentEncoding,
            heloName: query["helo"] ?? "localhost",
            poolSize: pool,
            certificateVerification: verification
        )
    }
}
