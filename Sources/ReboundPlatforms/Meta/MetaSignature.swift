import Crypto
import Foundation

/// Meta's payload signature: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw request body, keyed with the
/// App Secret>` (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads).
/// Verify against the bytes as received: Meta signs its escaped-unicode JSON, so re-encoding breaks the signature.
public enum MetaSignature {
    public static let headerName = "X-Hub-Signature-256"

    /// The header value Meta would send: `sha256=` and 64 lower-case hex digits.
    public static func header(body: [UInt8], appSecret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array(appSecret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }

    /// Whether the header is a valid signature of `body`; compared in constant time.
    public static func isValid(header: String?, body: [UInt8], appSecret: String) -> Bool {
        (try? verify(header: header, body: body, appSecret: appSecret)) != nil
    }

    /// Throws ``PlatformError/Code/invalidSignature`` saying what is wrong with the header.
    public static func verify(header: String?, body: [UInt8], appSecret: String) throws {
        guard !appSecret.isEmpty else { throw PlatformError(.invalidConfiguration, "the Meta app secret is empty") }
        guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            throw PlatformError(.invalidSignature, "\(headerName) is missing", status: 401)
        }
        guard header.lowercased().hasPrefix("sha256=") else {
            throw PlatformError(.invalidSignature, "\(headerName) does not start with sha256=", status: 401)
        }
        guard let given = hexBytes(header.dropFirst("sha256=".count)), given.count == SHA256.byteCount else {
            throw PlatformError(.invalidSignature, "\(headerName) is not 64 hex digits", status: 401)
        }
        // swift-crypto's check compares the codes in constant time.
        guard HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: body, using: SymmetricKey(data: Array(appSecret.utf8))) else {
            throw PlatformError(.invalidSignature, "\(headerName) does not match the body", status: 401)
        }
    }

    static func hexBytes(_ text: Substring) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
