import Crypto
public import Foundation
public import ReboundCore
public import ReboundStore

/// Secret API keys: `rb_<prefix>_<secret>`. Only a SHA-256 hash is stored; the prefix finds the row.
///
/// Keys are 192 random bits, so a fast hash is right here (bcrypt is for low-entropy passwords).
public enum APIKeys {
    public struct Issued: Sendable {
        public var record: APIKeyRecord
        /// The whole key, shown once.
        public var plaintext: String
    }

    public static func issue(shopID: Shop.ID, label: String?, now: Date) -> Issued {
        let prefix = RandomToken.make(byteCount: 9).replacingOccurrences(of: "_", with: "x").replacingOccurrences(of: "-", with: "y")
        let secret = RandomToken.make(byteCount: 24)
        let plaintext = "rb_\(prefix)_\(secret)"
        let record = APIKeyRecord(
            id: "key_" + prefix,
            shopID: shopID,
            prefix: prefix,
            hash: hash(plaintext),
            label: label,
            createdAt: now,
            revokedAt: nil
        )
        return Issued(record: record, plaintext: plaintext)
    }

    public static func hash(_ key: String) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var hex: [UInt8] = []
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(key.utf8)) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// The prefix of a well-formed key, or `nil`.
    public static func prefix(of key: String) -> String? {
        let parts = key.split(separator: "_", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "rb", parts[1].count == 12, !parts[2].isEmpty else { return nil }
        return String(parts[1])
    }

    /// Checks a presented key against a stored record in constant time.
    public static func matches(_ key: String, _ record: APIKeyRecord) -> Bool {
        record.revokedAt == nil && ConstantTime.equal(Array(hash(key).utf8), Array(record.hash.utf8))
    }
}

/// Comparison that takes the same time wherever the inputs differ.
public enum ConstantTime {
    public static func equal(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for index in a.indices { difference |= a[index] ^ b[index] }
        return difference == 0
    }
}

/// Webhook signatures: base64 HMAC-SHA256 of the raw body (Shopify `X-Shopify-Hmac-Sha256`, WooCommerce `X-WC-Webhook-Signature`).
public enum WebhookSignature {
    public static func sign(body: [UInt8], secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return Data(mac).base64EncodedString()
    }

    public static func isValid(header: String?, body: [UInt8], secret: String) -> Bool {
        guard let header, let presented = Data(base64Encoded: header.trimmingCharacters(in: .whitespaces)) else { return false }
        let expected = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return ConstantTime.equal(Array(presented), Array(expected))
    }
}
