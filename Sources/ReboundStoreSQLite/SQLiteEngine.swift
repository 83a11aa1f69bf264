import Foundation
public import Logging
public import ReboundStore
public import SQLKit
import SQLiteKit
import SQLiteNIO
import Synchronization

/// SQLite under the store: one file, WAL, zero setup.
///
/// SQLite allows one writer at a time, so transactions go through one connection and an async lock (no
/// `SQLITE_BUSY` retries); reads use a few more connections of their own, which WAL lets run beside the writer.
public final class SQLiteEngine: DatabaseEngine {
    public let kind = EngineKind.sqlite
    public let path: String
    let connection: SQLiteConnection
    let lock = AsyncLock()
    let readers: [(connection: SQLiteConnection, lock: AsyncLock)]
    let nextReader = Atomic<Int>(0)
    let logger: Logger

    /// Opens (creating if needed) the database at `path`, or an in-memory database for `":memory:"`.
    public static func open(path: String, logger: Logger) async throws -> SQLiteEngine {
        let storage: SQLiteConnection.Storage = path == ":memory:" ? .memory : .file(path: path)
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        } catch {
            throw StoreError(.unavailable, "cannot open SQLite database at \(path): \(error)")
        }
        for pragma in ["PRAGMA journal_mode = WAL", "PRAGMA synchronous = NORMAL", "PRAGMA foreign_keys = ON", "PRAGMA busy_timeout = 30000"] {
            _ = try await connection.query(pragma)
        }
        // The writer keeps 32 MB of pages instead of SQLite's default 2 MB: with a million waiting flow runs the claim
        // loop read its index and table pages back from the OS with a system call each (B2, ~15 % of its time).
        _ = try await connection.query("PRAGMA cache_size = -\(writerCacheKiB)")
        // An in-memory database exists once per connection: it reads through the writer.
        var readers: [(SQLiteConnection, AsyncLock)] = []
        if path != ":memory:" {
            for _ in 0..<readerCount {
                let reader = try await SQLiteConnection.open(storage: storage, logger: logger)
                _ = try await reader.query("PRAGMA busy_timeout = 30000")
                // The dashboard's year of rollups is a few MB: with the default 2 MB cache B8 read it back from the OS
                // page by page on every view.
                _ = try await reader.query("PRAGMA cache_size = -\(readerCacheKiB)")
                readers.append((reader, AsyncLock()))
            }
        }
        return SQLiteEngine(path: path, connection: connection, readers: readers, logger: logger)
    }

    /// Connections for reads beside the writer.
    static let readerCount = 2
    /// The writer's page cache, KiB.
    static let writerCacheKiB = 32768
    /// Each reader's page cache, KiB.
    static let readerCacheKiB = 16384

    init(path: String, connection: SQLiteConnection, readers: [(SQLiteConnection, AsyncLock)], logger: Logger) {
        self.path = path
        self.connection = connection
        self.readers = readers.map { (connection: $0.0, lock: $0.1) }
        self.logger = logger
    }

    public var displayName: String { "sqlite:\(path)" }

    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        guard !readers.isEmpty else {
            return try await lock.withLock { try await body(connection.sql(queryLogLevel: .trace)) }
        }
        let reader = readers[nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count]
        return try await reader.lock.withLock { try await body(reader.connection.sql(queryLogLevel: .trace)) }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await lock.withLock {
            let db = connection.sql(queryLogLevel: .trace)
            try await db.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await body(db)
                try await db.raw("COMMIT").run()
                return result
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
    }

    public func run() async throws {
        // Nothing runs in the background; wait for shutdown.
        try? await Task.sleep(for: .seconds(365 * 86400 * 100))
    }

    public func shutdown() async throws {
        for reader in readers { try await reader.connection.close() }
        try await connection.close()
    }
}

/// A FIFO async mutex: waiters resume in arrival order.
actor AsyncLock {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !locked {
            locked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            locked = false
        } else {
            waiters.removeFirst().resume()
        }
    }

    nonisolated func withLock<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }
}
