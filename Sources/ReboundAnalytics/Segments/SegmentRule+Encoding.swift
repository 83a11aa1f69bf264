extension SegmentRule: Encodable {
    private enum Keys: String, CodingKey { case match, rules, not, field, op, value }

    /// Writes the JSON form that `parse(jsonData:)` reads.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .all(let rules):
            try container.encode("all", forKey: .match)
            try container.encode(rules, forKey: .rules)
        case .any(let rules):
            try container.encode("any", forKey: .match)
            try container.encode(rules, forKey: .rules)
        case .not(let rule):
            try container.encode(rule, forKey: .not)
        case .condition(let condition):
            try container.encode(condition.field, forKey: .field)
            try container.encode(condition.op, forKey: .op)
            switch condition.value {
            case .integer(let n): try container.encode(n, forKey: .value)
            case .days(let d): try container.encode(d, forKey: .value)
            case .string(let s): try container.encode(s, forKey: .value)
            case .strings(let s): try container.encode(s, forKey: .value)
            case .bool(let b): try container.encode(b, forKey: .value)
            }
        }
    }
}
