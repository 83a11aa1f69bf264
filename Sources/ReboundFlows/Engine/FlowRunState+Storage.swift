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
    public var storedJSON: String {
        var out = StoredJSONWriter()
        write(to: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }

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

    func write(to out: inout StoredJSONWriter) {
        out.begin()
        out.strings("completedSteps", completedSteps)
        out.key("context")
        context.write(to: &out)
        if let currentStepID { out.string("currentStepID", currentStepID) }
        if let exitReason { out.string("exitReason", exitReason.rawValue) }
        if let finishedAt { out.date("finishedAt", finishedAt) }
        out.string("flowID", flowID)
        out.int("flowVersion", Int64(flowVersion))
        out.string("id", id.rawValue)
        out.date("startedAt", startedAt)
        out.string("status", status.rawValue)
        if let variant { out.string("variant", variant) }
        if let wakeAt { out.date("wakeAt", wakeAt) }
        out.end()
    }
}

extension FlowContext {
    func write(to out: inout StoredJSONWriter) {
        out.begin()
        if let cart {
            out.key("cart")
            cart.write(to: &out)
        }
        out.key("customer")
        customer.write(to: &out)
        out.key("engagement")
        out.begin()
        out.strings("clicked", engagement.clicked.sorted())
        out.strings("opened", engagement.opened.sorted())
        out.end()
        out.value("event", .object(event))
        out.end()
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

    func write(to out: inout StoredJSONWriter) {
        out.begin()
        if let anonymousID { out.string("anonymousID", anonymousID) }
        if let cartID { out.string("cartID", cartID.rawValue) }
        out.strings("categories", categories)
        out.string("currency", currency.rawValue)
        out.int("itemCount", Int64(itemCount))
        out.strings("productIDs", productIDs)
        out.int("value", value)
        out.end()
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

    func write(to out: inout StoredJSONWriter) {
        out.begin()
        if let clv { out.int("clv", clv) }
        if let country { out.string("country", country) }
        if let customerID { out.string("customerID", customerID.rawValue) }
        out.bool("emailConsent", emailConsent)
        out.bool("hasEmail", hasEmail)
        out.bool("hasPhone", hasPhone)
        out.int("lifetimeSpend", lifetimeSpend)
        if let margin { out.int("margin", margin) }
        out.int("orderCount", Int64(orderCount))
        out.strings("segments", segments)
        out.bool("smsConsent", smsConsent)
        out.strings("tags", tags)
        if let timeZone { out.string("timeZone", timeZone) }
        out.end()
    }
}

extension Engagement {
    init(stored value: JSONValue) throws(FlowRunStateError) {
        let fields = Fields(value, path: "context.engagement")
        self.init(opened: Set(try fields.strings("opened")), clicked: Set(try fields.strings("clicked")))
    }
}

/// Writes a stored state straight to bytes, keys in order, without building a `JSONValue` first.
struct StoredJSONWriter {
    var bytes: [UInt8] = []
    /// Whether the innermost open object has a member yet.
    var hasMember: [Bool] = []

    init() { bytes.reserveCapacity(512) }

    mutating func begin() {
        bytes.append(UInt8(ascii: "{"))
        hasMember.append(false)
    }

    mutating func end() {
        bytes.append(UInt8(ascii: "}"))
        hasMember.removeLast()
    }

    /// A member name: plain ASCII, so it needs no escaping.
    mutating func key(_ name: StaticString) {
        if hasMember[hasMember.count - 1] { bytes.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    }

    mutating func string(_ name: StaticString, _ text: String) {
        key(name)
        JSONValue.string(text).write(into: &bytes)
    }

    mutating func int(_ name: StaticString, _ number: Int64) {
        key(name)
        bytes.append(contentsOf: String(number).utf8)
    }

    mutating func bool(_ name: StaticString, _ flag: Bool) {
        key(name)
        JSONValue.bool(flag).write(into: &bytes)
    }

    /// A date as `JSONEncoder` writes it by default: seconds since 2001-01-01.
    mutating func date(_ name: StaticString, _ date: Date) {
        key(name)
        JSONValue.double(date.timeIntervalSinceReferenceDate).write(into: &bytes)
    }

    mutating func value(_ name: StaticString, _ value: JSONValue) {
        key(name)
        value.write(into: &bytes)
    }

    mutating func strings(_ name: StaticString, _ values: [String]) {
        key(name)
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.string(value).write(into: &bytes)
        }
        bytes.append(UInt8(ascii: "]"))
    }
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
