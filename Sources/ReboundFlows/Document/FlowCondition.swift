public import ReboundCore

/// A test on one fact of a flow run's context, or a group of such tests.
///
/// Written as `{"field": "cart.value", "op": "gte", "value": 50000}`; `{"any": [...]}` holds when one of its
/// conditions holds and `{"all": [...]}` when all do. A list of conditions (`entry_conditions`, a branch's `when`)
/// means all of them. Fields are listed in ``ConditionField``.
public struct FlowCondition: Hashable, Sendable, Codable {
    public var field: String?
    public var op: ConditionOperator?
    public var value: JSONValue?
    public var any: [FlowCondition]?
    public var all: [FlowCondition]?

    public init(field: String?, op: ConditionOperator?, value: JSONValue? = nil, any: [FlowCondition]? = nil, all: [FlowCondition]? = nil) {
        self.field = field
        self.op = op
        self.value = value
        self.any = any
        self.all = all
    }

    /// `field op value`.
    public static func when(_ field: String, _ op: ConditionOperator, _ value: JSONValue? = nil) -> FlowCondition {
        FlowCondition(field: field, op: op, value: value)
    }

    /// Holds when one of `conditions` holds.
    public static func anyOf(_ conditions: [FlowCondition]) -> FlowCondition {
        FlowCondition(field: nil, op: nil, any: conditions)
    }
}

/// A comparison; the set may grow, so it is a string-backed struct rather than an enum.
public struct ConditionOperator: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    // Codable as a plain string comes from the standard library's `RawRepresentable` support.

    public var description: String { rawValue }

    public static let eq = ConditionOperator(rawValue: "eq")
    public static let ne = ConditionOperator(rawValue: "ne")
    public static let gt = ConditionOperator(rawValue: "gt")
    public static let gte = ConditionOperator(rawValue: "gte")
    public static let lt = ConditionOperator(rawValue: "lt")
    public static let lte = ConditionOperator(rawValue: "lte")
    /// The field's value is one of the listed values.
    public static let `in` = ConditionOperator(rawValue: "in")
    public static let notIn = ConditionOperator(rawValue: "not_in")
    /// A list field contains the value.
    public static let contains = ConditionOperator(rawValue: "contains")
    public static let notContains = ConditionOperator(rawValue: "not_contains")
    /// A list field shares at least one element with the listed values.
    public static let containsAny = ConditionOperator(rawValue: "contains_any")
    /// The field has a value (no `value` needed).
    public static let exists = ConditionOperator(rawValue: "exists")
    public static let missing = ConditionOperator(rawValue: "missing")

    static let comparisons: Set<ConditionOperator> = [.gt, .gte, .lt, .lte]
    static let listOperators: Set<ConditionOperator> = [.contains, .notContains, .containsAny]
    static let all: Set<ConditionOperator> = [.eq, .ne, .gt, .gte, .lt, .lte, .in, .notIn, .contains, .notContains, .containsAny, .exists, .missing]
}

/// The kind of value a condition field holds.
public enum ConditionFieldKind: String, Hashable, Sendable {
    case number, string, bool, list
    /// Free-form: the trigger event's properties (`event.*`).
    case any
}

/// The facts a condition may test. Unknown fields are refused when a flow is saved.
public enum ConditionField {
    /// Every known field and its kind. Money fields are minor units of the shop currency.
    public static let known: [String: ConditionFieldKind] = [
        "cart.value": .number,
        "cart.currency": .string,
        "cart.item_count": .number,
        "cart.categories": .list,
        "cart.product_ids": .list,
        "customer.tags": .list,
        "customer.segments": .list,
        "customer.clv": .number,
        "customer.margin": .number,
        "customer.lifetime_spend": .number,
        "customer.order_count": .number,
        "customer.country": .string,
        "customer.email_consent": .bool,
        "customer.sms_consent": .bool,
        "customer.has_email": .bool,
        "customer.has_phone": .bool,
        "engagement.opened_any": .bool,
        "engagement.clicked_any": .bool,
        "engagement.opened": .list,
        "engagement.clicked": .list,
    ]

    /// Prefix for fields read from the trigger event's properties, e.g. `event.source`.
    public static let eventPrefix = "event."

    /// The field's kind; `nil` when unknown.
    public static func kind(of field: String) -> ConditionFieldKind? {
        if let kind = known[field] { return kind }
        if field.hasPrefix(eventPrefix), field.count > eventPrefix.count { return .any }
        return nil
    }
}
