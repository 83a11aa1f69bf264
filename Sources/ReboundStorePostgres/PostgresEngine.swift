import Foundation
public import Logging
import PostgresKit
public import PostgresNIO
public import ReboundStore
public import SQLKit

/// PostgreSQL under the store: the production engine, and the way to several `rebound serve` processes.
public final class PostgresEngine: DatabaseEngine {
    public let kind = EngineKind.postgres
    public let client: PostgresClient
    public let configuration: PostgresClient.Configuration
    let logger: Logger
    let redactedURL: String

    /// Parses a `postgres://user:pass@host:port/db?sslmode=disable` URL.
    public init(url: String, logger: Logger) throws {
        guard let components = URLComponents(string: url), let scheme = components.scheme,
            scheme == "postgres" || scheme == "postgresql", let host = components.host, !host.isEmpty
        else {
            throw StoreError(.invalid, "not a PostgreSQL URL (postgres://user:password@host:port/database)")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let sslmode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "disable"
        let tls: PostgresClient.Configuration.TLS
        switch sslmode {
        case "disable": tls = .disable
        case "prefer", "allow": tls = .prefer(.clientDefault)
        default: tls = .require(.clientDefault)
        }
        var configuration = PostgresClient.Configuration(
            host: host,
            port: components.port ?? 5432,
            username: components.user ?? "postgres",
            password: components.password,
            database: database.isEmpty ? nil : database,
            tls: tls
        )
        configuration.options.maximumConnections = 16
        self.configuration = configuration
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        var redacted = components
        if redacted.password != nil { redacted.password = "***" }
        self.redactedURL = redacted.string ?? "postgres://"
    }

    public var displayName: String { redactedURL }

    public func withConnection<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: .trace, logger: self.logger))
        }
    }

    public func transaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in
                try await body(connection.sql(queryLogLevel: .trace, logger: self.logger))
            }
        } catch let error as PostgresTransactionError {
            // Rolled back cleanly: the caller sees its own error (a validation problem stays a 4xx), as on SQLite.
            if error.rollbackError == nil, let closureError = error.closureError { throw closureError }
            throw error
        }
    }

    public func run() async throws {
        await client.run()
    }

    /// Holds one pooled connection in `LISTEN channel` for as long as the caller's task runs.
    public func listen(
        channel: String,
        listening: @escaping @Sendable () async -> Void,
        receive: @escaping @Sendable (String) async -> Void
    ) async throws {
        try await client.withConnection { connection in
            // `listen(on:)` runs its closure once the server has confirmed the LISTEN.
            try await connection.listen(on: channel) { notifications in
                await listening()
                for try await notification in notifications { await receive(notification.payload) }
            }
        }
    }

    public func notify(channel: String, payload: String) async throws {
        _ = try await client.withConnection { connection in
            try await connection.sql().raw("SELECT pg_notify(\(bind: channel), \(bind: payload))").all()
        }
    }

    public func shutdown() async throws {}
}
