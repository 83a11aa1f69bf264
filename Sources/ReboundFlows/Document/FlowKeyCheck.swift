internal import ReboundCore

/// Finds keys a flow document does not know, so a typo (`wiat`) is refused rather than ignored.
enum FlowKeyCheck {
    static let document = Set(FlowDocument.CodingKeys.allCases.map(\.rawValue))
    static let trigger: Set<String> = ["type", "days", "threshold", "event"]
    static let condition: Set<String> = ["field", "op", "value", "any", "all"]
    static let step = Set(FlowStep.CodingKeys.allCases.map(\.rawValue))
    static let branch: Set<String> = ["when", "goto"]
    static let discount = Set(DiscountSpec.CodingKeys.allCases.map(\.rawValue))
    static let experiment = Set(FlowExperiment.CodingKeys.allCases.map(\.rawValue))
    static let variant: Set<String> = ["id", "weight", "steps"]

    static func unknownKeys(in document: JSONValue) -> [FlowIssue] {
        var issues: [FlowIssue] = []
        let root = FlowPath()
        check(document, allowed: self.document, at: root, into: &issues)
        check(document["trigger"], allowed: trigger, at: root.key("trigger"), into: &issues)
        conditions(document["entry_conditions"], at: root.key("entry_conditions"), into: &issues)
        for (i, step) in (document["steps"]?.arrayValue ?? []).enumerated() {
            checkStep(step, at: root.key("steps").index(i), allowed: self.step, into: &issues)
        }
        if let experiment = document["experiment"] {
            let at = root.key("experiment")
            check(experiment, allowed: self.experiment, at: at, into: &issues)
            for (i, variant) in (experiment["variants"]?.arrayValue ?? []).enumerated() {
                let variantPath = at.key("variants").index(i)
                check(variant, allowed: self.variant, at: variantPath, into: &issues)
                for (j, patch) in (variant["steps"]?.arrayValue ?? []).enumerated() {
                    checkStep(patch, at: variantPath.key("steps").index(j), allowed: step.union(["remove"]), into: &issues)
                }
            }
        }
        return issues
    }

    private static func checkStep(_ step: JSONValue, at path: FlowPath, allowed: Set<String>, into issues: inout [FlowIssue]) {
        check(step, allowed: allowed, at: path, into: &issues)
        check(step["discount"], allowed: discount, at: path.key("discount"), into: &issues)
        for (j, branch) in (step["branches"]?.arrayValue ?? []).enumerated() {
            check(branch, allowed: self.branch, at: path.key("branches").index(j), into: &issues)
            conditions(branch["when"], at: path.key("branches").index(j).key("when"), into: &issues)
        }
    }

    private static func conditions(_ value: JSONValue?, at path: FlowPath, into issues: inout [FlowIssue]) {
        for (i, condition) in (value?.arrayValue ?? []).enumerated() {
            check(condition, allowed: self.condition, at: path.index(i), into: &issues)
            conditions(condition["any"], at: path.index(i).key("any"), into: &issues)
            conditions(condition["all"], at: path.index(i).key("all"), into: &issues)
        }
    }

    private static func check(_ value: JSONValue?, allowed: Set<String>, at path: FlowPath, into issues: inout [FlowIssue]) {
        guard let object = value?.objectValue else { return }
        for key in object.keys.sorted() where !allowed.contains(key) {
            issues.append(FlowIssue(path: path.key(key).text, message: "is not a known key"))
        }
    }
}
