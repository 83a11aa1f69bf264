internal import Foundation

extension FlowEngine {
    /// Carries out steps from `stepID` until a wait lies in the future or the flow ends.
    func advance(_ run: inout Run, from stepID: String?, in flow: FlowDocument, reachedAt: Date) {
        var current = stepID
        var taken = 0
        while let id = current {
            taken += 1
            guard taken <= configuration.maxStepsPerInput, let step = flow.step(id) else {
                run.finish(.exited, .invalidStep)
                return
            }
            let key = run.state.key(for: id)
            switch step.type {
            case .wait:
                guard let due = dueDate(of: step, run: run.state, reachedAt: reachedAt) else {
                    run.finish(.exited, .invalidStep)
                    return
                }
                if due > run.now {
                    run.state.status = .waiting
                    run.state.currentStepID = id
                    run.state.wakeAt = due
                    run.actions.append(.scheduleTimer(key: key + ":timer", stepID: id, at: due))
                    return
                }
                run.state.completedSteps.append(id)
                current = flow.successor(of: step)
                continue
            case .branch:
                run.state.completedSteps.append(id)
                let arm = (step.branches ?? []).first { ConditionEvaluator.holds($0.when, in: run.state.context) }
                current = arm?.goto ?? step.otherwise ?? flow.successor(of: step)
                continue
            case .exit:
                run.state.completedSteps.append(id)
                run.finish(.exited, step.reason.map(FlowExitReason.init(rawValue:)) ?? .exitStep)
                return
            default:
                guard let action = effect(of: step, key: key, run: &run) else {
                    run.finish(.exited, .invalidStep)
                    return
                }
                run.actions.append(action)
                run.state.completedSteps.append(id)
                current = flow.successor(of: step)
            }
        }
        run.finish(.completed, .completed)
    }

    /// When a wait step reached at `reachedAt` is over.
    func dueDate(of step: FlowStep, run: FlowRunState, reachedAt: Date) -> Date? {
        switch step.waitSpec {
        case .duration(let duration):
            return (step.from == .trigger ? run.startedAt : reachedAt).addingTimeInterval(duration.timeInterval)
        case .untilLocalTime(let time):
            let zone = LocalTime.zone(run.context.customer.timeZone ?? configuration.defaultTimeZone)
            return LocalTime.next(time, after: reachedAt, in: zone)
        case nil:
            return nil
        }
    }

    /// The action of a step that has an effect; `nil` when the step is malformed.
    func effect(of step: FlowStep, key: String, run: inout Run) -> FlowAction? {
        let state = run.state
        if let channel = step.type.messageChannel {
            guard let template = step.template else { return nil }
            guard state.context.customer.mayReceive(channel) else {
                return .skipStep(key: key, stepID: step.id, reason: "no_\(channel.rawValue)_consent")
            }
            return .send(
                FlowMessage(
                    key: key,
                    runID: state.id,
                    flowID: state.flowID,
                    flowVersion: state.flowVersion,
                    stepID: step.id,
                    variant: state.variant,
                    channel: channel,
                    template: template
                )
            )
        }
        switch step.type {
        case .issueDiscount:
            guard step.discount != nil || step.rule != nil else { return nil }
            let expiresAt = step.discount?.validity.map { run.now.addingTimeInterval($0.timeInterval) }
            return .issueDiscount(key: key, stepID: step.id, spec: step.discount, ruleID: step.rule, expiresAt: expiresAt)
        case .createTask:
            guard let template = step.template else { return nil }
            return .createTask(key: key, stepID: step.id, template: template, queue: step.queue ?? "vip", priority: step.priority ?? "high")
        case .notifySlack:
            guard let template = step.template, let channel = step.channel else { return nil }
            return .notifySlack(key: key, stepID: step.id, channel: channel, template: template)
        case .notifyWebhook:
            guard let url = step.url else { return nil }
            return .notifyWebhook(key: key, stepID: step.id, url: url, template: step.template)
        case .tagCustomer:
            guard let tags = step.tags, !tags.isEmpty else { return nil }
            // Later conditions in the same run see the new tags.
            for tag in tags where !run.state.context.customer.tags.contains(tag) { run.state.context.customer.tags.append(tag) }
            return .tagCustomer(key: key, stepID: step.id, tags: tags)
        default:
            return nil
        }
    }
}
