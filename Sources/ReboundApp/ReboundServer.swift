import Foundation
import Hummingbird
public import Logging
import ReboundAPI
import ReboundCore
import ReboundStore

/// `rebound serve`: opens the database, migrates, and runs HTTP and workers until SIGTERM or SIGINT.
public enum ReboundServer {
    public static func run(configuration: ReboundConfiguration, logger: Logger) async throws {
        let metricsText = ReboundMetricsSystem.bootstrap()
        let engine = try await Database.engine(for: configuration.database, logger: logger)
        let store = Store(engine: engine, logger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await engine.run() }
            let applied = try await store.migrate(now: Date())
            logger.info(
                "database ready",
                metadata: ["rebound.database": .string(engine.displayName), "rebound.migrations.applied": .string("\(applied)")]
            )
            let app = ReboundApplication.make(
                configuration: configuration,
                store: store,
                wallClock: ReboundApplication.systemClock,
                logger: logger,
                metricsText: metricsText
            )
            logger.info("Rebound listening", metadata: ["rebound.address": .string("http://\(configuration.host):\(configuration.port)")])
            try await app.runService()
            group.cancelAll()
        }
        try await engine.shutdown()
    }
}
