import Foundation

/// A parsed JSON document read with paths, so every error can say where it is (`$.articles[3].title`).
struct JSONDocument {
    let root: Any
    let bytes: [UInt8]

    /// Parses `bytes`; a syntax error reports the line of the offending character when the parser names it.
    init(_ bytes: [UInt8]) throws {
        self.bytes = bytes
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        do {
            root = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        } catch {
            let line = Self.line(forParserError: "\(error)", in: body)
            throw AnswersError(.invalidJSON, "not valid JSON", line: line, jsonPath: "$")
        }
    }

    /// Foundation reports "around character N" (or "line N"); turn that into a 1-based line.
    static func line(forParserError message: String, in bytes: [UInt8]) -> Int? {
        func number(after marker: String) -> Int? {
            guard let range = message.range(of: marker) else { return nil }
            let digits = message[range.upperBound...].drop(while: { $0 == " " }).prefix(while: { $0.isNumber })
            return Int(digits)
        }
        if let line = number(after: "line") { return line }
        guard let offset = number(after: "character") else { return nil }
        var line = 1
        for byte in bytes.prefix(offset) where byte == UInt8(ascii: "\n") { line += 1 }
        return line
    }

    static func string(_ value: Any?) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        if let s = value as? String { return s }
        return nil
    }

    /// An id that may be a number or a string.
    static func identifier(_ value: Any?) -> String? {
        guard let value, !(value is NSNull) else { return nil }
        if let s = value as? String { return s }
        if let n = value as? NSNumber {
            // Integers beyond 2^53 would lose digits as Double; print integral values as integers.
            let i = n.int64Value
            if NSNumber(value: i) == n { return String(i) }
            return n.stringValue
        }
        return nil
    }

    static func bool(_ value: Any?) -> Bool? {
        guard let value, !(value is NSNull) else { return nil }
        if let b = value as? Bool { return b }
        if let n = value as? NSNumber { return n.boolValue }
        return nil
    }

    static func stringList(_ value: Any?) -> [String]? {
        guard let value, !(value is NSNull) else { return nil }
        if let list = value as? [Any] { return list.compactMap { identifier($0) } }
        if let s = value as? String { return KnowledgeImport.splitList(s) }
        return nil
    }

    static func typeName(_ value: Any?) -> String {
        guard let value else { return "nothing" }
        if value is NSNull { return "null" }
        if value is String { return "a string" }
        if value is [Any] { return "an array" }
        if value is [String: Any] { return "an object" }
        if value is NSNumber { return "a number" }
        return "an unknown value"
    }
}
