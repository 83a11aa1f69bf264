internal import ReboundCore

/// Save-time checks of one condition: known field, operator that fits the field, value of the right shape.
enum ConditionChecker {
    static func check(_ condition: FlowCondition, at path: FlowPath) -> [FlowIssue] {
        var issues: [FlowIssue] = []
        let groups = [("any", condition.any), ("all", condition.all)].filter { $0.1 != nil }
        if !groups.isEmpty {
            if condition.field != nil || groups.count > 1 {
                issues.append(FlowIssue(path: path.text, message: "a condition is either a field test or one 'any'/'all' group"))
            }
            for (key, members) in groups {
                if members?.isEmpty ?? true { issues.append(FlowIssue(path: path.key(key).text, message: "needs at least one condition")) }
                for (i, member) in (members ?? []).enumerated() { issues += check(member, at: path.key(key).index(i)) }
            }
            return issues
        }
        guard let field = condition.field else { return [FlowIssue(path: path.key("field").text, message: "is required")] }
        guard let kind = ConditionField.kind(of: field) else {
            return [FlowIssue(path: path.key("field").text, message: "unknown field '\(field)'")]
        }
        guard let op = condition.op else { return [FlowIssue(path: path.key("op").text, message: "is required")] }
        guard ConditionOperator.all.contains(op) else { return [FlowIssue(path: path.key("op").text, message: "unknown operator '\(op)'")] }
        let valuePath = path.key("value").text
        if op == .exists || op == .missing { return [] }
        guard let value = condition.value, !value.isNull else { return [FlowIssue(path: valuePath, message: "is required for '\(op)'")] }
        if ConditionOperator.comparisons.contains(op) && kind != .number && kind != .any {
            return [FlowIssue(path: path.key("op").text, message: "'\(op)' compares numbers; '\(field)' is a \(kind.rawValue)")]
        }
        if ConditionOperator.listOperators.contains(op) && kind != .list && kind != .any {
            return [FlowIssue(path: path.key("op").text, message: "'\(op)' needs a list field; '\(field)' is a \(kind.rawValue)")]
        }
        if op == .in || op == .notIn || op == .containsAny {
            if value.arrayValue == nil { issues.append(FlowIssue(path: valuePath, message: "must be a list for '\(op)'")) }
            return issues
        }
        if !fits(value, kind) {
            issues.append(FlowIssue(path: valuePath, message: "must be a \(kind == .list ? "string" : kind.rawValue) for '\(field)'"))
        }
        return issues
    }

    static func fits(_ value: JSONValue, _ kind: ConditionFieldKind) -> Bool {
        switch kind {
        case .number: value.int64Value != nil && value.stringValue != nil && value.doubleValue != nil && !isString(value)
        case .string, .list: isString(value)
        case .bool: value.boolValue != nil
        case .any: true
        }
    }

    private static func isString(_ value: JSONValue) -> Bool {
        if case .string = value { return true }
        return false
    }
}
