import Foundation

/// Reads labelled utterances from CSV (with a header) or JSON lines (one object per line).
public enum IntentDataset {
    /// Which fields hold the text and the label.
    public struct Columns: Sendable, Hashable {
        public var text: String
        public var label: String

        public init(text: String = "text", label: String = "intent") {
            self.text = text
            self.label = label
        }
    }

    /// Loads a file: `.jsonl`/`.json`/`.ndjson` as JSON lines, anything else as CSV.
    public static func load(path: String, columns: Columns = .init()) throws -> [IntentExample] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AnswersError(.unreadableFile, "cannot read \(path)")
        }
        let bytes = [UInt8](data)
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
            return try parseJSONLines(bytes: bytes, columns: columns)
        }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        return try parseCSV(CSVReader.parse(bytes: body), columns: columns)
    }

    /// Examples from a parsed CSV table.
    public static func parseCSV(_ table: CSVReader.Table, columns: Columns) throws -> [IntentExample] {
        let t = try table.column(columns.text)
        let l = try table.column(columns.label)
        return table.rows.map { IntentExample(text: $0[t], label: .init($0[l])) }
    }

    /// Examples from JSON lines: each non-blank line an object with the text and label keys.
    public static func parseJSONLines(bytes: [UInt8], columns: Columns) throws -> [IntentExample] {
        var out: [IntentExample] = []
        var lineNumber = 0
        for line in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var slice = line
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let object: Any
            do {
                object = try JSONSerialization.jsonObject(with: Data(slice))
            } catch {
                throw AnswersError(.invalidJSON, "not a JSON object", line: lineNumber)
            }
            guard let dict = object as? [String: Any] else {
                throw AnswersError(.invalidJSON, "not a JSON object", line: lineNumber)
            }
            guard let text = dict[columns.text] as? String else {
                throw AnswersError(.missingColumn, "no string \"\(columns.text)\"", line: lineNumber)
            }
            guard let label = dict[columns.label] as? String else {
                throw AnswersError(.missingColumn, "no string \"\(columns.label)\"", line: lineNumber)
            }
            out.append(IntentExample(text: text, label: .init(label)))
        }
        return out
    }
}
