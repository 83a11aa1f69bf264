import Foundation

/// A request a fake received, kept so tests can assert the wire format.
public struct RecordedRequest: Hashable, Sendable {
    public var method: String
    /// The path without the query string, percent-decoded.
    public var path: String
    /// Decoded query parameters (the last value wins for repeated names).
    public var query: [String: String]
    /// Header values by lower-cased name; repeated headers joined with `, `.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(method: String, path: String, query: [String: String], headers: [String: String], body: [UInt8]) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// A header by name, in any case.
    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The body parsed as JSON; `nil` when it is not JSON.
    public var json: FakeJSON? { FakeJSON(parsing: body) }

    /// Path components after splitting on `/`, empty ones dropped.
    public var pathComponents: [String] { path.split(separator: "/").map(String.init) }
}
