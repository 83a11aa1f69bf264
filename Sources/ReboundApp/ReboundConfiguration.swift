public import Foundation

/// How a Rebound process is set up: flags, else `REBOUND_*` environment variables, else defaults.
public struct ReboundConfiguration: Sendable {
    /// `./rebound.sqlite`, a path, `:memory:`, or `postgres://user:pass@host:port/db`.
    public var database: String
    public var host: String
    public var port: Int
    /// Run background workers (abandonment detection) in this process.
    public var workers: Bool
    /// How often an idle worker looks for due carts at most.
    public var workerInterval: Duration
    public var logLevel: String
    /// The address shoppers reach this server at, for restore, click, open and unsubscribe links and provider
    /// callbacks (`REBOUND_PUBLIC_URL`); `http://host:port` when not set.
    public var publicURL: String?
    /// Messages a chat socket may send per 10 seconds (`REBOUND_CHAT_BURST`, default 10); benchmarks raise it.
    public var chatBurst: Int = 10

    /// `publicURL`, else the address the server listens on.
    public var linkBaseURL: String { publicURL ?? "http://\(host):\(port)" }

    public init(
        database: String = "./rebound.sqlite",
        host: String = "127.0.0.1",
        port: Int = 8080,
        workers: Bool = true,
        workerInterval: Duration = .seconds(1),
        logLevel: String = "info"
    ) {
        self.database = database
        self.host = host
        self.port = port
        self.workers = workers
        self.workerInterval = workerInterval
        self.logLevel = logLevel
    }

    /// Values from the environment (`REBOUND_DATABASE`, `REBOUND_HOST`, `REBOUND_PORT`, `REBOUND_LOG_LEVEL`,
    /// `REBOUND_PUBLIC_URL`, `REBOUND_CHAT_BURST`).
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> ReboundConfiguration {
        var configuration = ReboundConfiguration()
        if let database = environment["REBOUND_DATABASE"], !database.isEmpty { configuration.database = database }
        if let host = environment["REBOUND_HOST"], !host.isEmpty { configuration.host = host }
        if let port = environment["REBOUND_PORT"].flatMap(Int.init) { configuration.port = port }
        if let level = environment["REBOUND_LOG_LEVEL"], !level.isEmpty { configuration.logLevel = level }
        if let url = environment["REBOUND_PUBLIC_URL"], !url.isEmpty { configuration.publicURL = url }
        if let burst = environment["REBOUND_CHAT_BURST"].flatMap(Int.init), burst > 0 { configuration.chatBurst = burst }
        return configuration
    }

    public var isPostgres: Bool { database.hasPrefix("postgres://") || database.hasPrefix("postgresql://") }
}
