import Foundation

/// RFC 2047 encoded words and RFC 5322 folding for header values.
public enum HeaderEncoding {
    /// The value as is when it is printable ASCII, otherwise as `=?UTF-8?B?…?=` words of at most 75 characters
    /// that never split a UTF-8 sequence.
    public static func encodeUnstructured(_ value: String) -> String {
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return value }
        return encodedWords(value).joined(separator: "\r\n ")
    }

    /// A display name for an address: a plain or quoted string in ASCII, encoded words otherwise.
    public static func encodePhrase(_ name: String) -> String {
        if name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let atext = name.utf8.allSatisfy { isAtext($0) || $0 == 0x20 }
            if atext { return name }
            var quoted = "\""
            for ch in name {
                if ch == "\"" || ch == "\\" { quoted.append("\\") }
                quoted.append(ch)
            }
            return quoted + "\""
        }
        return encodedWords(name).joined(separator: " ")
    }

    /// Splits into base64 encoded words; each carries at most 45 bytes so the word stays under 75 characters.
    static func encodedWords(_ value: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        for scalar in value.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > 45 {
                words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=")
                chunk.removeAll(keepingCapacity: true)
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + Base64.encode(chunk) + "?=") }
        return words
    }

    static func isAtext(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): true
        default: "!#$%&'*+-/=?^_`{|}~".utf8.contains(c)
        }
    }

    /// Folds a header line (`Name: value`) at spaces so that no line passes 78 characters where possible.
    public static func fold(_ line: String, limit: Int = 78) -> String {
        guard line.utf8.count > limit else { return line }
        var out = ""
        var current = ""
        for (index, word) in line.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if index == 0 {
                current = String(word)
            } else if current.utf8.count + 1 + word.utf8.count > limit, !current.trimmingSpaces.isEmpty {
                out += current + "\r\n"
                current = " " + word
            } else {
                current += " " + word
            }
        }
        return out + current
    }

    /// Decodes RFC 2047 encoded words (B and Q, UTF-8 and Latin-1) in a header value.
    public static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var result = ""
        var rest = Substring(value)
        var lastWasWord = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            let afterStart = rest[start.upperBound...]
            let parts = afterStart.split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, parts[3].hasPrefix("="), let decoded = decodeWord(charset: parts[0], encoding: parts[1], text: parts[2])
            else {
                result += before + "=?"
                rest = afterStart
                lastWasWord = false
                continue
            }
            // Whitespace between two adjacent encoded words is dropped (RFC 2047 section 6.2).
            if !(lastWasWord && before.allSatisfy(\.isWhitespace)) { result += before }
            result += decoded
            rest = parts[3].dropFirst()
            lastWasWord = true
        }
        return result + rest
    }

    static func decodeWord(charset: Substring, encoding: Substring, text: Substring) -> String? {
        let bytes: [UInt8]
        switch encoding.uppercased() {
        case "B": guard let b = Base64.decode(String(text)) else { return nil }; bytes = b
        case "Q": bytes = QuotedPrintable.decode(text.replacingOccurrences(of: "_", with: " "))
        default: return nil
        }
        if charset.lowercased().hasPrefix("iso-8859-1") || charset.lowercased() == "latin1" {
            var latin = ""
            latin.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return latin
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        // isWhitespace, not a list: "\r\n" is a single Character.
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return s
    }
}
