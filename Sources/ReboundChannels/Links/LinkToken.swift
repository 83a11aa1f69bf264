public import Foundation

/// What a signed link stands for. Tokens carry it compactly; `LinkSigner` signs and checks them.
public struct LinkToken: Hashable, Sendable {
    public struct Kind: RawRepresentable, Hashable, Sendable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        /// Restores a cart; `reference` is the cart id.
        public static let restore = Kind(rawValue: "r")
        /// Counts a click, then redirects to `target`.
        public static let click = Kind(rawValue: "c")
        /// The open-tracking pixel.
        public static let open = Kind(rawValue: "o")
        /// Unsubscribes the customer in `subject`.
        public static let unsubscribe = Kind(rawValue: "u")
        /// Answers the survey in `reference` with the score in `target`.
        public static let survey = Kind(rawValue: "v")
    }

    public var kind: Kind
    public var shopID: String
    /// Who the link was sent to, e.g. a customer id.
    public var subject: String
    /// What it is about: a cart id, a message id.
    public var reference: String
    /// For clicks, where to go; only signed targets are followed, so the redirect is not open.
    public var target: String?
    public var expiresAt: Date

    public init(kind: Kind, shopID: String, subject: String, reference: String, target: String? = nil, expiresAt: Date) {
        self.kind = kind
        self.shopID = shopID
        self.subject = subject
        self.reference = reference
        self.target = target
        self.expiresAt = expiresAt
    }
}

/// Why a token was refused.
public struct LinkTokenError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let value: String
        public var description: String { value }
        public static let malformed = Code(value: "malformed")
        /// The signature does not match: the token was changed or signed with another key.
        public static let badSignature = Code(value: "badSignature")
        public static let expired = Code(value: "expired")
        public static let wrongKind = Code(value: "wrongKind")
    }

    public var code: Code
    public var reason: String

    public init(_ code: Code, _ reason: String) {
        self.code = code
        self.reason = reason
    }

    public var description: String { "\(code): \(reason)" }
}
