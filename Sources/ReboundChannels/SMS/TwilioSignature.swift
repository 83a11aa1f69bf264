import Crypto
import Foundation

/// Twilio's `X-Twilio-Signature`: base64 HMAC-SHA1, keyed with the auth token, over the full URL followed by
/// each POST parameter's name and value, sorted by name.
public enum TwilioSignature {
    /// - Parameters:
    ///   - url: the URL exactly as Twilio requested it, with scheme, host, port and query string.
    ///   - parameters: the form fields of a POST; empty for GET and JSON requests.
    public static func compute(authToken: String, url: String, parameters: [(String, String)]) -> String {
        var data = url
        for (name, value) in parameters.sorted(by: { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }) {
            data += name + value
        }
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Array(data.utf8), using: SymmetricKey(data: Array(authToken.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// Constant-time comparison of the header against the expected signature.
    public static func isValid(signature: String, authToken: String, url: String, parameters: [(String, String)]) -> Bool {
        let expected = Array(compute(authToken: authToken, url: url, parameters: parameters).utf8)
        let given = Array(signature.utf8)
        guard expected.count == given.count else { return false }
        return zip(expected, given).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
