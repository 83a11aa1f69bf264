import Crypto
public import Foundation

/// Signs outbound webhooks: `X-Rebound-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` with
/// `X-Rebound-Timestamp: <unix seconds>`, so receivers can reject replays outside a window.
public struct WebhookSigner: Sendable {
    let key: SymmetricKey

    public init(secret: [UInt8]) {
        self.key = SymmetricKey(data: secret)
    }

    public static let signatureHeader = "X-Rebound-Signature"
    public static let timestampHeader = "X-Rebound-Timestamp"

    /// The `sha256=…` header value for a body sent at `timestamp`.
    public func signature(body: [UInt8], timestamp: Int64) -> String {
        var data = Array("\(timestamp).".utf8)
        data.append(contentsOf: body)
        let mac = HMAC<SHA256>.authenticationCode(for: data, using: key)
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Checks a received signature and that the timestamp is within `tolerance` of `now`.
    public func verify(body: [UInt8], timestamp: Int64, signature: String, now: Date, tolerance: TimeInterval = 300) -> Bool {
        guard abs(now.timeIntervalSince1970 - TimeInterval(timestamp)) <= tolerance else { return false }
        let expected = Array(self.signature(body: body, timestamp: timestamp).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
