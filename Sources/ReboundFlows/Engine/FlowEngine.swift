public import Foundation

/// The pure state machine that runs flows: given a flow version, a run's state and an input, it returns the new state
/// and the effects to carry out. It does no I/O and reads no clock; the same inputs always give the same output.
///
/// ```swift
/// let engine = FlowEngine()
/// var step = engine.start(flow, runID: "run_1", context: context, triggeredAt: abandonedAt, now: now)
/// // later, when the scheduler fires the timer:
/// step = engine.handle(.timerFired, state: step.state, flow: flow, now: timerDate)
/// ```
///
/// Waits count from when the previous wait was due, not from when the timer actually fired, so a late scheduler
/// does not shift the rest of the flow; a wait whose time has already passed continues at once.
public struct FlowEngine: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// Used for `until HH:MM local` waits when the customer has no time zone (normally the shop's).
        public var defaultTimeZone: String
        /// Guard against loops in documents that skipped validation.
        public var maxStepsPerInput: Int

        public init(defaultTimeZone: String = "UTC", maxStepsPerInput: Int = 256) {
            self.defaultTimeZone = defaultTimeZone
            self.maxStepsPerInput = maxStepsPerInput
        }
    }

    public var configuration: Configuration

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// Starts a run for a trigger that happened at `triggeredAt`.
    ///
    /// Checks the entry conditions, assigns the experiment variant (a holdout run ends at once with reason `holdout`,
    /// so it can still be counted) and carries out steps until the first wait that lies after `now`.
    public func start(_ flow: FlowDocument, runID: FlowRunState.ID, context: FlowContext, triggeredAt: Date, now: Date) -> FlowTransition {
        var run = Run(state: FlowRunState(id: runID, flowID: flow.id, flowVersion: flow.version, startedAt: triggeredAt, context: context), now: now)
        guard ConditionEvaluator.holds(flow.entryConditions ?? [], in: context) else {
            run.finish(.exited, .entryConditionsNotMet)
            return run.transition
        }
        if let experiment = flow.experiment {
            let assignment = ExperimentAssignment.assign(flowID: flow.id, experiment: experiment, subject: context.subjectKey)
            run.state.variant = assignment
            if assignment == ExperimentAssignment.holdout {
                run.finish(.exited, .holdout)
                return run.transition
            }
        }
        advance(&run, from: flow.steps.first?.id, in: flow.resolved(variant: run.state.variant), reachedAt: triggeredAt)
        return run.transition
    }

    /// Moves a run on after `input`. Finished runs ignore every input.
    ///
    /// - Parameter flow: the version the run started with (``FlowRunState/flowVersion``).
    public func handle(_ input: FlowInput, state: FlowRunState, flow: FlowDocument, now: Date) -> FlowTransition {
        var run = Run(state: state, now: now)
        guard !state.status.isFinished else { return run.transition }
        guard flow.id == state.flowID, flow.version == state.flowVersion else {
            run.finish(.exited, .versionMismatch)
            return run.transition
        }
        let flow = flow.resolved(variant: state.variant)
        let exits = flow.effectiveExitOn
        let cartID = state.context.cart?.cartID
        switch input {
        case .timerFired:
            guard let stepID = state.currentStepID, let wakeAt = state.wakeAt, let step = flow.step(stepID) else {
                run.finish(.exited, .invalidStep)
                break
            }
            guard now >= wakeAt else {
                // Fired early: ask again for the right time.
                run.actions.append(.scheduleTimer(key: state.key(for: stepID) + ":timer", stepID: stepID, at: wakeAt))
                break
            }
            run.state.completedSteps.append(stepID)
            advance(&run, from: flow.successor(of: step), in: flow, reachedAt: wakeAt)
        case .cartConverted(let converted):
            if exits.contains(.cartConverted), converted == cartID { run.finish(.exited, .cartConverted) }
        case .orderPlaced(_, let orderCart):
            if exits.contains(.cartConverted), orderCart != nil, orderCart == cartID {
                run.finish(.exited, .cartConverted)
            } else if exits.contains(.orderPlaced) {
                run.finish(.exited, .orderPlaced)
            }
        case .unsubscribed(let channel):
            if channel == nil || channel == .email { run.state.context.customer.emailConsent = false }
            if channel == nil || channel == .sms { run.state.context.customer.smsConsent = false }
            run.finish(.exited, .unsubscribed)
        case .conversationOpened:
            if exits.contains(.conversationOpened) { run.finish(.exited, .conversationOpened) }
        case .messageOpened(let stepID):
            run.state.context.engagement.opened.insert(stepID)
        case .messageClicked(let stepID):
            run.state.context.engagement.opened.insert(stepID)
            run.state.context.engagement.clicked.insert(stepID)
        case .customerUpdated(let facts):
            run.state.context.customer = facts
        }
        return run.transition
    }
}

/// A run being moved on: its state, the actions so far, and `now`.
struct Run {
    var state: FlowRunState
    var actions: [FlowAction] = []
    let now: Date

    init(state: FlowRunState, now: Date) {
        self.state = state
        self.now = now
    }

    var transition: FlowTransition { FlowTransition(state: state, actions: actions) }

    mutating func finish(_ status: FlowRunState.Status, _ reason: FlowExitReason) {
        state.status = status
        state.exitReason = reason
        state.finishedAt = now
        state.currentStepID = nil
        state.wakeAt = nil
        actions.append(.exit(key: state.key(for: "exit"), reason: reason))
    }
}
