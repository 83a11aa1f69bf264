/// An RFC 4180 CSV reader: quoted fields with commas, quotes and newlines; LF or CRLF line ends.
///
/// Reads one record at a time from a string so that large files need not be split into lines first,
/// and reports the line a record started on for error messages.
public struct CSVReader: Sequence, IteratorProtocol {
    public struct Record: Sendable {
        public var fields: [String]
        /// 1-based line number where the record starts.
        public var line: Int
    }

    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    public let separator: Unicode.Scalar

    public init(_ text: String, separator: Unicode.Scalar = ",") {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        self.scalars = scalars
        self.separator = separator
    }

    public mutating func next() -> Record? {
        guard index < scalars.count else { return nil }
        let start = line
        var fields: [String] = []
        var field = String.UnicodeScalarView()
        var quoted = false
        var atFieldStart = true
        while index < scalars.count {
            let c = scalars[index]
            index += 1
            if quoted {
                if c == "\"" {
                    if index < scalars.count && scalars[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.append(c)
                }
                continue
            }
            if c == "\"" && atFieldStart {
                quoted = true
                atFieldStart = false
            } else if c == separator {
                fields.append(String(field))
                field = String.UnicodeScalarView()
                atFieldStart = true
            } else if c == "\r" && index < scalars.count && scalars[index] == "\n" {
                continue
            } else if c == "\n" {
                line += 1
                fields.append(String(field))
                return Record(fields: fields, line: start)
            } else {
                field.append(c)
                atFieldStart = false
            }
        }
        fields.append(String(field))
        return Record(fields: fields, line: start)
    }
}
