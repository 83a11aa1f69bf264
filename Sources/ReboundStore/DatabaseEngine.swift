public import SQLKit

/// Which SQL engine sits under the store. Queries are written once; the few that differ switch on this.
public enum EngineKind: String, Sendable {
    case sqlite
    case postgres
}

/// A connection source for one engine: the adapters (`ReboundStoreSQLite`, `ReboundStorePostgres`) implement it.
public protocol DatabaseEngine: Sendable {
    var kind: EngineKind { get }
    /// A human-readable location, with any password removed.
    var displayName: String { get }
    /// Runs `body` on a connection outside a transaction.
    func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Calls `listening` once the engine listens on `channel`, then `receive` with the payload of every notification
    /// sent on it by any process, until cancelled. Engines without cross-process notifications (SQLite: one process)
    /// return at once.
    func listen(
        channel: String,
        listening: @escaping @Sendable () async -> Void,
        receive: @escaping @Sendable (String) async -> Void
    ) async throws
    /// Sends `payload` to every listener on `channel` (PostgreSQL `NOTIFY`, up to 8000 bytes).
    func notify(channel: String, payload: String) async throws
    /// Keeps background machinery (a connection pool) alive until cancelled.
    func run() async throws
    func shutdown() async throws
}

extension DatabaseEngine {
    public func listen(
        channel: String,
        listening: @escaping @Sendable () async -> Void,
        receive: @escaping @Sendable (String) async -> Void
    ) async throws {}
    public func notify(channel: String, payload: String) async throws {}
}
