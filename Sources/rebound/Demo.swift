import ArgumentParser
import Foundation
import Logging
import ReboundAPI
import ReboundApp
import ReboundStore

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run a demo shop with simulated shoppers on an accelerated clock.",
        discussion: "Within a minute you see carts created, abandoned and converted, in the log and in the API."
    )

    @Option(help: "Database for the demo (default: a fresh ./rebound-demo.sqlite).") var database: String?
    @Option(help: "Port to listen on.") var port = 8080
    @Option(help: "Simulated seconds per real second.") var speed = 240.0
    @Option(help: "Stop after this many real seconds (default: run until Ctrl-C).") var duration: Double?
    @Option(help: "Folder holding the shared data (default: found beside the repository).") var data: String?
    @Option(help: "Log level.") var logLevel = "info"

    func validate() throws {
        guard speed >= 1, speed <= 10_000 else { throw ValidationError("--speed must be from 1 to 10000") }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be trace, debug, info, notice, warning or error")
        }
    }

    func run() async throws {
        let shared: URL
        if let data {
            shared = URL(fileURLWithPath: data)
        } else if let found = DemoData.locateSharedData(from: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)) {
            shared = found
        } else {
            throw fail("cannot find shared/data (the UCI Online Retail file); pass --data /path/to/shared/data")
        }
        let location = database ?? "./rebound-demo.sqlite"
        if database == nil {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: location + suffix) }
        }
        var logger = Logger(label: "rebound.demo")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        do {
            try await DemoRunner.run(
                .init(database: location, port: port, speed: speed, duration: duration, sharedData: shared),
                logger: logger,
                say: { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
            )
        } catch {
            throw fail("\(error)")
        }
    }
}
