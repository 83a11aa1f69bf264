public import Foundation
public import ReboundCore

/// A run's stored state that cannot be read.
public struct FlowRunStateError: Error, Hashable, Sendable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

extension FlowRunState {
    /// The state as stored: the JSON that `JSONEncoder` writes for it (dates as seconds since 2001-01-01, absent
    /// optionals left out, keys sorted here), written by hand because the flow worker reads and writes one per run it
    /// moves on, and `JSONEncoder`/`JSONDecoder` through `Codable` cost more than the database work.
    public var storedJSON: String { jsonValue.jsonText }

    /// Reads a stored state, as written by ``storedJSON`` or by `JSONEncoder`.
    public init(storedJSON text: String) throws(FlowRunStateError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(Array(text.utf8))
        } catch {
            throw FlowRunStateError(reason: "not JSON: \(error)")
        }
        let fields = Fields(value, path: "state")
        let status = try fields.string("status")
        guard let parsedStatus = Status(rawValue: status) else { throw FlowRunStateError(reason: "unknown status \(status)") }
        let context = Fields(try fields.required("context"), path: "context")
        self.init(
            id: ID(try fields.string("id")),
            flowID: try fields.string("flowID"),
            flowVersion: Int(try fields.int("flowVersion")),
            status: parsedStatus,
            currentStepID: try fields.optionalString("currentStepID"),
            startedAt: try fields.date("startedAt"),
            wakeAt: try fields.optionalDate("wakeAt"),
            variant: try fields.optionalString("variant"),
            context: FlowContext(
                cart: try context.optional("cart").map { value throws(FlowRunStateError) in try CartFacts(stored: value) },
                customer: try CustomerFacts(stored: try context.required("customer")),
                engagement: try Engagement(stored: try context.required("engagement")),
                event: try context.optional("event").map { value throws(FlowRunStateError) in
                    guard let object = value.objectValue else { throw FlowRunStateError(reason: "context.event is not an object") }
                    return object
                } ?? [:]
            ),
            completedSteps: try fields.strings("completedSteps"),
            exitReason: try fields.optionalString("exitReason").map(FlowExitReason.init(rawValue:)),
            finishedAt: try fields.optionalDate("finishedAt")
        )
    }

    var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "id": .string(id.rawValue), "flowID": .string(flowID), "flowVersion": .int(Int64(flowVersion)), "status": .string(status.rawValue),
            "startedAt": .date(startedAt), "context": context.jsonValue, "completedSteps": .strings(completedSteps),
        ]
        object["currentStepID"] = currentStepID.map(JSONValue.string)
        object["wakeAt"] = wakeAt.map(JSONValue.date)
        object["variant"] = variant.map(JSONValue.string)
        object["exitReason"] = exitReason.map { .string($0.rawValue) }
        object["finishedAt"] = finishedAt.map(JSONValue.date)
        return .object(object)
    }
}

extension FlowContext {
    var jsonValue: JSONValue {
        var object: [String: JSONValue] = ["customer": customer.jsonValue, "engagement": engagement.jsonValue, "event": .object(event)]
        object["cart"] = cart?.jsonValue
        return .object(object)
    }
}

extension CartFacts {
    init(stored value: JSONValue) throws(FlowRunStateError) {
        let fields = Fields(value, path: "context.cart")
        let code = try fields.string("currency")
        guard let currency = Currency(rawValue: code) else { throw FlowRunStateError(reason: "not an ISO 4217 code: \(code)") }
        self.init(
            cartID: try fields.optionalString("cartID").map { Cart.ID($0) },
            anonymousID: try fields.optionalString("anonymousID"),
            value: try fields.int("value"),
            currency: currency,
            itemCount: Int(try fields.int("itemCount")),
            productIDs: try fields.strings("productIDs"),
            categories: try fields.strings("categories")
        )
    }

    var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "value": .int(value), "currency": .string(currency.rawValue), "itemCount": .int(Int64(itemCount)),
            "productIDs": .strings(productIDs), "categories": .strings(categories),
        ]
        object["cartID"] = cartID.map { .string($0.rawValue) }
        object["anonymousID"] = anonymousID.map(JSONValue.string)
        return .object(object)
    }
}

