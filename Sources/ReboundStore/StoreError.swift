/// Errors of the storage layer. A struct with codes, since the set grows with the adapters.
public struct StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let name: String
        public var description: String { name }
        public static let notFound = Code(name: "not_found")
        public static let conflict = Code(name: "conflict")
        public static let invalid = Code(name: "invalid")
        public static let unavailable = Code(name: "unavailable")
        public static let migration = Code(name: "migration")
    }

    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    public static func notFound(_ what: String) -> StoreError { StoreError(.notFound, "\(what) not found") }
}
