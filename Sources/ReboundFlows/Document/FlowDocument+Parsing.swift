public import Foundation
public import ReboundCore
internal import Yams

extension FlowDocument {
    /// Reads a flow document written as JSON or YAML (JSON when the first non-blank character is `{`).
    ///
    /// Throws every unknown key at once, or the first value of the wrong shape, each with its path. It does not check
    /// meaning (triggers, step references, cycles): that is ``FlowValidator``'s job.
    ///
    /// ```swift
    /// let flow = try FlowDocument.parse("id: vip\nname: VIP\ntrigger: {type: cart_abandoned}\nsteps: []")
    /// ```
    public static func parse(_ text: String) throws(FlowDocumentError) -> FlowDocument {
        let raw = try parseValue(text)
        return try FlowDocument(jsonValue: raw)
    }

    /// Reads a JSON document from bytes.
    public static func parse(json: Data) throws(FlowDocumentError) -> FlowDocument {
        try parse(String(decoding: json, as: UTF8.self))
    }

    /// Reads JSON or YAML text into a ``JSONValue`` tree without interpreting it.
    public static func parseValue(_ text: String) throws(FlowDocumentError) -> JSONValue {
        let trimmed = text.drop(while: { $0.isWhitespace })
        do {
            if trimmed.first == "{" {
                return try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
            }
            guard let value = try YAMLDecoder().decode(JSONValue?.self, from: text) else {
                throw FlowDocumentError(issues: [FlowIssue(path: "", message: "the document is empty")])
            }
            return value
        } catch let error as FlowDocumentError {
            throw error
        } catch {
            throw FlowDocumentError(issues: [FlowIssue(path: "", message: "not valid \(trimmed.first == "{" ? "JSON" : "YAML"): \(error)")])
        }
    }

    /// Builds a document from an already parsed tree, refusing unknown keys and values of the wrong type.
    public init(jsonValue: JSONValue) throws(FlowDocumentError) {
        guard case .object = jsonValue else {
            throw FlowDocumentError(issues: [FlowIssue(path: "", message: "a flow document must be an object")])
        }
        let unknown = FlowKeyCheck.unknownKeys(in: jsonValue)
        if !unknown.isEmpty { throw FlowDocumentError(issues: unknown) }
        do {
            let data = try JSONEncoder().encode(jsonValue)
            self = try JSONDecoder().decode(FlowDocument.self, from: data)
        } catch let error as DecodingError {
            throw FlowDocumentError(issues: [FlowIssue(decodingError: error)])
        } catch {
            throw FlowDocumentError(issues: [FlowIssue(path: "", message: "\(error)")])
        }
    }

    /// The document as a ``JSONValue`` tree, with absent optionals left out.
    public func jsonValue() -> JSONValue {
        // Encoding plain Codable values to JSON and back cannot fail.
        let data = (try? JSONEncoder().encode(self)) ?? Data("{}".utf8)
        return (try? JSONDecoder().decode(JSONValue.self, from: data)) ?? .object([:])
    }

    /// Canonical JSON (sorted keys) for storage and responses.
    public func jsonData(pretty: Bool = false) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}

extension FlowIssue {
    /// The path and message of a decoding error, e.g. `steps[2].discount.kind: …`.
    init(decodingError: DecodingError) {
        func render(_ path: [any CodingKey]) -> String {
            path.reduce(FlowPath()) { partial, key in
                if let index = key.intValue { partial.index(index) } else { partial.key(key.stringValue) }
            }.text
        }
        switch decodingError {
        case .keyNotFound(let key, let context):
            self.init(path: render(context.codingPath + [key]), message: "is required")
        case .typeMismatch(let type, let context):
            self.init(path: render(context.codingPath), message: "has the wrong type, expected \(FlowIssue.typeName(type))")
        case .valueNotFound(let type, let context):
            self.init(path: render(context.codingPath), message: "must not be null, expected \(FlowIssue.typeName(type))")
        case .dataCorrupted(let context):
            self.init(path: render(context.codingPath), message: "is not valid: \(context.debugDescription)")
        @unknown default:
            self.init(path: "", message: "\(decodingError)")
        }
    }

    static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Int.Type, is Int64.Type: "an integer"
        case is Bool.Type: "true or false"
        case is [Any].Type: "a list"
        default: "\(type)".contains("Array") ? "a list" : ("\(type)".contains("Dictionary") ? "an object" : "\(type)")
        }
    }
}
