public import Foundation
public import ReboundCore

/// Validates incoming events one by one, so that a batch keeps its good events and names each bad one.
public enum EventParser {
    public struct Rejection: Error, Sendable, Hashable, Encodable {
        public var index: Int
        public var id: String?
        public var field: String
        public var detail: String
    }

    public static let maxBatch = 1000

    /// The events of a body that is one event or `{"events": [...]}`.
    public static func events(in body: JSONValue) throws -> (items: [JSONValue], batched: Bool) {
        guard case .object(let object) = body else {
            throw ProblemDetails.validation(field: "(body)", "must be an event object or {\"events\": [...]}")
        }
        guard let batch = object["events"] else { return ([body], false) }
        guard let items = batch.arrayValue else { throw ProblemDetails.validation(field: "events", "must be an array") }
        guard !items.isEmpty else { throw ProblemDetails.validation(field: "events", "must hold at least one event") }
        guard items.count <= maxBatch else {
            throw ProblemDetails.validation(field: "events", "holds \(items.count) events; at most \(maxBatch) per request")
        }
        return (items, true)
    }

    /// Parses one event; `path` prefixes field names in errors (`events[3]`).
    public static func parse(
        _ value: JSONValue,
        index: Int,
        path: String,
        now: Date,
        allowedTypes: Set<String>? = nil
    ) -> Result<Event, Rejection> {
        func reject(_ field: String, _ detail: String) -> Result<Event, Rejection> {
            .failure(Rejection(index: index, id: value["id"]?.stringValue, field: path + field, detail: detail))
        }
        guard case .object(let object) = value else { return reject("", "must be an object") }
        guard let idValue = object["id"] else { return reject("id", "is required") }
        guard case .string(let id) = idValue, !id.isEmpty, id.count <= 128 else { return reject("id", "must be a string of 1 to 128 characters") }
        guard case .string(let type)? = object["type"] else { return reject("type", "is required and must be a string") }
        guard EventType.isValidName(type) else { return reject("type", "must be 1-64 lower-case letters, digits, '_', '.' or ':'") }
        guard !EventType.reserved.contains(type) else { return reject("type", "'\(type)' is written by Rebound itself") }
        if let allowedTypes, !allowedTypes.contains(type) {
            return reject("type", "must be one of " + allowedTypes.sorted().joined(separator: ", "))
        }
        var anonymousID: String?
        switch object["anonymous_id"] {
        case nil, .null?: break
        case .string(let text)? where !text.isEmpty && text.count <= 128: anonymousID = text
        default: return reject("anonymous_id", "must be a string of 1 to 128 characters")
        }
        var customer: CustomerIdentity?
        switch object["customer"] {
        case nil, .null?: break
        case .object(let fields)?:
            for key in ["email", "phone", "external_id"] {
                if let field = fields[key], !field.isNull, field.stringValue == nil {
                    return reject("customer.\(key)", "must be a string")
                }
            }
            if let email = fields["email"]?.stringValue, CustomerIdentity.normalizedEmail(email) == nil {
                return reject("customer.email", "is not an email address")
            }
            if let phone = fields["phone"]?.stringValue, CustomerIdentity.normalizedPhone(phone) == nil {
                return reject("customer.phone", "is not a phone number")
            }
            let identity = CustomerIdentity(
                email: fields["email"]?.stringValue,
                phone: fields["phone"]?.stringValue,
                externalID: fields["external_id"]?.stringValue
            )
            customer = identity.isEmpty ? nil : identity
        default:
            return reject("customer", "must be an object with email, phone or external_id")
        }
        var occurredAt = now
        switch object["occurred_at"] {
        case nil, .null?: break
        case .string(let text)?:
            guard let date = RFC3339.parse(text) else { return reject("occurred_at", "must be an RFC 3339 time such as 2026-11-26T12:00:00Z") }
            // Clocks drift; a time far in the future is a bug in the sender.
            guard date <= now.addingTimeInterval(300) else { return reject("occurred_at", "is more than 5 minutes in the future") }
            occurredAt = date
        default:
            return reject("occurred_at", "must be an RFC 3339 time string")
        }
        var properties: [String: JSONValue] = [:]
        switch object["properties"] {
        case nil, .null?: break
        case .object(let fields)?: properties = fields
        default: return reject("properties", "must be an object")
        }
        if let problem = validateCartProperties(type: type, properties) { return reject("properties." + problem.field, problem.detail) }
        return .success(
            Event(id: Event.ID(id), type: type, anonymousID: anonymousID, customer: customer, occurredAt: occurredAt, properties: properties)
        )
    }

    static func validateCartProperties(type: String, _ properties: [String: JSONValue]) -> (field: String, detail: String)? {
        let needsToken: Set<String> = [
            EventType.addedToCart, EventType.removedFromCart, EventType.viewedCart, EventType.cartUpdated, EventType.startedCheckout,
        ]
        if needsToken.contains(type), properties["cart_token"]?.stringValue == nil, properties["checkout_token"]?.stringValue == nil {
            return ("cart_token", "is required for \(type)")
        }
        if type == EventType.addedToCart || type == EventType.removedFromCart || type == EventType.viewedProduct {
            guard properties["product_id"]?.stringValue != nil else { return ("product_id", "is required for \(type)") }
        }
        if let quantity = properties["quantity"], !quantity.isNull {
            guard let value = quantity.int64Value, value >= 1, value <= 10_000 else { return ("quantity", "must be a whole number from 1 to 10000") }
        }
        if let price = properties["price"], !price.isNull {
            guard case .int(let value) = price, value >= 0 else { return ("price", "must be a whole number of minor units (cents), not negative") }
        }
        if let currency = properties["currency"], !currency.isNull {
            guard let text = currency.stringValue, Currency(rawValue: text) != nil else {
                return ("currency", "must be an ISO 4217 code such as EUR")
            }
        }
        if type == EventType.orderPlaced, properties["order_id"]?.stringValue == nil {
            return ("order_id", "is required for order_placed")
        }
        if let lines = properties["lines"], !lines.isNull {
            guard let array = lines.arrayValue else { return ("lines", "must be an array") }
            for (index, line) in array.enumerated() {
                guard let object = line.objectValue, CartActivity.line(from: object) != nil else {
                    return ("lines[\(index)]", "must have product_id, a quantity from 1 and a price in minor units")
                }
            }
        }
        return nil
    }
}
