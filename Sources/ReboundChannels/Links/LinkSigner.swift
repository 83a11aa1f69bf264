import Crypto
public import Foundation

/// Signs and verifies link tokens: `v1.<payload>.<mac>`, base64url, HMAC-SHA256 truncated to 128 bits.
///
/// ```swift
/// let signer = LinkSigner(key: secret)
/// let token = signer.sign(LinkToken(kind: .restore, shopID: "shop_1", subject: "cus_1", reference: "cart_1", expiresAt: now + 7 * 86400))
/// let checked = try signer.verify(token, now: now, kind: .restore)
/// ```
public struct LinkSigner: Sendable {
    let key: SymmetricKey
    let previousKeys: [SymmetricKey]

    /// - Parameters:
    ///   - key: the current secret, at least 32 bytes.
    ///   - previousKeys: secrets still accepted when verifying, so links survive a key rotation.
    public init(key: [UInt8], previousKeys: [[UInt8]] = []) {
        self.key = SymmetricKey(data: key)
        self.previousKeys = previousKeys.map { SymmetricKey(data: $0) }
    }

    static let separator = "\u{1F}"

    /// The token for a link; the unit separator U+001F is removed from fields.
    public func sign(_ token: LinkToken) -> String {
        let fields = [
            token.kind.rawValue, String(Int64(token.expiresAt.timeIntervalSince1970.rounded(.up))), token.shopID, token.subject,
            token.reference, token.target ?? "",
        ].map { $0.replacingOccurrences(of: Self.separator, with: "") }
        let payload = Base64.encodeURL(Array(fields.joined(separator: Self.separator).utf8))
        let mac = HMAC<SHA256>.authenticationCode(for: Array(("v1." + payload).utf8), using: key)
        return "v1." + payload + "." + Base64.encodeURL(Array(mac).prefix(16))
    }

    /// The shop a token names, read without checking the signature: only to find which shop's key verifies it.
    public static func unverifiedShopID(_ text: String) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let payload = Base64.decode(String(parts[1])) else { return nil }
        let fields = String(decoding: payload, as: UTF8.self).components(separatedBy: separator)
        return fields.count == 6 && !fields[2].isEmpty ? fields[2] : nil
    }

    /// The token's content when the signature matches, it has not expired and (if given) it is of `kind`.
    public func verify(_ text: String, now: Date, kind: LinkToken.Kind? = nil) throws(LinkTokenError) -> LinkToken {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "v1", let mac = Base64.decode(String(parts[2])), mac.count == 16 else {
            throw LinkTokenError(.malformed, "not a v1 token")
        }
        let signed = Array(("v1." + parts[1]).utf8)
        let valid = ([key] + previousKeys).contains { key in
            let expected = Array(HMAC<SHA256>.authenticationCode(for: signed, using: key)).prefix(16)
            // Constant time: fold all byte differences before deciding.
            return zip(expected, mac).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
        }
        guard valid else { throw LinkTokenError(.badSignature, "signature does not match") }
        guard let payload = Base64.decode(String(parts[1])) else { throw LinkTokenError(.malformed, "payload is not base64url") }
        let fields = String(decoding: payload, as: UTF8.self).components(separatedBy: Self.separator)
        guard fields.count == 6, let expiry = Int64(fields[1]) else { throw LinkTokenError(.malformed, "payload has \(fields.count) fields") }
        let token = LinkToken(
            kind: LinkToken.Kind(rawValue: fields[0]),
            shopID: fields[2],
            subject: fields[3],
            reference: fields[4],
            target: fields[5].isEmpty ? nil : fields[5],
            expiresAt: Date(timeIntervalSince1970: TimeInterval(expiry))
        )
        if let kind, token.kind != kind { throw LinkTokenError(.wrongKind, "expected \(kind.rawValue), got \(token.kind.rawValue)") }
        guard now < token.expiresAt else { throw LinkTokenError(.expired, "expired at \(token.expiresAt)") }
        return token
    }
}
