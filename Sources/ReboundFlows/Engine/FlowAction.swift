public import Foundation
public import ReboundCore

/// An effect the engine asks for. Each carries an idempotency ``key`` (`<run id>:<step id>`, timers add `:timer`),
/// so a retry or a second process never carries it out twice.
public enum FlowAction: Hashable, Sendable {
    /// Call the engine with `.timerFired` at `at`.
    case scheduleTimer(key: String, stepID: String, at: Date)
    /// Send a message; the sender applies ``Guardrails`` before it goes out.
    case send(FlowMessage)
    /// Issue a unique code (see ``DiscountCodeGenerator``) from the inline `spec`, valid until `expiresAt`, or from the
    /// shop rule `ruleID` (whose expiry the issuer works out from the rule).
    case issueDiscount(key: String, stepID: String, spec: DiscountSpec?, ruleID: String?, expiresAt: Date?)
    case createTask(key: String, stepID: String, template: String, queue: String, priority: String)
    case notifySlack(key: String, stepID: String, channel: String, template: String)
    case notifyWebhook(key: String, stepID: String, url: String, template: String?)
    case tagCustomer(key: String, stepID: String, tags: [String])
    /// A step that was passed over, e.g. an SMS without consent; recorded for reporting.
    case skipStep(key: String, stepID: String, reason: String)
    /// The run ended; cancel its pending timer.
    case exit(key: String, reason: FlowExitReason)

    public var key: String {
        switch self {
        case .scheduleTimer(let key, _, _), .issueDiscount(let key, _, _, _, _), .createTask(let key, _, _, _, _),
            .notifySlack(let key, _, _, _), .notifyWebhook(let key, _, _, _), .tagCustomer(let key, _, _), .skipStep(let key, _, _),
            .exit(let key, _):
            key
        case .send(let message): message.key
        }
    }
}

/// A message to send, with everything attribution needs to credit it later.
public struct FlowMessage: Hashable, Sendable {
    public var key: String
    public var runID: FlowRunState.ID
    public var flowID: String
    public var flowVersion: Int
    public var stepID: String
    public var variant: String?
    public var channel: MessageChannel
    public var template: String

    public init(
        key: String,
        runID: FlowRunState.ID,
        flowID: String,
        flowVersion: Int,
        stepID: String,
        variant: String?,
        channel: MessageChannel,
        template: String
    ) {
        self.key = key
        self.runID = runID
        self.flowID = flowID
        self.flowVersion = flowVersion
        self.stepID = stepID
        self.variant = variant
        self.channel = channel
        self.template = template
    }
}
