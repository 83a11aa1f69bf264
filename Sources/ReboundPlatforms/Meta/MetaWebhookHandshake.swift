/// Answers Meta's webhook verification request, a `GET` with `hub.mode=subscribe`, `hub.verify_token` and
/// `hub.challenge`: echo the challenge with 200 when the token is ours, 403 otherwise
/// (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests; the same
/// handshake for Messenger, Instagram and WhatsApp,
/// https://developers.facebook.com/documentation/business-messaging/whatsapp/webhooks/create-webhook-endpoint).
///
/// ```swift
/// let answer = MetaWebhookHandshake.respond(query: request.uri.queryParameters..., verifyToken: settings.metaVerifyToken)
/// return Response(status: .init(code: answer.status), body: answer.body)
/// ```
public enum MetaWebhookHandshake {
    /// The HTTP answer: status and plain-text body.
    public struct Answer: Hashable, Sendable {
        public var status: Int
        public var body: String
        public var isAccepted: Bool { status == 200 }

        public init(status: Int, body: String) {
            self.status = status
            self.body = body
        }
    }

    /// - Parameters:
    ///   - mode: `hub.mode`; must be `subscribe`.
    ///   - token: `hub.verify_token`; compared in constant time with `verifyToken`.
    ///   - challenge: `hub.challenge`, echoed unchanged.
    ///   - verifyToken: the token configured in the App Dashboard; an empty one accepts nothing.
    public static func respond(mode: String?, token: String?, challenge: String?, verifyToken: String) -> Answer {
        guard mode == "subscribe", let token, let challenge, !challenge.isEmpty, !verifyToken.isEmpty,
            ConstantTime.equal(Array(token.utf8), Array(verifyToken.utf8))
        else {
            return Answer(status: 403, body: "Forbidden")
        }
        return Answer(status: 200, body: challenge)
    }

    /// Reads the three parameters from decoded query items (`hub.mode`, `hub.verify_token`, `hub.challenge`).
    public static func respond(query: [String: String], verifyToken: String) -> Answer {
        respond(mode: query["hub.mode"], token: query["hub.verify_token"], challenge: query["hub.challenge"], verifyToken: verifyToken)
    }

    /// As `respond`, but throws ``PlatformError/Code/verificationFailed`` instead of answering 403.
    public static func challenge(query: [String: String], verifyToken: String) throws -> String {
        let answer = respond(query: query, verifyToken: verifyToken)
        guard answer.isAccepted else {
            let reason = query["hub.mode"] != "subscribe" ? "hub.mode is not subscribe" : "hub.verify_token does not match"
            throw PlatformError(.verificationFailed, "Meta webhook verification refused: \(reason)", status: 403)
        }
        return answer.body
    }
}

enum ConstantTime {
    /// Compares without returning early on the first difference; only the lengths leak.
    static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
