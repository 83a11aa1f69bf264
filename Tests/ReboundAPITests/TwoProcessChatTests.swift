import Foundation
import HTTPTypes
import Logging
import NIOWebSocket
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing
import WSClient

/// Two `rebound serve` processes on one PostgreSQL database, no sticky sessions: a shopper's chat socket on process A
/// and an agent's inbox socket on process B talk in real time (LISTEN/NOTIFY between them), and the agent answers
/// through the inbox's form on B.
@Suite(.serialized) struct TwoProcessChatTests {
    final class Server: Sendable {
        let process: Process
        let port: Int
        init(process: Process, port: Int) {
            self.process = process
            self.port = port
        }
        var base: String { "http://127.0.0.1:\(port)" }
    }

    static func serve(_ database: String) throws -> Server {
        let port = freeLoopbackPort()
        let process = Process()
        process.executableURL = reboundBinary()
        process.arguments = ["serve", "--port", "\(port)", "--database", database, "--log-level", "error"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = Server(process: process, port: port)
        for _ in 0..<600 {
            if try runCommand("curl", ["-sf", "--max-time", "5", server.base + "/healthz"]).status == 0 { return server }
            usleep(50_000)
        }
        process.terminate()
        throw AdminTestError("rebound serve on port \(port) did not become healthy")
    }

    /// Signs in on `server` with curl and a cookie jar; returns the session cookie and the page's CSRF token.
    static func signIn(_ server: Server, email: String, jar: String) throws -> AdminBrowser {
        _ = try runCommand("curl", ["-s", "-c", jar, server.base + "/admin/login"])
        let loginToken = try #require(try Self.cookie("rb_login_csrf", jar: jar))
        _ = try runCommand(
            "curl",
            [
                "-s", "-b", jar, "-c", jar, "--data-urlencode", "_csrf=\(loginToken)", "--data-urlencode", "email=\(email)",
                "--data-urlencode", "password=\(AdminTestSupport.password)", server.base + "/admin/login",
            ]
        )
        let session = try #require(try Self.cookie("rb_admin", jar: jar))
        let page = try runCommand("curl", ["-s", "-b", "rb_admin=\(session)", server.base + "/admin/customers"]).output
        let csrf = try #require(AdminTestSupport.csrfToken(page))
        return AdminBrowser(cookie: "rb_admin=\(session)", csrf: csrf)
    }

    /// A cookie's value from curl's jar (tab-separated: domain, flag, path, secure, expiry, name, value).
    static func cookie(_ name: String, jar: String) throws -> String? {
        for line in try String(contentsOfFile: jar, encoding: .utf8).split(separator: "\n") {
            let fields: [Substring] = line.split(separator: "\t")
            if fields.count >= 7, fields[5] == Substring(name) { return String(fields[6]) }
        }
        return nil
    }

    @Test(arguments: TestEngine.available.filter { $0 == .postgres })
    func aShopperOnOneProcessAndAnAgentOnTheOtherTalkLive(engine: TestEngine) async throws {
        try await withTestStore(engine) { store in
            let database = store.engine.displayName
            let created = try await makeTestShop(store, now: Date())
            try await ShopAdmin.createAgent(
                shopID: created.shop.id,
                email: "ann@shop.example",
                name: "Ann",
                role: .admin,
                password: AdminTestSupport.password,
                cost: 4,
                store: store,
                now: Date()
            )
            let a = try Self.serve(database)
            defer { a.process.terminate() }
            let b = try Self.serve(database)
            defer { b.process.terminate() }
            let jar = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-jar-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: jar) }
            let browser = try Self.signIn(b, email: "ann@shop.example", jar: jar)
            let logger = Logger(label: "rebound.test.ws")
            var agentHeaders = HTTPFields()
            agentHeaders[.cookie] = browser.cookie
            agentHeaders[.origin] = b.base
            let shopperURL = "ws://127.0.0.1:\(a.port)/v1/chat?key=\(created.shop.publicKey)&visitor=anon_two"
            try await WebSocketClient.connect(
                url: "ws://127.0.0.1:\(b.port)/admin/ws",
                configuration: .init(additionalHeaders: agentHeaders),
                logger: logger
            ) { inbound, outbound, _ in
                let agent = ChatTests.Inbox(inbound)
                #expect(try await agent.next { $0["type"] == "ready" } != nil)
                // The only open inbox is on B, yet the widget served by A says agents are online (B announced it).
                let config = a.base + "/v1/widget/config?key=\(created.shop.publicKey)&visitor=anon_two"
                var online = false
                let deadline = ContinuousClock.now + .seconds(20)
                while !online, ContinuousClock.now < deadline {
                    let status = try JSONValue.parse(try runCommand("curl", ["-s", config]).output)["status"]
                    online = status?["agents_online"] == true
                    if !online { await Task.yield() }
                }
                #expect(online)
                try await WebSocketClient.connect(url: shopperURL, logger: logger) { shopperInbound, shopperOutbound, _ in
                    let shopper = ChatTests.Inbox(shopperInbound)
                    try await shopperOutbound.write(.text(#"{"type":"hello","last_seq":0}"#))
                    let welcome = try #require(try await shopper.next { $0["type"] == "welcome" })
                    #expect(welcome["agents_online"] == true)
                    try await shopperOutbound.write(.text(#"{"type":"message","client_id":"c1","text":"Ist das Zelt wasserdicht?"}"#))
                    let echo = try #require(try await shopper.next { $0["type"] == "message" })
                    let conversationID = try #require(echo["conversation_id"]?.stringValue)
                    // Stored on A, published to B through PostgreSQL, shown in B's inbox.
                    let shown = try #require(try await agent.next { $0["type"] == "message" && $0["conversation_id"] == .string(conversationID) })
                    #expect(shown["html"]?.stringValue?.contains("Ist das Zelt wasserdicht?") == true)
                    // The agent answers through B's inbox form; the shopper's socket on A gets it.
                    let reply = try runCommand(
                        "curl",
                        [
                            "-s", "-o", "/dev/null", "-w", "%{http_code}", "-b", browser.cookie, "-H", "X-CSRF-Token: \(browser.csrf)",
                            "--data-urlencode", "body=Ja, bis 3000 mm Wassersäule.", "--data-urlencode", "kind=reply",
                            b.base + "/admin/inbox/\(conversationID)/reply",
                        ]
                    )
                    #expect(reply.output == "201", "the composer's answer: the stored message")
                    let answer = try #require(try await shopper.next { $0["type"] == "message" && $0["author"] == "agent" })
                    #expect(answer["text"] == "Ja, bis 3000 mm Wassersäule.")
                    try await shopperOutbound.close(.normalClosure, reason: nil)
                }
                try await outbound.close(.normalClosure, reason: nil)
            }
            let stored = try await store.conversationMessages(
                shopID: created.shop.id,
                conversationID: try #require(
                    try await store.conversations(shopID: created.shop.id, status: nil, visitorID: "anon_two", limit: 1).first?.id
                )
            )
            #expect(stored.map(\.author) == ["shopper", "agent"])
        }
    }
}
