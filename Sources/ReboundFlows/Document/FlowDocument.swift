public import ReboundCore

/// A JSON object, as step patches are written.
public typealias JSONValueObject = [String: JSONValue]

/// A flow as a shop saves it: a versioned JSON (or YAML) document.
///
/// Keys are snake_case, as documented in `docs/flows.md`. A run keeps the ``version`` it started with; saving a
/// changed document makes a new version.
///
/// ```json
/// {"id": "cart_recovery", "name": "Cart recovery", "version": 1,
///  "trigger": {"type": "cart_abandoned"},
///  "steps": [{"id": "wait_1h", "type": "wait", "wait": "1h"},
///            {"id": "email_help", "type": "send_email", "template": "cart_recovery.help"}]}
/// ```
public struct FlowDocument: Hashable, Sendable, Codable {
    /// Lower-case letters, digits, `_` and `-`; unique per shop.
    public var id: String
    public var name: String
    /// 1 for a new flow; the store sets it on save.
    public var version: Int
    public var trigger: FlowTrigger
    /// All must hold for a run to start.
    public var entryConditions: [FlowCondition]?
    public var steps: [FlowStep]
    /// External events that end a run; ``defaultExitOn`` when absent. `unsubscribed` always ends a run.
    public var exitOn: [FlowExitEvent]?
    public var experiment: FlowExperiment?
    /// Of the flows sharing a group that would start for the same event, only the one with the highest
    /// ``priority`` starts (e.g. `vip_cart` instead of `cart_recovery`).
    public var exclusiveGroup: String?
    public var priority: Int?
    /// Free text for people.
    public var description: String?

    public init(
        id: String,
        name: String,
        version: Int = 1,
        trigger: FlowTrigger,
        entryConditions: [FlowCondition]? = nil,
        steps: [FlowStep],
        exitOn: [FlowExitEvent]? = nil,
        experiment: FlowExperiment? = nil,
        exclusiveGroup: String? = nil,
        priority: Int? = nil,
        description: String? = nil
    ) {
        self.id = id
        self.name = name
        self.version = version
        self.trigger = trigger
        self.entryConditions = entryConditions
        self.steps = steps
        self.exitOn = exitOn
        self.experiment = experiment
        self.exclusiveGroup = exclusiveGroup
        self.priority = priority
        self.description = description
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, version, trigger
        case entryConditions = "entry_conditions"
        case steps
        case exitOn = "exit_on"
        case experiment
        case exclusiveGroup = "exclusive_group"
        case priority, description
    }

    /// The exit events in force: ``exitOn`` or ``defaultExitOn``, always with `unsubscribed`.
    public var effectiveExitOn: Set<FlowExitEvent> {
        Set(exitOn ?? defaultExitOn).union([.unsubscribed])
    }

    /// `cart_converted` and `unsubscribed` for cart and checkout triggers, `unsubscribed` otherwise.
    public var defaultExitOn: [FlowExitEvent] {
        trigger.type.isCartTrigger ? [.cartConverted, .unsubscribed] : [.unsubscribed]
    }

    /// The step with `id`.
    public func step(_ id: String) -> FlowStep? { steps.first { $0.id == id } }

    /// The step a run goes to after `step` when nothing else says: `next`, else the following step, else none.
    public func successor(of step: FlowStep) -> String? {
        if let next = step.next { return next }
        guard let index = steps.firstIndex(where: { $0.id == step.id }), index + 1 < steps.count else { return nil }
        return steps[index + 1].id
    }
}

/// An external event that can end a run.
public enum FlowExitEvent: String, Hashable, Sendable, Codable, CaseIterable {
    /// The run's own cart turned into an order (another order of the same person does not count).
    case cartConverted = "cart_converted"
    /// Any order of the person.
    case orderPlaced = "order_placed"
    case unsubscribed
    /// An agent conversation with the person opened.
    case conversationOpened = "conversation_opened"
}

/// An A/B split with an optional holdout share that gets nothing.
///
/// A variant changes steps by id with the same merge as template overrides, so one experiment splits a single
/// step (message, timing, incentive) or many. Assignment is deterministic per customer; see ``ExperimentAssignment``.
public struct FlowExperiment: Hashable, Sendable, Codable {
    public var id: String
    /// Whole percent (0–99) of customers who get no step at all.
    public var holdoutPercent: Int?
    public var variants: [FlowVariant]

    public init(id: String, holdoutPercent: Int? = nil, variants: [FlowVariant]) {
        self.id = id
        self.holdoutPercent = holdoutPercent
        self.variants = variants
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id
        case holdoutPercent = "holdout_percent"
        case variants
    }
}

/// One arm of an experiment: a weight and step patches.
public struct FlowVariant: Hashable, Sendable, Codable {
    public var id: String
    /// Relative share among variants; defaults to 1.
    public var weight: Int?
    /// Step patches merged by `id`, e.g. `[{"id": "wait_1h", "wait": "2h"}]`; none for the control.
    public var steps: [JSONValueObject]?

    public init(id: String, weight: Int? = nil, steps: [JSONValueObject]? = nil) {
        self.id = id
        self.weight = weight
        self.steps = steps
    }
}
