/// One step of a flow. Every step has an `id`, a `type` and an optional `next`; the other keys depend on the type.
///
/// Without `next` a step continues with the one after it in `steps`; the last step ends the run. See `docs/flows.md`
/// for the keys each type takes.
public struct FlowStep: Hashable, Sendable, Codable {
    public var id: String
    public var type: FlowStepType
    /// The step to go to afterwards; defaults to the next one in the list.
    public var next: String?

    /// `wait`: a duration (`1h30m`) or `until 10:00 local`.
    public var wait: String?
    /// `wait`: `previous` (default: from when the step is reached) or `trigger` (from when the run started).
    public var from: WaitAnchor?

    /// `branch`: tried in order; the first whose conditions all hold wins.
    public var branches: [FlowBranch]?
    /// `branch`: where to go when no branch holds; defaults to `next`.
    public var otherwise: String?

    /// Messages, tasks and notifications: the key of the template that renders them, e.g. `cart_recovery.help`.
    public var template: String?
    /// `issue_discount`: an inline discount.
    public var discount: DiscountSpec?
    /// `issue_discount`: the id of a shop discount rule, instead of an inline discount.
    public var rule: String?
    /// `create_task`: the agent queue, e.g. `vip`.
    public var queue: String?
    /// `create_task`: `low`, `normal`, `high` or `urgent`.
    public var priority: String?
    /// `notify_slack`: the channel, e.g. `#vip-carts`.
    public var channel: String?
    /// `notify_webhook`: the HTTPS address to post to.
    public var url: String?
    /// `tag_customer`: tags to add.
    public var tags: [String]?
    /// `exit`: the reason recorded on the run.
    public var reason: String?

    public init(id: String, type: FlowStepType, next: String? = nil) {
        self.id = id
        self.type = type
        self.next = next
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, type, next, wait, from, branches
        case otherwise = "else"
        case template, discount, rule, queue, priority, channel, url, tags, reason
    }
}

/// One arm of a `branch` step: `{"when": [conditions], "goto": "step_id"}`.
public struct FlowBranch: Hashable, Sendable, Codable {
    public var when: [FlowCondition]
    public var goto: String

    public init(when: [FlowCondition], goto: String) {
        self.when = when
        self.goto = goto
    }
}

/// What a relative wait counts from.
public enum WaitAnchor: String, Hashable, Sendable, Codable {
    /// From when the wait step is reached.
    case previous
    /// From when the run was triggered, so `24h` means 24 h after abandonment however long earlier steps took.
    case trigger
}

/// A step type. Unknown types decode, and are refused by ``FlowValidator``.
public struct FlowStepType: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    // Codable as a plain string comes from the standard library's `RawRepresentable` support.

    public var description: String { rawValue }

    public static let wait = FlowStepType(rawValue: "wait")
    public static let branch = FlowStepType(rawValue: "branch")
    public static let sendEmail = FlowStepType(rawValue: "send_email")
    public static let sendSMS = FlowStepType(rawValue: "send_sms")
    public static let showOnSite = FlowStepType(rawValue: "show_onsite")
    public static let createTask = FlowStepType(rawValue: "create_task")
    public static let notifySlack = FlowStepType(rawValue: "notify_slack")
    public static let notifyWebhook = FlowStepType(rawValue: "notify_webhook")
    public static let issueDiscount = FlowStepType(rawValue: "issue_discount")
    public static let tagCustomer = FlowStepType(rawValue: "tag_customer")
    public static let exit = FlowStepType(rawValue: "exit")

    public static let known: Set<FlowStepType> = [
        .wait, .branch, .sendEmail, .sendSMS, .showOnSite, .createTask, .notifySlack, .notifyWebhook, .issueDiscount, .tagCustomer, .exit,
    ]

    /// Steps that send a message through ``FlowStepType/messageChannel``.
    public var messageChannel: MessageChannel? {
        switch self {
        case .sendEmail: .email
        case .sendSMS: .sms
        case .showOnSite: .onSite
        default: nil
        }
    }
}

/// Where a message goes.
public enum MessageChannel: String, Hashable, Sendable, Codable, CaseIterable {
    case email
    case sms
    case onSite = "onsite"
}

extension FlowStep {
    /// A `wait` step.
    public static func wait(_ id: String, _ wait: String, from: WaitAnchor? = nil, next: String? = nil) -> FlowStep {
        var step = FlowStep(id: id, type: .wait, next: next)
        step.wait = wait
        step.from = from
        return step
    }

    /// A step that renders a template: messages, tasks, notifications.
    public static func templated(_ id: String, _ type: FlowStepType, template: String, next: String? = nil) -> FlowStep {
        var step = FlowStep(id: id, type: type, next: next)
        step.template = template
        return step
    }

    /// An `issue_discount` step with an inline discount.
    public static func issueDiscount(_ id: String, _ discount: DiscountSpec, next: String? = nil) -> FlowStep {
        var step = FlowStep(id: id, type: .issueDiscount, next: next)
        step.discount = discount
        return step
    }

    /// A `branch` step.
    public static func branch(_ id: String, _ branches: [FlowBranch], otherwise: String? = nil) -> FlowStep {
        var step = FlowStep(id: id, type: .branch)
        step.branches = branches
        step.otherwise = otherwise
        return step
    }

    /// The parsed `wait`, when this is a valid wait step.
    public var waitSpec: WaitSpec? {
        guard type == .wait, let wait, case .success(let spec) = WaitSpec.parse(wait) else { return nil }
        return spec
    }
}
