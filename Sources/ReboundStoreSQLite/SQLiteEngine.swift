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
///
/// **Group commit.** Transactions that arrive while one runs wait and then run together, in arrival order, in one
/// transaction, each in a savepoint of its own: the batch pays one `BEGIN`/`COMMIT` and appends each page it changed to
/// the WAL once. A body that throws rolls back only its own savepoint and gets its own error; every caller gets its
/// result only after the commit, so what a caller sees is what separate transactions would give it. Should the batch
/// itself fail (the commit, or SQLite aborting the transaction), its bodies run again one transaction each.
public final class SQLiteEngine: DatabaseEngine {
    public let kind = EngineKind.sqlite
    public let path: String
    let connection: SQLiteConnection
    let lock = AsyncLock()
    let commits = Mutex(CommitState())
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
                readers.append((reader, AsyncLock()))
            }
        }
        return SQLiteEngine(path: path, connection: connection, readers: readers, logger: logger)
    }

    /// Connections for reads beside the writer.
    static let readerCount = 2
    /// The writer's page cache, KiB.
    static let writerCacheKiB = 32768

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
        try await withoutActuallyEscaping(body) { body in
            let result: any Sendable = try await withCheckedThrowingContinuation { continuation in
                let job = CommitJob(body: { db in try await body(db) }, continuation: continuation)
                let lead = commits.withLock { state -> Bool in
                    state.pending.append(job)
                    if state.draining { return false }
                    state.draining = true
                    return true
                }
                if lead { Task { await self.drainCommits() } }
            }
            // The job's body returned this T; the cast cannot fail.
            return result as! T
        }
    }

    /// Runs waiting transactions in batches until none wait.
    func drainCommits() async {
        while true {
            var batch = commits.withLock { state -> [CommitJob] in
                let batch = Array(state.pending.prefix(Self.maxBatch))
                state.pending.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                if batch.count > 1 { state.batchedCommits += 1 }
                return batch
            }
            if batch.isEmpty { return }
            let continuations = batch.map(\.continuation)
            var bodies = batch.map(\.body)
            batch.removeAll()
            let results = await runBatch(bodies)
            // The bodies are the callers' closures (not escaping): drop them before the callers return.
            bodies.removeAll()
            for (continuation, result) in zip(continuations, results) { continuation.resume(with: result) }
        }
    }

    /// One transaction for all `bodies` (a savepoint each), or, if that transaction fails, one each.
    func runBatch(_ bodies: [CommitBody]) async -> [Result<any Sendable, any Error>] {
        let db = connection.sql(queryLogLevel: .trace)
        let batched: [Result<any Sendable, any Error>]? = try? await lock.withLock {
            if bodies.count == 1 { return nil }
            try await db.raw("BEGIN IMMEDIATE").run()
            var results: [Result<any Sendable, any Error>] = []
            do {
                for body in bodies {
                    try await db.raw("SAVEPOINT rebound_job").run()
                    do {
                        results.append(.success(try await body(db)))
                        try await db.raw("RELEASE rebound_job").run()
                    } catch {
                        // Fails only when SQLite aborted the whole transaction: then the batch is retried one by one.
                        try await db.raw("ROLLBACK TO rebound_job").run()
                        try await db.raw("RELEASE rebound_job").run()
                        results.append(.failure(error))
                    }
                }
                try await db.raw("COMMIT").run()
                return results
            } catch {
                try? await db.raw("ROLLBACK").run()
                throw error
            }
        }
        if let batched { return batched }
        var results: [Result<any Sendable, any Error>] = []
        for body in bodies {
            do {
                results.append(.success(try await runAlone(body, db)))
            } catch {
                results.append(.failure(error))
            }
        }
        return results
    }

    func runAlone(_ body: CommitBody, _ db: any SQLDatabase) async throws -> any Sendable {
        try await lock.withLock {
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

    /// Transactions waiting for the running batch, and whether a batch runs.
    struct CommitState: Sendable {
        var pending: [CommitJob] = []
        var draining = false
        /// Batches of more than one transaction so far (tests read it).
        var batchedCommits = 0
    }

    typealias CommitBody = @Sendable (any SQLDatabase) async throws -> any Sendable

    struct CommitJob: Sendable {
        let body: CommitBody
        let continuation: CheckedContinuation<any Sendable, any Error>
    }

    /// At most this many transactions share one commit.
    static let maxBatch = 64

    /// Waiting transactions and batches so far, for tests.
    var commitStatistics: (waiting: Int, batches: Int) { commits.withLock { ($0.pending.count, $0.batchedCommits) } }

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
