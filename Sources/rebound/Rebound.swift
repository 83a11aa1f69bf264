import ArgumentParser
import Foundation
import Logging
import ReboundAPI
import ReboundApp
import ReboundStore

@main
struct Rebound: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebound",
        abstract: "Stop losing carts and customers: a self-hosted server for online shops.",
        discussion: """
            Start with `rebound demo` to watch a demo shop, or `rebound serve` to run on ./rebound.sqlite.
            Every option can also come from a REBOUND_* environment variable (REBOUND_DATABASE, REBOUND_PORT, …).
            """,
        version: "0.1.0",
        subcommands: [
            Serve.self, Demo.self, Migrate.self, Shops.self, Keys.self, Agents.self, Import.self, Report.self, Flows.self, Bot.self,
            Knowledge.self, Bench.self, Recs.self,
        ]
    )
}

/// Options every command that opens the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "SQLite file path or postgres://user:pass@host:port/db (env REBOUND_DATABASE).",
            valueName: "location"
        )
    )
    var database: String?

    @Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error (env REBOUND_LOG_LEVEL).")
    var logLevel: String?

    var location: String { database ?? ReboundConfiguration.fromEnvironment().database }

    func validate() throws {
        if let level = logLevel, Logger.Level(rawValue: level) == nil {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
        let location = self.location
        if location.contains("://") && !(location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")) {
            throw ValidationError("--database must be a SQLite file path or a postgres:// URL, not '\(location)'")
        }
    }

    func logger(label: String = "rebound", default level: Logger.Level = .warning) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel =
            logLevel.flatMap(Logger.Level.init(rawValue:))
            ?? ProcessInfo.processInfo.environment["REBOUND_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? level
        return logger
    }
}

/// Prints one clear line to stderr and exits non-zero, instead of a stack of errors.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    return ExitCode(1)
}

func printJSON(_ object: [String: Any]) {
    if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) {
        print(String(decoding: data, as: UTF8.self))
    }
}
