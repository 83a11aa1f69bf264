/// Quoted-printable (RFC 2045 section 6.7) with CRLF line breaks and soft breaks before 76 characters.
public enum QuotedPrintable {
    static let hex = Array("0123456789ABCDEF".utf8)

    /// Encodes text; line breaks in the input (LF or CRLF) become CRLF hard breaks.
    public static func encode(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        let input = Array(text.utf8)
        out.reserveCapacity(input.count + input.count / 8)
        var lineLength = 0
        var i = 0
        while i < input.count {
            let c = input[i]
            if c == 13, i + 1 < input.count, input[i + 1] == 10 {
                i += 1
                continue
            }
            if c == 10 {
                // Trailing whitespace before a hard break must be encoded.
                if let last = out.last, last == 32 || last == 9 {
                    out.removeLast()
                    appendEncoded(last, to: &out)
                }
                out.append(13)
                out.append(10)
                lineLength = 0
                i += 1
                continue
            }
            let literal = (c >= 33 && c <= 126 && c != 61) || c == 32 || c == 9
            // A dot alone at the start of a line is safe over SMTP (dot-stuffed), but encode it anyway for old relays.
            let needsEncoding = !literal || (c == 46 && lineLength == 0)
            let width = needsEncoding ? 3 : 1
            if lineLength + width > 75 {
                out.append(61)
                out.append(13)
                out.append(10)
                lineLength = 0
            }
            if needsEncoding { appendEncoded(c, to: &out) } else { out.append(c) }
            lineLength += width
            i += 1
        }
        if let last = out.last, last == 32 || last == 9 {
            out.removeLast()
            appendEncoded(last, to: &out)
        }
        return out
    }

    @inline(__always)
    static func appendEncoded(_ c: UInt8, to out: inout [UInt8]) {
        out.append(61)
        out.append(hex[Int(c >> 4)])
        out.append(hex[Int(c & 15)])
    }

    /// Decodes quoted-printable text into bytes; soft line breaks are removed.
    public static func decode<S: StringProtocol>(_ text: S) -> [UInt8] {
        let input = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let c = input[i]
            if c == 61 {
                if i + 1 < input.count, input[i + 1] == 10 {
                    i += 2
                    continue
                }
                if i + 2 < input.count, input[i + 1] == 13, input[i + 2] == 10 {
                    i += 3
                    continue
                }
                if i + 2 < input.count, let h = hexValue(input[i + 1]), let l = hexValue(input[i + 2]) {
                    out.append(h << 4 | l)
                    i += 3
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case 48...57: c - 48
        case 65...70: c - 55
        case 97...102: c - 87
        default: nil
        }
    }
}
