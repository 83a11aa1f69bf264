public import Foundation
import Logging
public import ReboundApp
public import ReboundCore
public import ReboundStore
public import SQLKit

/// The engines integration tests run on. SQLite always; PostgreSQL when `REBOUND_TEST_POSTGRES_URL` names a server
/// (`scripts/test` starts a throwaway cluster and sets it, so CI runs both).
public enum TestEngine: String, Sendable, CaseIterable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    public static var postgresURL: String? {
        ProcessInfo.processInfo.environment["REBOUND_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Engines to run on here. With `REBOUND_REQUIRE_POSTGRES=1` PostgreSQL is included even without a URL, so a
    /// misconfigured CI fails instead of silently skipping.
    public static var available: [TestEngine] {
        let require = ProcessInfo.processInfo.environment["REBOUND_REQUIRE_POSTGRES"] == "1"
        return postgresURL != nil || require ? [.sqlite, .postgres] : [.sqlite]
    }
}

/// A fresh, migrated database per test: a temporary SQLite file, or a new PostgreSQL database dropped afterwards.
public func withTestStore<T: Sendable>(
    _ engine: TestEngine,
    now: Date = Date(timeIntervalSince1970: 1_795_687_200),
    _ body: @Sendable (Store) async throws -> T
) async throws -> T {
    var logger = Logger(label: "rebound.test")
    logger.logLevel = .warning
    switch engine {
    case .sqlite:
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-test-\(UUID().uuidString).sqlite").path
        defer {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        return try await Database.withStore(path, logger: logger) { store in try await body(store) }
    case .postgres:
        guard let adminURL = TestEngine.postgresURL, var components = URLComponents(string: adminURL) else {
            throw StoreError(.unavailable, "REBOUND_TEST_POSTGRES_URL is not set; scripts/test starts PostgreSQL and sets it")
        }
        let name = "rebound_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await adminExecute(adminURL, "CREATE DATABASE \(name)", logger: logger)
        components.path = "/" + name
        let url = components.string!
        do {
            let result = try await Database.withStore(url, logger: logger) { store in try await body(store) }
            try await adminExecute(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)", logger: logger)
            return result
        } catch {
            try? await adminExecute(adminURL, "DROP DATABASE IF EXISTS \(name) WITH (FORCE)", logger: logger)
            throw error
        }
    }
}

/// Two stores on one fresh database, each with its own connections — as two `rebound serve` processes have.
public func withTwoTestStores<T: Sendable>(
    _ engine: TestEngine,
    _ body: @Sendable (Store, Store) async throws -> T
) async throws -> T {
    try await withTestStore(engine) { first in
        let location: String
        switch engine {
        case .sqlite:
            guard let sqlite = first.engine.displayName.split(separator: ":", maxSplits: 1).last else {
                throw StoreError(.invalid, "no SQLite path")
            }
            location = String(sqlite)
        case .postgres:
            location = try TestEngine.currentPostgresURL(for: first)
        }
        var logger = Logger(label: "rebound.test.second")
        logger.logLevel = .warning
        return try await Database.withStore(location, logger: logger) { second in try await body(first, second) }
    }
}

extension TestEngine {
    /// The URL of the test database a PostgreSQL store was opened on (its display name hides no password here).
    static func currentPostgresURL(for store: Store) throws -> String {
        let name = store.engine.displayName
        guard name.hasPrefix("postgres") else { throw StoreError(.invalid, "not a PostgreSQL store") }
        return name
    }
}

func adminExecute(_ url: String, _ sql: String, logger: Logger) async throws {
    try await Database.withStore(url, logger: logger, migrate: false) { store in
        try await store.engine.withConnection { db in try await db.raw("\(unsafeRaw: sql)").run() }
    }
}

/// A shop with an API key, for tests.
public func makeTestShop(
    _ store: Store,
    now: Date,
    settings: ShopSettings = ShopSettings(),
    shopifySecret: String? = "shopify-secret",
    woocommerceSecret: String? = "woo-secret"
) async throws -> ShopAdmin.CreatedShop {
    try await ShopAdmin.createShop(
        name: "Test Shop",
        currency: .eur,
        timeZone: "Europe/Berlin",
        settings: settings,
        shopifySecret: shopifySecret,
        woocommerceSecret: woocommerceSecret,
        store: store,
        now: now
    )
}

/// The shared data folder (`shared/data`), found by walking up from this file.
public func sharedDataURL(file: StaticString = #filePath) -> URL {
    var directory = URL(fileURLWithPath: "\(file)").deletingLastPathComponent()
    for _ in 0..<8 {
        let candidate = directory.appendingPathComponent("shared/data")
        if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        directory.deleteLastPathComponent()
    }
    return URL(fileURLWithPath: "../shared/data")
}

/// An engine that is never used: for building a router to inspect its routes.
public struct UnusedEngine: DatabaseEngine {
    public init() {}
    public var kind: EngineKind { .sqlite }
    public var displayName: String { "unused" }
    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        throw StoreError(.unavailable, "unused engine")
    }
    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        throw StoreError(.unavailable, "unused engine")
    }
    public func run() async throws {}
    public func shutdown() async throws {}
}
