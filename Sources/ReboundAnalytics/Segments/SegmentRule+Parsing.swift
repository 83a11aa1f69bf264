public import Foundation

extension SegmentRule {
    /// Limits that keep a stored rule cheap to evaluate and to turn into SQL.
    public static let maximumDepth = 16
    /// See `maximumDepth`.
    public static let maximumConditions = 200

    /// Parses and validates a rule document, reporting every problem with its path.
    ///
    /// ```swift
    /// let rule = try SegmentRule.parse(jsonData: Data(#"{"match":"all","rules":[{"field":"spend","op":"gte","value":50000}]}"#.utf8))
    /// ```
    /// - Throws: `AnalyticsError` with code `.invalidRule` and `issues` such as `rules[1].field: unknown field "spnd"`.
    public static func parse(jsonData: Data) throws -> SegmentRule {
        let json: RuleJSON
        do {
            json = try JSONDecoder().decode(RuleJSON.self, from: jsonData)
        } catch {
            let issue = ValidationIssue(path: "$", message: "not valid JSON")
            throw AnalyticsError(.invalidRule, issue.description, issues: [issue])
        }
        var parser = RuleParser()
        let rule = parser.rule(json, path: "", depth: 0)
        if parser.conditions > maximumConditions {
            parser.issues.append(ValidationIssue(path: "$", message: "more than \(maximumConditions) conditions"))
        }
        guard let rule, parser.issues.isEmpty else {
            throw AnalyticsError(.invalidRule, parser.issues.map(\.description).joined(separator: "; "), issues: parser.issues)
        }
        return rule
    }
}

/// Any JSON value, keeping booleans apart from numbers.
enum RuleJSON: Decodable {
    case bool(Bool), number(Double), string(String), array([RuleJSON]), object([String: RuleJSON]), null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([RuleJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: RuleJSON].self))
        }
    }
}

private struct RuleParser {
    var issues: [ValidationIssue] = []
    var conditions = 0

    mutating func fail(_ path: String, _ message: String) {
        issues.append(ValidationIssue(path: path.isEmpty ? "$" : path, message: message))
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    mutating func rule(_ json: RuleJSON, path: String, depth: Int) -> SegmentRule? {
        guard depth <= SegmentRule.maximumDepth else {
            fail(path, "nested deeper than \(SegmentRule.maximumDepth)")
            return nil
        }
        guard case .object(let object) = json else {
            fail(path, "expected an object")
            return nil
        }
        if let inner = object["not"] {
            unknownKeys(object, allowed: ["not"], path: path)
            return rule(inner, path: join(path, "not"), depth: depth + 1).map { .not($0) }
        }
        if object["rules"] != nil || object["match"] != nil {
            unknownKeys(object, allowed: ["match", "rules"], path: path)
            return group(object, path: path, depth: depth)
        }
        if object["field"] != nil || object["op"] != nil || object["value"] != nil {
            unknownKeys(object, allowed: ["field", "op", "value"], path: path)
            return condition(object, path: path)
        }
        fail(path, "expected a group {match, rules}, a {not} or a condition {field, op, value}")
        return nil
    }

    mutating func unknownKeys(_ object: [String: RuleJSON], allowed: Set<String>, path: String) {
        for key in object.keys.sorted() where !allowed.contains(key) { fail(join(path, key), "unknown key \"\(key)\"") }
    }

    mutating func group(_ object: [String: RuleJSON], path: String, depth: Int) -> SegmentRule? {
        var isAll: Bool?
        switch object["match"] {
        case .string("all"): isAll = true
        case .string("any"): isAll = false
        default: fail(join(path, "match"), "expected \"all\" or \"any\"")
        }
        guard case .array(let items) = object["rules"] else {
            fail(join(path, "rules"), "expected an array of rules")
            return nil
        }
        var rules: [SegmentRule] = []
        for (i, item) in items.enumerated() {
            if let rule = rule(item, path: "\(join(path, "rules"))[\(i)]", depth: depth + 1) { rules.append(rule) }
        }
        guard let isAll, rules.count == items.count else { return nil }
        return isAll ? .all(rules) : .any(rules)
    }

    mutating func condition(_ object: [String: RuleJSON], path: String) -> SegmentRule? {
        conditions += 1
        let fieldPath = join(path, "field"), opPath = join(path, "op"), valuePath = join(path, "value")
        var field: SegmentField?
        switch object["field"] {
        case .string(let name):
            field = SegmentField(rawValue: name)
            if field == nil { fail(fieldPath, "unknown field \"\(name)\"") }
        case nil: fail(fieldPath, "missing")
        default: fail(fieldPath, "expected a field name")
        }
        var op: SegmentOperator?
        switch object["op"] {
        case .string(let name):
            op = SegmentOperator(rawValue: name)
            if op == nil { fail(opPath, "unknown operator \"\(name)\"") }
        case nil: fail(opPath, "missing")
        default: fail(opPath, "expected an operator name")
        }
        guard let field, let op else { return nil }
        guard field.operators.contains(op) else {
            fail(opPath, "operator \"\(op.rawValue)\" is not allowed on \(field.rawValue); use one of \(field.operators.map(\.rawValue))")
            return nil
        }
        guard let raw = object["value"] else {
            fail(valuePath, "missing")
            return nil
        }
        guard let value = value(raw, field: field, op: op, path: valuePath) else { return nil }
        return .condition(SegmentCondition(field, op, value))
    }

    mutating func value(_ raw: RuleJSON, field: SegmentField, op: SegmentOperator, path: String) -> SegmentValue? {
        switch (field.kind, raw) {
        case (.integer, .number(let n)) where n == n.rounded() && abs(n) < 9e15:
            return .integer(Int64(n))
        case (.integer, _):
            fail(path, "expected a whole number")
        case (.days, .number(let n)) where n >= 0 && n <= 100_000:
            return .days(n)
        case (.days, _):
            fail(path, "expected a number of days between 0 and 100000")
        case (.text, .string(let s)) where op == .eq || op == .ne:
            return .string(s)
        case (.text, .array(let items)) where op == .in || op == .notIn:
            let strings = items.compactMap { if case .string(let s) = $0 { s } else { nil } }
            if strings.count == items.count && !strings.isEmpty && strings.count <= 1_000 { return .strings(strings) }
            fail(path, "expected a non-empty array of up to 1000 strings")
        case (.text, _):
            fail(path, op == .in || op == .notIn ? "expected an array of strings" : "expected a string")
        case (.set, .string(let s)):
            return .string(s)
        case (.set, _):
            fail(path, "expected a string")
        case (.flag, .bool(let b)):
            return .bool(b)
        case (.flag, _):
            fail(path, "expected true or false")
        }
        return nil
    }
}