extension CustomerFacts {
    init(stored value: JSONValue) throws(FlowRunStateError) {
        let fields = Fields(value, path: "context.customer")
        self.init(
            customerID: try fields.optionalString("customerID").map { Customer.ID($0) },
            tags: try fields.strings("tags"),
            segments: try fields.strings("segments"),
            emailConsent: try fields.bool("emailConsent"),
            smsConsent: try fields.bool("smsConsent"),
            hasEmail: try fields.bool("hasEmail"),
            hasPhone: try fields.bool("hasPhone"),
            country: try fields.optionalString("country"),
            timeZone: try fields.optionalString("timeZone"),
            clv: try fields.optionalInt("clv"),
            margin: try fields.optionalInt("margin"),
            lifetimeSpend: try fields.int("lifetimeSpend"),
            orderCount: Int(try fields.int("orderCount"))
        )
    }

    var jsonValue: JSONValue {
        var object: [String: JSONValue] = [
            "tags": .strings(tags), "segments": .strings(segments), "emailConsent": .bool(emailConsent), "smsConsent": .bool(smsConsent),
            "hasEmail": .bool(hasEmail), "hasPhone": .bool(hasPhone), "lifetimeSpend": .int(lifetimeSpend), "orderCount": .int(Int64(orderCount)),
        ]
        object["customerID"] = customerID.map { .string($0.rawValue) }
        object["country"] = country.map(JSONValue.string)
        object["timeZone"] = timeZone.map(JSONValue.string)
        object["clv"] = clv.map(JSONValue.int)
        object["margin"] = margin.map(JSONValue.int)
        return .object(object)
    }
}

extension Engagement {
    init(stored value: JSONValue) throws(FlowRunStateError) {
        let fields = Fields(value, path: "context.engagement")
        self.init(opened: Set(try fields.strings("opened")), clicked: Set(try fields.strings("clicked")))
    }

    var jsonValue: JSONValue { .object(["opened": .strings(opened.sorted()), "clicked": .strings(clicked.sorted())]) }
}

extension JSONValue {
    /// A date as `JSONEncoder` writes it by default: seconds since 2001-01-01.
    static func date(_ date: Date) -> JSONValue { .double(date.timeIntervalSinceReferenceDate) }
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}

/// The members of one stored object, read with the path in every error.
private struct Fields {
    let object: [String: JSONValue]
    let path: String

    init(_ value: JSONValue, path: String) {
        self.object = value.objectValue ?? [:]
        self.path = path
    }

    func optional(_ key: String) -> JSONValue? {
        guard let value = object[key], value != .null else { return nil }
        return value
    }

    func required(_ key: String) throws(FlowRunStateError) -> JSONValue {
        guard let value = optional(key) else { throw FlowRunStateError(reason: "\(path).\(key) is missing") }
        return value
    }

    func wrong(_ key: String, _ kind: String) -> FlowRunStateError { FlowRunStateError(reason: "\(path).\(key) is not \(kind)") }

    func string(_ key: String) throws(FlowRunStateError) -> String {
        guard case .string(let text) = try required(key) else { throw wrong(key, "a string") }
        return text
    }

    func optionalString(_ key: String) throws(FlowRunStateError) -> String? {
        guard let value = optional(key) else { return nil }
        guard case .string(let text) = value else { throw wrong(key, "a string") }
        return text
    }

    func int(_ key: String) throws(FlowRunStateError) -> Int64 {
        guard let number = try optionalInt(key) else { throw FlowRunStateError(reason: "\(path).\(key) is missing") }
        return number
    }

    func optionalInt(_ key: String) throws(FlowRunStateError) -> Int64? {
        switch optional(key) {
        case nil: return nil
        case .int(let number): return number
        case .double(let number) where number == number.rounded() && abs(number) < 9e15: return Int64(number)
        default: throw wrong(key, "an integer")
        }
    }

    func bool(_ key: String) throws(FlowRunStateError) -> Bool {
        guard case .bool(let flag) = try required(key) else { throw wrong(key, "true or false") }
        return flag
    }

    func optionalDate(_ key: String) throws(FlowRunStateError) -> Date? {
        switch optional(key) {
        case nil: return nil
        case .int(let seconds): return Date(timeIntervalSinceReferenceDate: Double(seconds))
        case .double(let seconds): return Date(timeIntervalSinceReferenceDate: seconds)
        default: throw wrong(key, "a date")
        }
    }

    func date(_ key: String) throws(FlowRunStateError) -> Date {
        guard let date = try optionalDate(key) else { throw FlowRunStateError(reason: "\(path).\(key) is missing") }
        return date
    }

    func strings(_ key: String) throws(FlowRunStateError) -> [String] {
        guard let value = optional(key) else { return [] }
        guard case .array(let items) = value else { throw wrong(key, "a list") }
        var strings: [String] = []
        strings.reserveCapacity(items.count)
        for item in items {
            guard case .string(let text) = item else { throw wrong(key, "a list of strings") }
            strings.append(text)
        }
        return strings
    }
}
