internal import Foundation
internal import ReboundCore

/// Checks a flow document's meaning before it is saved and returns every problem with its path.
///
/// ```swift
/// let issues = FlowValidator(configuration: .init(discounts: shopPolicy)).validate(flow)
/// // [FlowIssue(path: "steps[2].wait", message: "must not be negative")]
/// ```
public struct FlowValidator: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// The shop's discount limits and named rules.
        public var discounts: DiscountPolicy
        /// Longest single wait; a flow that waits longer is almost certainly a typo.
        public var maxWait: FlowDuration

        public init(discounts: DiscountPolicy = .init(), maxWait: FlowDuration = FlowDuration(seconds: 400 * 86400)!) {
            self.discounts = discounts
            self.maxWait = maxWait
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// All problems, in document order; empty when the flow may be saved.
    public func validate(_ flow: FlowDocument) -> [FlowIssue] {
        var issues: [FlowIssue] = []
        let root = FlowPath()
        if !Self.isValidID(flow.id) {
            issues.append(FlowIssue(path: "id", message: "must be 1-64 lower-case letters, digits, '_' or '-'"))
        }
        if flow.name.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(FlowIssue(path: "name", message: "must not be empty")) }
        if flow.version < 1 { issues.append(FlowIssue(path: "version", message: "must be 1 or more")) }
        issues += validateTrigger(flow.trigger, at: root.key("trigger"))
        for (i, condition) in (flow.entryConditions ?? []).enumerated() {
            issues += ConditionChecker.check(condition, at: root.key("entry_conditions").index(i))
        }
        issues += validateSteps(flow, at: root.key("steps"))
        issues += FlowGraph(flow).cycleIssues()
        if let experiment = flow.experiment { issues += validateExperiment(experiment, in: flow) }
        if let priority = flow.priority, priority < 0 { issues.append(FlowIssue(path: "priority", message: "must not be negative")) }
        return issues
    }

    /// Validates and throws all issues at once; for the save path.
    public func check(_ flow: FlowDocument) throws(FlowDocumentError) {
        let issues = validate(flow)
        if !issues.isEmpty { throw FlowDocumentError(issues: issues) }
    }

    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" || $0 == "-" }
    }

    func validateTrigger(_ trigger: FlowTrigger, at path: FlowPath) -> [FlowIssue] {
        guard FlowTriggerType.known.contains(trigger.type) else {
            let known = FlowTriggerType.known.map(\.rawValue).sorted().joined(separator: ", ")
            return [FlowIssue(path: path.key("type").text, message: "unknown trigger '\(trigger.type)'; known: \(known)")]
        }
        switch trigger.type {
        case .noOrderForDays where (trigger.days ?? 0) < 1:
            return [FlowIssue(path: path.key("days").text, message: "must be a number of days, 1 or more")]
        case .lifetimeSpendCrossed where (trigger.threshold ?? 0) < 1:
            return [FlowIssue(path: path.key("threshold").text, message: "must be a positive amount in minor units")]
        case .customEvent where !EventType.isValidName(trigger.event ?? ""):
            return [FlowIssue(path: path.key("event").text, message: "must name an event type (lower-case letters, digits, '_', '.', ':')")]
        default:
            return []
        }
    }

    func validateExperiment(_ experiment: FlowExperiment, in flow: FlowDocument) -> [FlowIssue] {
        let path = FlowPath("experiment")
        var issues: [FlowIssue] = []
        if !Self.isValidID(experiment.id) { issues.append(FlowIssue(path: path.key("id").text, message: "must be a lower-case id")) }
        if let holdout = experiment.holdoutPercent, !(0...99).contains(holdout) {
            issues.append(FlowIssue(path: path.key("holdout_percent").text, message: "must be between 0 and 99"))
        }
        if experiment.variants.isEmpty { issues.append(FlowIssue(path: path.key("variants").text, message: "needs at least one variant")) }
        var seen: Set<String> = []
        let stepIDs = Set(flow.steps.map(\.id))
        for (i, variant) in experiment.variants.enumerated() {
            let at = path.key("variants").index(i)
            if !seen.insert(variant.id).inserted || variant.id.isEmpty || variant.id == ExperimentAssignment.holdout {
                issues.append(FlowIssue(path: at.key("id").text, message: "must be a unique, non-empty id other than 'holdout'"))
            }
            if let weight = variant.weight, weight < 1 { issues.append(FlowIssue(path: at.key("weight").text, message: "must be 1 or more")) }
            for (j, patch) in (variant.steps ?? []).enumerated() {
                let id = patch["id"]?.stringValue ?? ""
                if !stepIDs.contains(id) {
                    issues.append(FlowIssue(path: at.key("steps").index(j).key("id").text, message: "no step '\(id)' to change"))
                }
            }
            // The variant's own document must be valid too; its problems are reported under the variant.
            let resolved = flow.resolved(variant: variant.id)
            if resolved != flow {
                var plain = resolved
                plain.experiment = nil
                for issue in validateSteps(plain, at: FlowPath("steps")) + FlowGraph(plain).cycleIssues() {
                    issues.append(FlowIssue(path: at.text + "." + issue.path, message: issue.message))
                }
            }
        }
        return issues
    }
}
