internal import Foundation
public import ReboundCore

/// Evaluates conditions against a run's context. A field without a value fails every test except `missing` and `ne`.
public enum ConditionEvaluator {
    /// True when all `conditions` hold.
    public static func holds(_ conditions: [FlowCondition], in context: FlowContext) -> Bool {
        conditions.allSatisfy { holds($0, in: context) }
    }

    public static func holds(_ condition: FlowCondition, in context: FlowContext) -> Bool {
        if let any = condition.any { return any.contains { holds($0, in: context) } }
        if let all = condition.all { return all.allSatisfy { holds($0, in: context) } }
        guard let field = condition.field, let op = condition.op else { return false }
        let actual = value(of: field, in: context)
        switch op {
        case .exists: return actual != nil
        case .missing: return actual == nil
        default: break
        }
        guard let actual, let expected = condition.value else { return op == .ne }
        switch op {
        case .eq: return same(actual, expected)
        case .ne: return !same(actual, expected)
        case .gt, .gte, .lt, .lte:
            guard let a = actual.doubleValue, let b = expected.doubleValue else { return false }
            return op == .gt ? a > b : op == .gte ? a >= b : op == .lt ? a < b : a <= b
        case .in: return expected.arrayValue?.contains { same(actual, $0) } ?? false
        case .notIn: return !(expected.arrayValue?.contains { same(actual, $0) } ?? false)
        case .contains: return actual.arrayValue?.contains { same($0, expected) } ?? false
        case .notContains: return !(actual.arrayValue?.contains { same($0, expected) } ?? false)
        case .containsAny:
            let wanted = expected.arrayValue ?? []
            return actual.arrayValue?.contains { element in wanted.contains { same(element, $0) } } ?? false
        default: return false
        }
    }

    /// Strings compare case-insensitively (tags, countries); numbers by value.
    static func same(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if case .string(let x) = a, case .string(let y) = b { return x.caseInsensitiveCompare(y) == .orderedSame }
        if let x = a.doubleValue, let y = b.doubleValue, a.boolValue == nil, b.boolValue == nil { return x == y }
        return a == b
    }

    /// The context's value for a field; `nil` when the run has none (no cart, unknown CLV).
    public static func value(of field: String, in context: FlowContext) -> JSONValue? {
        if field.hasPrefix(ConditionField.eventPrefix) { return context.event[String(field.dropFirst(ConditionField.eventPrefix.count))] }
        let cart = context.cart
        let customer = context.customer
        let strings: ([String]) -> JSONValue = { .array($0.map(JSONValue.string)) }
        switch field {
        case "cart.value": return cart.map { .int($0.value) }
        case "cart.currency": return cart.map { .string($0.currency.rawValue) }
        case "cart.item_count": return cart.map { .int(Int64($0.itemCount)) }
        case "cart.categories": return cart.map { strings($0.categories) }
        case "cart.product_ids": return cart.map { strings($0.productIDs) }
        case "customer.tags": return strings(customer.tags)
        case "customer.segments": return strings(customer.segments)
        case "customer.clv": return customer.clv.map(JSONValue.int)
        case "customer.margin": return customer.margin.map(JSONValue.int)
        case "customer.lifetime_spend": return .int(customer.lifetimeSpend)
        case "customer.order_count": return .int(Int64(customer.orderCount))
        case "customer.country": return customer.country.map(JSONValue.string)
        case "customer.email_consent": return .bool(customer.emailConsent)
        case "customer.sms_consent": return .bool(customer.smsConsent)
        case "customer.has_email": return .bool(customer.hasEmail)
        case "customer.has_phone": return .bool(customer.hasPhone)
        case "engagement.opened_any": return .bool(!context.engagement.opened.isEmpty)
        case "engagement.clicked_any": return .bool(!context.engagement.clicked.isEmpty)
        case "engagement.opened": return strings(context.engagement.opened.sorted())
        case "engagement.clicked": return strings(context.engagement.clicked.sorted())
        default: return nil
        }
    }
}
