import Crypto
import Foundation

/// Signed, expiring tokens for the sessionless portal: the CSRF token in each form, and the token in an
/// order link that proves the shopper verified the order.
///
/// `base64url(purpose|subject|expiry) . base64url(HMAC-SHA256)`, keyed with the shop's form secret, so any
/// server process of the shop can check a token another one issued.
struct FormToken: Sendable {
    let secret: String

    /// A token for `purpose` (such as `csrf:lookup` or `order`) about `subject`, valid until `expires`.
    func make(purpose: String, subject: String, expires: Date) -> String {
        let payload = Data("\(purpose)|\(subject)|\(Int64(expires.timeIntervalSince1970))".utf8)
        return Self.base64URL(payload) + "." + Self.base64URL(Data(mac(payload)))
    }

    /// Whether `token` was made here for this purpose and subject and has not expired at `now`.
    func verify(_ token: String?, purpose: String, subject: String, now: Date) -> Bool {
        guard let token, token.count < 1_024 else { return false }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Self.data(base64URL: String(parts[0])), let signature = Self.data(base64URL: String(parts[1])) else {
            return false
        }
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: payload, using: key) else { return false }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0] == purpose, fields[1] == subject, let expiry = Int64(fields[2]) else { return false }
        return Double(expiry) >= now.timeIntervalSince1970
    }

    private var key: SymmetricKey { SymmetricKey(data: Data(secret.utf8)) }

    private func mac(_ data: Data) -> HMAC<SHA256>.MAC { HMAC<SHA256>.authenticationCode(for: data, using: key) }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func data(base64URL text: String) -> Data? {
        var s = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while s.count % 4 != 0 { s += "=" }
        return Data(base64Encoded: s)
    }
}
