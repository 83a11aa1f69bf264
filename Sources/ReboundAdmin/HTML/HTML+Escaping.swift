import Foundation

extension HTML {
    /// Escapes `&`, `<`, `>`, `"` and `'`.
    ///
    /// Escaping both quotes makes the same function safe for element content and for quoted attribute values, so a
    /// value like `" onmouseover="alert(1)` cannot leave its attribute.
    public static func escape(_ text: String) -> String {
        // Fast path: most values (numbers, ids, plain names) need no change.
        guard text.utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var result = ""
        result.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// Text with line breaks kept: escaped, each newline becomes `<br>`. For message bodies.
    public static func multiline(_ text: String) -> HTML {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        return .trusted(lines.map { escape(String($0)) }.joined(separator: "<br>"))
    }
}
