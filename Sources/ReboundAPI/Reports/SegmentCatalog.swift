public import Foundation
import ReboundAdmin
public import ReboundAnalytics
public import ReboundCore
public import ReboundStore

/// A segment as reports and the admin use it: a saved one, or a built-in VIP tier.
public struct SegmentDefinition: Sendable {
    public var id: String
    public var name: String
    public var description: String
    public var rule: SegmentRule
    /// Built-in VIP tiers follow the spend thresholds and cannot be edited or deleted.
    public var builtIn: Bool
    public var updatedAt: Date?
}

/// Saved segments, the built-in VIP tiers, and how both compile to SQL over `customer_facts`.
public enum SegmentCatalog {
    /// `vip-silver`, `vip-gold`, `vip-platinum` from `VIPTiers.standard`.
    public static var builtIns: [SegmentDefinition] {
        let tiers = VIPTiers.standard
        return tiers.tiers.compactMap { tier in
            tiers.rule(forTier: tier.name).map {
                SegmentDefinition(
                    id: "vip-" + tier.name.lowercased(),
                    name: "VIP " + tier.name,
                    description: "Built-in loyalty tier by net spend",
                    rule: $0,
                    builtIn: true,
                    updatedAt: nil
                )
            }
        }
    }

    public static func definition(_ stored: StoredSegment) -> SegmentDefinition? {
        guard let rule = try? SegmentRule.parse(jsonData: Data(stored.rule.utf8)) else { return nil }
        return SegmentDefinition(
            id: stored.id,
            name: stored.name,
            description: stored.description,
            rule: rule,
            builtIn: false,
            updatedAt: stored.updatedAt
        )
    }

    /// The built-in tiers first, then the shop's saved segments by name.
    public static func all(store: Store, shopID: Shop.ID) async throws -> [SegmentDefinition] {
        builtIns + (try await store.segments(shopID: shopID)).compactMap(definition)
    }

    public static func find(store: Store, shopID: Shop.ID, id: String) async throws -> SegmentDefinition? {
        if let builtIn = builtIns.first(where: { $0.id == id }) { return builtIn }
        return try await store.segment(shopID: shopID, id: id).flatMap(definition)
    }

    /// Days since 1970 (UTC): the key of a segment's daily count.
    public static func dayIndex(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// Counts a segment in the database (facts must be current) and remembers the count as today's.
    public static func liveCount(store: Store, shopID: Shop.ID, segment: SegmentDefinition, now: Date) async throws -> Int {
        let count = try await store.countCustomers(shopID: shopID, matching: filter(segment.rule, now: now))
        try await store.recordSegmentCount(shopID: shopID, segmentID: segment.id, day: dayIndex(now), count: count)
        return count
    }

    /// The rule as a parameterised filter over `customer_facts` (ReboundAnalytics' compiler, `?` placeholders).
    public static func filter(_ rule: SegmentRule, now: Date) -> FactsFilter {
        let fragment = rule.sqlWhere(now: now, placeholders: .questionMark)
        return FactsFilter(
            sql: fragment.sql,
            binds: fragment.binds.map {
                switch $0 {
                case .integer(let n): .integer(n)
                case .text(let s): .text(s)
                case .bool(let b): .bool(b)
                }
            }
        )
    }

    /// The rule's JSON document (the form `SegmentRule.parse(jsonData:)` reads).
    public static func json(_ rule: SegmentRule) -> JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(rule), let value = try? JSONValue.parse(String(decoding: data, as: UTF8.self)) else { return .null }
        return value
    }

    /// The rule in words: "spend ≥ €500.00 and days since last order > 60"; amounts in `currency` when given.
    public static func summary(_ rule: SegmentRule, currency: String? = nil) -> String {
        switch rule {
        case .all(let rules): rules.isEmpty ? "every customer" : rules.map { group($0, currency) }.joined(separator: " and ")
        case .any(let rules): rules.isEmpty ? "no customer" : rules.map { group($0, currency) }.joined(separator: " or ")
        case .not(let inner): "not (" + summary(inner, currency: currency) + ")"
        case .condition(let condition): words(condition, currency)
        }
    }

    static func group(_ rule: SegmentRule, _ currency: String?) -> String {
        switch rule {
        case .all(let rules) where rules.count > 1, .any(let rules) where rules.count > 1: "(" + summary(rule, currency: currency) + ")"
        default: summary(rule, currency: currency)
        }
    }

    static func words(_ c: SegmentCondition, _ currency: String?) -> String {
        let op = SegmentFields.operatorLabel(c.op)
        let value: String
        switch c.value {
        case .integer(let n):
            if c.field == .spend, let currency {
                value = AdminFormat(currency: currency).money(AdminMoney(minorUnits: n, currency: currency))
            } else {
                value = String(n)
            }
        case .days(let d): value = d == d.rounded() ? String(Int(d)) : String(d)
        case .string(let s): value = "“\(s)”"
        case .strings(let list): value = list.joined(separator: ", ")
        case .bool(let b): value = b ? "yes" : "no"
        }
        return "\(SegmentFields.shortLabel(c.field)) \(op) \(value)"
    }
}

/// Labels, operators and hints of the fields a segment rule can use, for the editor and the summaries.
public enum SegmentFields {
    /// The field as a summary names it: "spend", "days since last order".
    public static func shortLabel(_ field: SegmentField) -> String {
        switch field {
        case .spend: "spend"
        case .orderCount: "orders"
        case .productsBought: "products bought"
        default: label(field).lowercased()
        }
    }

    public static func label(_ field: SegmentField) -> String {
        switch field {
        case .spend: "Spend (net, minor units)"
        case .orderCount: "Orders"
        case .daysSinceLastOrder: "Days since last order"
        case .rfmRecency: "RFM recency score"
        case .rfmFrequency: "RFM frequency score"
        case .rfmMonetary: "RFM monetary score"
        case .rfmCell: "RFM cell"
        case .tags: "Tags"
        case .emailConsent: "Email consent"
        case .smsConsent: "SMS consent"
        case .country: "Country"
        case .productsBought: "Products bought"
        case .daysSinceLastOpen: "Days since last email open"
        case .daysSinceLastClick: "Days since last email click"
        }
    }

    public static func hint(_ field: SegmentField) -> String {
        switch field.kind {
        case .integer: field == .spend ? "an amount in minor units (cents): 50000 is 500.00" : "a whole number (RFM scores 1–5)"
        case .days: "a number of days"
        case .text: field == .country ? "a country code such as GB, or several separated by commas for “is one of”" : "three digits such as 545"
        case .set: field == .tags ? "one tag" : "one product id"
        case .flag: "yes or no"
        }
    }

    public static func operatorLabel(_ op: SegmentOperator) -> String {
        switch op {
        case .eq: "is"
        case .ne: "is not"
        case .lt: "<"
        case .lte: "≤"
        case .gt: ">"
        case .gte: "≥"
        case .in: "is one of"
        case .notIn: "is none of"
        case .contains: "includes"
        case .notContains: "does not include"
        }
    }
}
