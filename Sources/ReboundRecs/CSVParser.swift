/// A small RFC 4180 CSV parser: comma separators, `"` quoting with `""` escapes, LF or CRLF row ends,
/// quoted fields may hold commas and line breaks.
///
/// ```swift
/// try CSVParser.forEachRow(in: bytes) { fields in print(fields) }
/// ```
public enum CSVParser {
    /// Calls `body` with the fields of each row in order (the header row included).
    ///
    /// A final row without a line end is still reported; a blank last line is not.
    /// - Throws: ``RecsError/Code/malformedInput`` on an unterminated quote or text after a closing quote.
    public static func forEachRow(in bytes: [UInt8], _ body: ([String]) throws -> Void) throws {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        try bytes.withUnsafeBufferPointer { buffer in
            var fields: [String] = []
            var index = 0
            var line = 1
            let end = buffer.count
            while index < end {
                // One field per iteration.
                if buffer[index] == quote {
                    var value: [UInt8] = []
                    index += 1
                    let startLine = line
                    while true {
                        guard index < end else {
                            throw RecsError(.malformedInput, "CSV: unterminated quoted field starting on line \(startLine)")
                        }
                        let byte = buffer[index]
                        if byte == quote {
                            if index + 1 < end && buffer[index + 1] == quote {
                                value.append(quote)
                                index += 2
                            } else {
                                index += 1
                                break
                            }
                        } else {
                            if byte == lf { line += 1 }
                            value.append(byte)
                            index += 1
                        }
                    }
                    fields.append(String(decoding: value, as: UTF8.self))
                    if index < end && buffer[index] != comma && buffer[index] != lf && buffer[index] != cr {
                        throw RecsError(.malformedInput, "CSV: unexpected character after closing quote on line \(line)")
                    }
                } else {
                    let start = index
                    while index < end && buffer[index] != comma && buffer[index] != lf && buffer[index] != cr {
                        index += 1
                    }
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self))
                }
                // Separator or row end.
                if index < end && buffer[index] == comma {
                    index += 1
                    if index == end { fields.append("") }
                    continue
                }
                if index < end && buffer[index] == cr { index += 1 }
                if index < end && buffer[index] == lf { index += 1 }
                try body(fields)
                fields.removeAll(keepingCapacity: true)
                line += 1
            }
        }
    }

    /// Parses all rows into memory.
    public static func parse(_ bytes: [UInt8]) throws -> [[String]] {
        var rows: [[String]] = []
        try forEachRow(in: bytes) { rows.append($0) }
        return rows
    }
}
