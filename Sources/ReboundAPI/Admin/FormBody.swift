import Foundation

/// An `application/x-www-form-urlencoded` body: fields in order, names may repeat.
struct FormBody: Sendable {
    var fields: [(name: String, value: String)]

    init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        fields = text.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = parts.first.map(Self.decode), !name.isEmpty else { return nil }
            return (name, parts.count > 1 ? Self.decode(parts[1]) : "")
        }
    }

    static func decode(_ part: Substring) -> String {
        String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
    }

    /// The first value of a field.
    subscript(name: String) -> String? { fields.first { $0.name == name }?.value }
}
