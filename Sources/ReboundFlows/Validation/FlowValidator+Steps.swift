internal import Foundation

extension FlowValidator {
    func validateSteps(_ flow: FlowDocument, at path: FlowPath) -> [FlowIssue] {
        var issues: [FlowIssue] = []
        if flow.steps.isEmpty { issues.append(FlowIssue(path: path.text, message: "a flow needs at least one step")) }
        let ids = Set(flow.steps.map(\.id))
        var seen: Set<String> = []
        for (i, step) in flow.steps.enumerated() {
            let at = path.index(i)
            if !Self.isValidID(step.id) {
                issues.append(FlowIssue(path: at.key("id").text, message: "must be 1-64 lower-case letters, digits, '_' or '-'"))
            } else if !seen.insert(step.id).inserted {
                issues.append(FlowIssue(path: at.key("id").text, message: "'\(step.id)' is used by an earlier step"))
            }
            func reference(_ target: String?, _ key: FlowPath) {
                if let target, !ids.contains(target) { issues.append(FlowIssue(path: key.text, message: "no step with id '\(target)'")) }
            }
            reference(step.next, at.key("next"))
            issues += validateStep(step, at: at, reference: reference)
        }
        return issues
    }

    private func validateStep(_ step: FlowStep, at path: FlowPath, reference: (String?, FlowPath) -> Void) -> [FlowIssue] {
        var issues: [FlowIssue] = []
        func require(_ value: String?, _ key: String) {
            if (value ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                issues.append(FlowIssue(path: path.key(key).text, message: "is required"))
            }
        }
        switch step.type {
        case .wait:
            guard let wait = step.wait else {
                issues.append(FlowIssue(path: path.key("wait").text, message: "is required: a duration like 1h or 'until 10:00 local'"))
                break
            }
            switch WaitSpec.parse(wait) {
            case .failure(let error):
                issues.append(FlowIssue(path: path.key("wait").text, message: error.reason))
            case .success(.duration(let duration)) where duration > configuration.maxWait:
                issues.append(FlowIssue(path: path.key("wait").text, message: "is longer than the longest wait, \(configuration.maxWait)"))
            case .success(.untilLocalTime) where step.from == .trigger:
                issues.append(FlowIssue(path: path.key("from").text, message: "applies to durations only"))
            case .success:
                break
            }
        case .branch:
            let branches = step.branches ?? []
            if branches.isEmpty { issues.append(FlowIssue(path: path.key("branches").text, message: "a branch needs at least one arm")) }
            for (j, branch) in branches.enumerated() {
                let arm = path.key("branches").index(j)
                if branch.when.isEmpty { issues.append(FlowIssue(path: arm.key("when").text, message: "needs at least one condition")) }
                for (k, condition) in branch.when.enumerated() {
                    issues += ConditionChecker.check(condition, at: arm.key("when").index(k))
                }
                reference(branch.goto, arm.key("goto"))
            }
            reference(step.otherwise, path.key("else"))
        case .sendEmail, .sendSMS, .showOnSite, .createTask, .notifySlack:
            require(step.template, "template")
            if step.type == .notifySlack { require(step.channel, "channel") }
            if step.type == .createTask, let priority = step.priority, !["low", "normal", "high", "urgent"].contains(priority) {
                issues.append(FlowIssue(path: path.key("priority").text, message: "must be low, normal, high or urgent"))
            }
        case .notifyWebhook:
            if let url = step.url, let parsed = URL(string: url), parsed.scheme == "https", parsed.host != nil {
                break
            }
            issues.append(FlowIssue(path: path.key("url").text, message: "must be an https address"))
        case .issueDiscount:
            issues += validateDiscount(step, at: path)
        case .tagCustomer:
            if (step.tags ?? []).isEmpty || (step.tags ?? []).contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
                issues.append(FlowIssue(path: path.key("tags").text, message: "needs at least one non-empty tag"))
            }
        case .exit:
            if step.next != nil { issues.append(FlowIssue(path: path.key("next").text, message: "an exit step has no next step")) }
        default:
            let known = FlowStepType.known.map(\.rawValue).sorted().joined(separator: ", ")
            issues.append(FlowIssue(path: path.key("type").text, message: "unknown step type '\(step.type)'; known: \(known)"))
        }
        return issues
    }

    private func validateDiscount(_ step: FlowStep, at path: FlowPath) -> [FlowIssue] {
        switch (step.discount, step.rule) {
        case (let spec?, nil):
            return DiscountRules.validate(spec, policy: configuration.discounts, path: path.key("discount").text)
        case (nil, let rule?):
            guard let spec = configuration.discounts.rules[rule] else {
                return [FlowIssue(path: path.key("rule").text, message: "the shop has no discount rule '\(rule)'")]
            }
            return DiscountRules.validate(spec, policy: configuration.discounts, path: path.key("rule").text)
        case (nil, nil):
            return [FlowIssue(path: path.key("discount").text, message: "is required (or name a shop rule with 'rule')")]
        case (_?, _?):
            return [FlowIssue(path: path.key("rule").text, message: "give either 'discount' or 'rule', not both")]
        }
    }
}
