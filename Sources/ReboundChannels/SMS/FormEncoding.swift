import Foundation

/// `application/x-www-form-urlencoded`, as Twilio sends and receives it.
public enum FormEncoding {
    static let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._*")

    public static func encode(_ fields: [(String, String)]) -> String {
        fields.map { escape($0.0) + "=" + escape($0.1) }.joined(separator: "&")
    }

    static func escape(_ s: String) -> String {
        (s.addingPercentEncoding(withAllowedCharacters: allowed.union(CharacterSet(charactersIn: " "))) ?? s).replacingOccurrences(of: " ", with: "+")
    }

    /// Fields in order; `+` is a space.
    public static func decode(_ body: String) -> [(String, String)] {
        body.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func unescape(_ s: Substring) -> String { s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            return (unescape(kv[0]), kv.count > 1 ? unescape(kv[1]) : "")
        }
    }
}
