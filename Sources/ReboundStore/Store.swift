public import Foundation
public import Logging
import ReboundCore
import SQLKit

/// Rebound's storage: one implementation on SQLKit for both SQLite and PostgreSQL.
///
/// Every query names its shop; nothing reads across shops except the background workers, which
/// carry each row's shop along.
public struct Store: Sendable {
    public let engine: any DatabaseEngine
    public let logger: Logger

    public init(engine: any DatabaseEngine, logger: Logger) {
        self.engine = engine
        self.logger = logger
    }

    public var kind: EngineKind { engine.kind }

    /// Applies pending migrations.
    @discardableResult
    public func migrate(now: Date) async throws -> [Int] {
        try await Migrations.apply(on: engine, now: now, logger: logger)
    }

    /// A cheap round trip, for `/healthz`.
    public func ping() async throws {
        _ = try await engine.withConnection { db in try await db.raw("SELECT 1 AS ok").all() }
    }

    func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await engine.withConnection(body)
    }

    func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await engine.transaction(body)
    }
}

/// JSON columns (lines, tags, settings) are stored as text: both engines agree on that.
enum JSONColumn {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func encode<T: Encodable>(_ value: T) -> String {
        (try? String(decoding: encoder.encode(value), as: UTF8.self)) ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// A page of a list, and the cursor for the next one.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// Keyset cursor over (time, id), descending: stable while rows are added.
public struct Cursor: Sendable, Hashable {
    public var time: Int64
    public var id: String

    public init(time: Int64, id: String) {
        self.time = time
        self.id = id
    }

    public var encoded: String {
        Data("\(time)|\(id)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    public init?(encoded: String) {
        var text = encoded
        while text.count % 4 != 0 { text += "=" }
        guard let data = Data(base64Encoded: text), let raw = String(data: data, encoding: .utf8),
            let bar = raw.firstIndex(of: "|"), let time = Int64(raw[..<bar])
        else { return nil }
        self.time = time
        self.id = String(raw[raw.index(after: bar)...])
    }
}

extension SQLRow {
    func string(_ column: String) throws -> String { try decode(column: column, as: String.self) }
    func optionalString(_ column: String) throws -> String? { try decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int64 { try decode(column: column, as: Int64.self) }
    func optionalInt(_ column: String) throws -> Int64? { try decode(column: column, as: Int64?.self) }
    func date(_ column: String) throws -> Date { Date(epochMilliseconds: try int(column)) }
    func optionalDate(_ column: String) throws -> Date? { try optionalInt(column).map(Date.init(epochMilliseconds:)) }
    func bool(_ column: String) throws -> Bool { try int(column) != 0 }
}

extension Optional where Wrapped == Date {
    var ms: Int64? { self?.epochMilliseconds }
}
