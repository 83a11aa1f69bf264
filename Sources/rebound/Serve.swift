import ArgumentParser
import Foundation
import Logging
import ReboundAPI
import ReboundApp
import ReboundStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the HTTP server and background workers.",
        discussion: "Stops gracefully on SIGTERM or SIGINT. Several processes can share one PostgreSQL database."
    )

    @OptionGroup var db: DatabaseOptions

    @Option(help: "Address to listen on (env REBOUND_HOST).")
    var host: String?

    @Option(help: "Port to listen on (env REBOUND_PORT).")
    var port: Int?

    @Flag(help: "Do not run background workers in this process.")
    var noWorkers = false

    func validate() throws {
        if let port, !(0...65535).contains(port) { throw ValidationError("--port must be from 0 to 65535") }
    }

    func run() async throws {
        var configuration = ReboundConfiguration.fromEnvironment()
        configuration.database = db.location
        if let host { configuration.host = host }
        if let port { configuration.port = port }
        configuration.workers = !noWorkers
        let logger = db.logger(default: .info)
        do {
            try await ReboundServer.run(configuration: configuration, logger: logger)
        } catch {
            throw fail("\(error)")
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let logger = db.logger(default: .info)
        do {
            let applied = try await Database.withStore(db.location, logger: logger, migrate: false) { store in
                try await store.migrate(now: Date())
            }
            print(applied.isEmpty ? "database is up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
        } catch {
            throw fail("\(error)")
        }
    }
}
