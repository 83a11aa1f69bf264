/// A segment definition: conditions over `CustomerFacts` combined with all/any/not.
///
/// JSON form (what `SegmentRule.parse(jsonData:)` reads and `Codable` writes):
/// ```json
/// {"match": "all", "rules": [
///   {"field": "spend", "op": "gte", "value": 50000},
///   {"field": "daysSinceLastOrder", "op": "gt", "value": 60},
///   {"not": {"field": "tags", "op": "contains", "value": "wholesale"}},
///   {"match": "any", "rules": [
///     {"field": "country", "op": "in", "value": ["GB", "IE"]},
///     {"field": "rfmCell", "op": "eq", "value": "555"}]}]}
/// ```
/// A condition whose fact is missing (never ordered, no RFM score, unknown country, never opened) is false for every
/// operator, `ne` and `notIn` included; `not` then makes it true. The SQL translation keeps exactly this two-valued logic.
public indirect enum SegmentRule: Sendable, Hashable {
    /// Every sub-rule holds (true when empty).
    case all([SegmentRule])
    /// At least one sub-rule holds (false when empty).
    case any([SegmentRule])
    /// The sub-rule does not hold.
    case not(SegmentRule)
    /// A single comparison.
    case condition(SegmentCondition)
}

/// A comparison of one customer fact with a constant.
public struct SegmentCondition: Sendable, Hashable {
    /// The fact compared.
    public var field: SegmentField
    /// The comparison.
    public var op: SegmentOperator
    /// The constant.
    public var value: SegmentValue

    /// Creates a condition. Use `SegmentRule.parse` for untrusted input: this initialiser does not validate.
    public init(_ field: SegmentField, _ op: SegmentOperator, _ value: SegmentValue) {
        self.field = field
        self.op = op
        self.value = value
    }
}

/// A constant in a condition.
public enum SegmentValue: Sendable, Hashable {
    /// A whole number: minor units, counts, RFM scores.
    case integer(Int64)
    /// A number of days (may be fractional).
    case days(Double)
    /// Text: a country code, an RFM cell, a tag, a product ID.
    case string(String)
    /// A list of texts, for `in` and `notIn`.
    case strings([String])
    /// A flag (consents).
    case bool(Bool)
}

/// Comparison operators.
public enum SegmentOperator: String, Sendable, Hashable, CaseIterable, Codable {
    case eq, ne, lt, lte, gt, gte, `in`, notIn, contains, notContains
}

/// The customer facts a rule can use.
public enum SegmentField: String, Sendable, Hashable, CaseIterable, Codable {
    /// Net spend in minor units (integer).
    case spend
    /// Number of orders (integer).
    case orderCount
    /// Days since the last order (number; missing for customers without orders).
    case daysSinceLastOrder
    /// RFM scores 1–5 (integer; missing without orders).
    case rfmRecency, rfmFrequency, rfmMonetary
    /// RFM cell, three digits like "545" (text).
    case rfmCell
    /// Customer tags (set of texts).
    case tags
    /// Marketing consents (flags).
    case emailConsent, smsConsent
    /// ISO 3166-1 alpha-2 country code (text).
    case country
    /// Product IDs ever bought (set of texts).
    case productsBought
    /// Days since the last email open / click (number; "opened in the last 30 days" is `lte 30`).
    case daysSinceLastOpen, daysSinceLastClick

    /// The kind of value a field holds, which decides its operators and constant type.
    public enum Kind: Sendable, Hashable {
        case integer, days, text, set, flag
    }

    /// This field's kind.
    public var kind: Kind {
        switch self {
        case .spend, .orderCount, .rfmRecency, .rfmFrequency, .rfmMonetary: .integer
        case .daysSinceLastOrder, .daysSinceLastOpen, .daysSinceLastClick: .days
        case .rfmCell, .country: .text
        case .tags, .productsBought: .set
        case .emailConsent, .smsConsent: .flag
        }
    }

    /// The operators allowed on this field.
    public var operators: [SegmentOperator] {
        switch kind {
        case .integer, .days: [.eq, .ne, .lt, .lte, .gt, .gte]
        case .text: [.eq, .ne, .in, .notIn]
        case .set: [.contains, .notContains]
        case .flag: [.eq, .ne]
        }
    }
}
