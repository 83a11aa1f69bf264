/// A server reply: a three-digit code and its text lines.
public struct SMTPResponse: Hashable, Sendable, CustomStringConvertible {
    public var code: Int
    public var lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    public var isPositive: Bool { code >= 200 && code < 400 }
    public var isTransient: Bool { code >= 400 && code < 500 }
    public var isPermanent: Bool { code >= 500 }
    public var description: String { "\(code) " + lines.joined(separator: " / ") }

    /// The error this reply stands for: `transientFailure` for 4xx, `permanentFailure` for 5xx.
    func error(during step: String) -> DeliveryError {
        DeliveryError(isTransient ? .transientFailure : isPermanent ? .permanentFailure : .protocolError, "\(step): \(description)", status: code)
    }
}

/// What the server offered in its `EHLO` reply.
public struct SMTPCapabilities: Hashable, Sendable {
    public var keywords: Set<String>
    public var authMechanisms: Set<String>
    public var maxSize: Int?

    public init(ehlo: SMTPResponse) {
        var keywords = Set<String>()
        var auth = Set<String>()
        var size: Int?
        for line in ehlo.lines.dropFirst() {
            let words = line.split(separator: " ").map { $0.uppercased() }
            guard let first = words.first else { continue }
            keywords.insert(first)
            if first == "AUTH" { auth.formUnion(words.dropFirst()) }
            if first.hasPrefix("AUTH=") { auth.formUnion([String(first.dropFirst(5))] + words.dropFirst()) }
            if first == "SIZE", words.count > 1 { size = Int(words[1]) }
        }
        self.keywords = keywords
        self.authMechanisms = auth
        self.maxSize = size
    }

    public var pipelining: Bool { keywords.contains("PIPELINING") }
    public var startTLS: Bool { keywords.contains("STARTTLS") }
}
