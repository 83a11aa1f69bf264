/// A small RFC 4180 CSV reader: quoted fields (with `""` escapes, commas and newlines inside),
/// LF or CRLF record ends, an optional UTF-8 byte-order mark, and a header line.
///
/// ```swift
/// let table = try CSVReader.parse("text,intent\r\n\"hi, there\",greet\r\n")
/// table.rows[0]  // ["hi, there", "greet"]
/// ```
public enum CSVReader {
    /// A parsed file: header names, records, and the 1-based line where each record starts.
    public struct Table: Sendable, Hashable {
        public var header: [String]
        public var rows: [[String]]
        public var rowLines: [Int]

        /// The index of a header column.
        public func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else {
                throw AnswersError(.missingColumn, "no column \"\(name)\" in header \(header)", line: 1)
            }
            return i
        }
    }

    /// Parses CSV text. Every record must have as many fields as the header; blank lines are skipped.
    public static func parse(_ text: String) throws -> Table {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return try parse(bytes: bytes)
    }

    /// Parses CSV from UTF-8 bytes.
    public static func parse(bytes: [UInt8]) throws -> Table {
        var records: [[String]] = []
        var lines: [Int] = []
        var field: [UInt8] = []
        var record: [String] = []
        var line = 1
        var recordLine = 1
        var i = 0
        let n = bytes.count
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

        var fieldQuoted = false

        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldQuoted = false
        }
        func endRecord() {
            // A line with nothing on it is not a record.
            if record.isEmpty && field.isEmpty && !fieldQuoted { return }
            endField()
            records.append(record)
            lines.append(recordLine)
            record = []
        }

        while i < n {
            let c = bytes[i]
            if c == quote && field.isEmpty && !fieldQuoted {
                // Quoted field: runs to the closing quote, which must end the field.
                let openLine = line
                fieldQuoted = true
                i += 1
                var closed = false
                while i < n {
                    let q = bytes[i]
                    if q == quote {
                        if i + 1 < n && bytes[i + 1] == quote {
                            field.append(quote)
                            i += 2
                            continue
                        }
                        closed = true
                        i += 1
                        break
                    }
                    if q == lf { line += 1 }
                    field.append(q)
                    i += 1
                }
                guard closed else {
                    throw AnswersError(.csvUnterminatedQuote, "quoted field opened here is never closed", line: openLine)
                }
                if i < n, bytes[i] != comma, bytes[i] != lf, bytes[i] != cr {
                    throw AnswersError(.csvBadQuote, "text after a closing quote", line: line)
                }
                continue
            }
            switch c {
            case comma:
                endField()
                i += 1
            case cr:
                endRecord()
                i += 1
                if i < n && bytes[i] == lf { i += 1 }
                line += 1
                recordLine = line
            case lf:
                endRecord()
                i += 1
                line += 1
                recordLine = line
            case quote:
                throw AnswersError(.csvBadQuote, "quote inside an unquoted field", line: line)
            default:
                field.append(c)
                i += 1
            }
        }
        endRecord()

        guard let header = records.first else {
            throw AnswersError(.csvMissingHeader, "no header line", line: 1)
        }
        var rows: [[String]] = []
        var rowLines: [Int] = []
        for (k, r) in records.enumerated().dropFirst() {
            guard r.count == header.count else {
                throw AnswersError(.csvFieldCount, "expected \(header.count) fields, found \(r.count)", line: lines[k])
            }
            rows.append(r)
            rowLines.append(lines[k])
        }
        return Table(header: header, rows: rows, rowLines: rowLines)
    }
}
