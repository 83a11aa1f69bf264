import Foundation
public import Logging
public import ReboundStore
import ReboundStorePostgres
import ReboundStoreSQLite

/// Opens the engine a configuration names.
public enum Database {
    public static func engine(for location: String, logger: Logger) async throws -> any DatabaseEngine {
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            return try PostgresEngine(url: location, logger: logger)
        }
        if location.contains("://") {
            throw StoreError(.invalid, "unsupported database '\(location)': use a SQLite file path or postgres://user:pass@host:port/db")
        }
        return try await SQLiteEngine.open(path: location, logger: logger)
    }

    /// Runs `body` with an open, migrated store, keeping a PostgreSQL pool alive meanwhile. For CLI commands.
    public static func withStore<T: Sendable>(
        _ location: String,
        logger: Logger,
        migrate: Bool = true,
        _ body: @Sendable (Store) async throws -> T
    ) async throws -> T {
        let engine = try await engine(for: location, logger: logger)
        let store = Store(engine: engine, logger: logger)
        return try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                try await engine.run()
                return nil
            }
            defer { group.cancelAll() }
            // Let the pool's run loop start before the first lease.
            for _ in 0..<3 { await Task.yield() }
            do {
                if migrate { try await store.migrate(now: Date()) }
                let result = try await body(store)
                try await engine.shutdown()
                return result
            } catch {
                try? await engine.shutdown()
                throw error
            }
        }
    }
}
