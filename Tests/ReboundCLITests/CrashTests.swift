import Foundation
import ReboundTesting
import Testing

/// Kills `rebound serve` with SIGKILL again and again while it dispatches flow steps, then checks that after a
/// restart every due step was carried out exactly once. Time in the server is real, so the events are dated two
/// hours back: everything is already due when the server starts, and the test waits only for processes.
@Suite(.serialized) struct CrashTests {
    struct Server {
        let process: Process
        let port: Int
    }

    static func start(database: String, port: Int) throws -> Server {
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["serve", "--port", "\(port)", "--database", database, "--log-level", "error"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return Server(process: process, port: port)
    }

    /// `curl` as the client: it is on every machine that runs these tests and keeps this test free of an HTTP stack.
    static func curl(_ arguments: [String]) throws -> (status: Int32, body: String) {
        let run = try runCommand("curl", ["-s", "--max-time", "20"] + arguments)
        return (run.status, run.output)
    }

    static func waitUntilHealthy(_ server: Server) throws {
        for _ in 0..<400 {
            if try curl(["-f", "http://127.0.0.1:\(server.port)/healthz"]).status == 0 { return }
            usleep(25_000)
        }
        Issue.record("server did not become healthy")
    }

    static func intendedCount(_ port: Int, key: String) throws -> (count: Int, keys: Set<String>) {
        let body = try curl(["-H", "Authorization: Bearer \(key)", "http://127.0.0.1:\(port)/v1/messages?status=intended&limit=500"]).body
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        let data = object?["data"] as? [[String: Any]] ?? []
        return (data.count, Set(data.compactMap { $0["key"] as? String }))
    }

    @Test func everyDueStepHappensOnceAcrossKillNine() throws {
        let database = CLITests.temporaryDatabase()
        let created = try CLITests.run([
            "shops", "create", "--name", "Crash", "--currency", "EUR", "--timezone", "UTC", "--json", "--database", database,
        ])
        let key = try #require((try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["api_key"] as? String)
        let port = freeLoopbackPort()
        var server = try Self.start(database: database, port: port)
        defer { server.process.terminate() }
        try Self.waitUntilHealthy(server)
        let auth = ["-H", "Authorization: Bearer \(key)", "-H", "Content-Type: application/json"]
        _ = try Self.curl(auth + ["-X", "PATCH", "-d", #"{"cart_abandon_after_seconds": 1}"#, "http://127.0.0.1:\(port)/v1/settings"])
        _ = try Self.curl(auth + ["-X", "POST", "-d", #"{"template": "cart_recovery"}"#, "http://127.0.0.1:\(port)/v1/flows"])
        let shoppers = 150
        let twoHoursAgo = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-7200))
        let events = (0..<shoppers).map { index in
            """
            {"id": "crash-\(index)", "type": "added_to_cart", "anonymous_id": "a\(index)", "occurred_at": "\(twoHoursAgo)",
             "customer": {"email": "crash\(index)@example.com"},
             "properties": {"cart_token": "c\(index)", "product_id": "p1", "quantity": 1, "price": 1000, "email_consent": true}}
            """
        }
        let posted = try Self.curl(
            auth + ["-X", "POST", "-d", "{\"events\": [\(events.joined(separator: ","))]}", "http://127.0.0.1:\(port)/v1/events"]
        )
        #expect(posted.body.contains("\"accepted\":\(shoppers)"))

        // Kill it hard, at different moments, while detection and dispatch are under way.
        for round in 0..<6 {
            usleep(UInt32(40_000 + round * 60_000))
            kill(server.process.processIdentifier, SIGKILL)
            server.process.waitUntilExit()
            server = try Self.start(database: database, port: port)
            try Self.waitUntilHealthy(server)
        }
        var result = try Self.intendedCount(port, key: key)
        for _ in 0..<600 where result.count < shoppers {
            usleep(50_000)
            result = try Self.intendedCount(port, key: key)
        }
        #expect(result.count == shoppers)
        #expect(result.keys.count == shoppers)
        let runs = try Self.curl(["-H", "Authorization: Bearer \(key)", "http://127.0.0.1:\(port)/v1/flow-runs?limit=1000"]).body
        let list = (try JSONSerialization.jsonObject(with: Data(runs.utf8)) as? [String: Any])?["data"] as? [[String: Any]] ?? []
        #expect(list.count == shoppers)
        #expect(list.allSatisfy { $0["status"] as? String == "waiting" })
    }
}
