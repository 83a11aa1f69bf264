public import Foundation

/// What segment rules can know about one customer (one row of the `customer_facts` table, see `CustomerFactsTable`).
public struct CustomerFacts: Sendable, Hashable, Codable {
    /// The customer's identifier.
    public var customerID: String
    /// Net spend (orders − refunds) in minor units.
    public var spendMinor: Int64
    /// Number of orders.
    public var orderCount: Int
    /// The latest order, if any.
    public var lastOrderAt: Date?
    /// RFM scores, if the customer has ordered.
    public var rfm: RFMScore?
    /// Tags.
    public var tags: Set<String>
    /// Email marketing consent.
    public var emailConsent: Bool
    /// SMS marketing consent.
    public var smsConsent: Bool
    /// ISO 3166-1 alpha-2 country code.
    public var country: String?
    /// Product IDs ever bought.
    public var productsBought: Set<String>
    /// The latest email open.
    public var lastOpenedAt: Date?
    /// The latest email click.
    public var lastClickedAt: Date?

    /// Creates facts; everything but the ID has an empty default.
    public init(
        customerID: String,
        spendMinor: Int64 = 0,
        orderCount: Int = 0,
        lastOrderAt: Date? = nil,
        rfm: RFMScore? = nil,
        tags: Set<String> = [],
        emailConsent: Bool = false,
        smsConsent: Bool = false,
        country: String? = nil,
        productsBought: Set<String> = [],
        lastOpenedAt: Date? = nil,
        lastClickedAt: Date? = nil
    ) {
        self.customerID = customerID
        self.spendMinor = spendMinor
        self.orderCount = orderCount
        self.lastOrderAt = lastOrderAt
        self.rfm = rfm
        self.tags = tags
        self.emailConsent = emailConsent
        self.smsConsent = smsConsent
        self.country = country
        self.productsBought = productsBought
        self.lastOpenedAt = lastOpenedAt
        self.lastClickedAt = lastClickedAt
    }
}

extension SegmentRule {
    /// Whether `facts` belong to the segment at `now`.
    ///
    /// Day fields compare whole seconds: "days since X op N" is evaluated as "⌊X⌋ reversed-op cutoff" with
    /// cutoff = ⌊now⌋ − round(N · 86400) seconds, exactly as the SQL translation does.
    public func matches(_ facts: CustomerFacts, now: Date) -> Bool {
        switch self {
        case .all(let rules): rules.allSatisfy { $0.matches(facts, now: now) }
        case .any(let rules): rules.contains { $0.matches(facts, now: now) }
        case .not(let rule): !rule.matches(facts, now: now)
        case .condition(let condition): condition.matches(facts, now: now)
        }
    }
}

extension SegmentCondition {
    func matches(_ facts: CustomerFacts, now: Date) -> Bool {
        switch (field, value) {
        case (.spend, .integer(let n)): compare(facts.spendMinor, op, n)
        case (.orderCount, .integer(let n)): compare(Int64(facts.orderCount), op, n)
        case (.rfmRecency, .integer(let n)): facts.rfm.map { compare(Int64($0.recency), op, n) } ?? false
        case (.rfmFrequency, .integer(let n)): facts.rfm.map { compare(Int64($0.frequency), op, n) } ?? false
        case (.rfmMonetary, .integer(let n)): facts.rfm.map { compare(Int64($0.monetary), op, n) } ?? false
        case (.daysSinceLastOrder, .days(let d)): days(facts.lastOrderAt, d, now)
        case (.daysSinceLastOpen, .days(let d)): days(facts.lastOpenedAt, d, now)
        case (.daysSinceLastClick, .days(let d)): days(facts.lastClickedAt, d, now)
        case (.rfmCell, _): text(facts.rfm?.cell)
        case (.country, _): text(facts.country)
        case (.tags, .string(let s)): (op == .contains) == facts.tags.contains(s)
        case (.productsBought, .string(let s)): (op == .contains) == facts.productsBought.contains(s)
        case (.emailConsent, .bool(let b)): (op == .eq) == (facts.emailConsent == b)
        case (.smsConsent, .bool(let b)): (op == .eq) == (facts.smsConsent == b)
        default: false
        }
    }

    private func days(_ date: Date?, _ days: Double, _ now: Date) -> Bool {
        guard let date else { return false }
        return compare(CustomerFactsTable.epochSeconds(date), op.reversed, CustomerFactsTable.cutoff(now: now, days: days))
    }

    private func text(_ actual: String?) -> Bool {
        guard let actual else { return false }
        switch (op, value) {
        case (.eq, .string(let s)): return actual == s
        case (.ne, .string(let s)): return actual != s
        case (.in, .strings(let list)): return list.contains(actual)
        case (.notIn, .strings(let list)): return !list.contains(actual)
        default: return false
        }
    }
}

private func compare(_ a: Int64, _ op: SegmentOperator, _ b: Int64) -> Bool {
    switch op {
    case .eq: a == b
    case .ne: a != b
    case .lt: a < b
    case .lte: a <= b
    case .gt: a > b
    case .gte: a >= b
    default: false
    }
}

extension SegmentOperator {
    /// The operator on timestamps equivalent to this one on "days since": more days ago = an earlier timestamp.
    var reversed: SegmentOperator {
        switch self {
        case .lt: .gt
        case .lte: .gte
        case .gt: .lt
        case .gte: .lte
        default: self
        }
    }

    var sql: String {
        switch self {
        case .eq: "="
        case .ne: "<>"
        case .lt: "<"
        case .lte: "<="
        case .gt: ">"
        case .gte: ">="
        case .in: "IN"
        case .notIn: "NOT IN"
        case .contains: "EXISTS"
        case .notContains: "NOT EXISTS"
        }
    }
}
