import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import NIOWebSocket
import ReboundAPI
import ReboundApp
import ReboundChat
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing
import WSClient

/// The agents' WebSocket `/admin/ws` over a real socket: signed in by the session cookie only, same origin only; it
/// carries the shop's new messages as the inbox renders them and a refresh for other changes, and nothing of other shops.
@Suite struct InboxSocketTests {
    static func headers(_ browser: AdminBrowser?, origin: String? = nil) -> HTTPFields {
        var fields = HTTPFields()
        if let browser { fields[.cookie] = browser.cookie }
        if let origin { fields[.origin] = origin }
        return fields
    }

    /// Opens `/admin/ws` and runs `body` once the socket is in the hub (its `ready` frame): nothing published after is missed.
    static func agentSocket(
        _ app: TestApp,
        _ browser: AdminBrowser,
        _ body: @escaping @Sendable (ChatTests.Inbox, WebSocketOutboundWriter) async throws -> Void
    ) async throws {
        try await app.client.ws(InboxSocket.path, configuration: .init(additionalHeaders: headers(browser))) { inbound, outbound, _ in
            let inbox = ChatTests.Inbox(inbound)
            guard try await inbox.next(where: { $0["type"] == "ready" }) != nil else { throw AdminTestError("the socket closed before ready") }
            try await body(inbox, outbound)
            try await outbound.close(.normalClosure, reason: nil)
        }
    }

    @Test(arguments: TestEngine.available)
    func theSocketNeedsALiveSessionAndTheSameOrigin(engine: TestEngine) async throws {
        try await withLiveTestApp(engine) { app, _ in
            try await AdminTestSupport.agent(app)
            let browser = try await AdminTestSupport.signIn(app)
            let port = try #require(app.client.port)
            func refused(_ fields: HTTPFields) async -> Bool {
                do {
                    try await app.client.ws(InboxSocket.path, configuration: .init(additionalHeaders: fields)) { _, outbound, _ in
                        try await outbound.close(.normalClosure, reason: nil)
                    }
                    return false
                } catch {
                    return true
                }
            }
            #expect(await refused(Self.headers(nil)))
            #expect(await refused(Self.headers(AdminBrowser(cookie: "rb_admin=forged-token", csrf: ""))))
            #expect(await refused(Self.headers(browser, origin: "https://evil.example")))
            #expect(await refused(Self.headers(browser, origin: "null")))
            // The inbox page's own origin (the test client connects to localhost) is let in.
            #expect(await !refused(Self.headers(browser, origin: "http://localhost:\(port)")))
            #expect(await !refused(Self.headers(browser)))
            // An expired session is refused like a forged one.
            app.clock.advance(by: AdminConfiguration().sessionLifetime + 60)
            #expect(await refused(Self.headers(browser)))
        }
    }

    /// A frame that never comes fails the test within the limit instead of waiting forever (`Inbox.next` has no timeout).
    @Test(.timeLimit(.minutes(2)), arguments: TestEngine.available)
    func anAgentSeesTheShoppersMessageAndANewEmail(engine: TestEngine) async throws {
        try await withLiveTestApp(engine) { app, hub in
            try await AdminTestSupport.agent(app)
            let browser = try await AdminTestSupport.signIn(app)
            try await Self.agentSocket(app, browser) { agent, outbound in
                // Whatever the agent sends (garbage, binary, a shopper's frame) is dropped; the socket stays open.
                try await outbound.write(.text("not json"))
                try await outbound.write(.binary(ByteBuffer(bytes: [0, 1, 2])))
                try await outbound.write(.text(#"{"type":"message","text":"spoofed"}"#))
                // With the inbox open, the storefront shows agents as online (within the shop's opening hours).
                let widget = try await app.request(.get, "/v1/widget/config?key=\(app.shop.publicKey)")
                let status = try widget.json["status"]
                #expect(status?["agents_online"] == status?["open"])
                #expect(await hub.agentsOnline(shopID: app.shop.id, now: app.clock.now))
                let conversationBox = LockedBox("")
                try await app.client.ws(ChatTests.path(app)) { inbound, outbound, _ in
                    let shopper = ChatTests.Inbox(inbound)
                    try await outbound.write(.text(#"{"type":"hello","conversation_id":null,"last_seq":0}"#))
                    _ = try await shopper.next { $0["type"] == "welcome" }
                    try await outbound.write(.text(#"{"type":"typing"}"#))
                    try await outbound.write(.text(#"{"type":"message","client_id":"c_1","text":"Is the <b>tent</b> waterproof?"}"#))
                    let echo = try #require(try await shopper.next { $0["type"] == "message" })
                    conversationBox.set(try #require(echo["conversation_id"]?.stringValue))
                    try await outbound.close(.normalClosure, reason: nil)
                }
                let conversationID = conversationBox.value
                let message = try #require(try await agent.next { $0["type"] == "message" })
                #expect(message["conversation_id"] == .string(conversationID))
                let html = try #require(message["html"]?.stringValue)
                // The inbox's own rendering: the shopper's text escaped, the message's id for de-duplication.
                #expect(html.contains("class=\"msg shopper\"") && html.contains("Is the &lt;b&gt;tent&lt;/b&gt; waterproof?"))
                #expect(html.contains("<strong>Visitor</strong>"))
                let stored = try await app.store.conversationMessages(shopID: app.shop.id, conversationID: conversationID)
                #expect(stored.map(\.body) == ["Is the <b>tent</b> waterproof?"])
                #expect(html.contains("id=\"msg-\(try #require(stored.first?.id))\""))
                // The storefront's typing indicator is not an inbox frame.
                #expect(!agent.seen.contains { $0["type"] == "typing" })
                // An answer of the bot API into the conversation shows in the inbox too.
                let asked = try await app.request(
                    .post,
                    "/v1/bot/answer",
                    json: ["question": "Is the tent waterproof?", "conversation_id": .string(conversationID)]
                )
                #expect(asked.status == .ok)
                let answer = try #require(try await agent.next { $0["type"] == "message" })
                #expect(answer["conversation_id"] == .string(conversationID) && answer["html"]?.stringValue?.contains("class=\"msg bot\"") == true)

                // An inbound email opens a new conversation: its message, then a refresh of the list.
                let mime =
                    "From: Kim <kim@example.com>\r\nTo: shop@example.com\r\nSubject: Sizes\r\nMessage-ID: <k1@example.com>\r\n\r\nDoes the jacket come in M?\r\n"
                let inbound = try await app.request(.post, "/v1/inbound/email", body: Array(mime.utf8), headers: [.contentType: "message/rfc822"])
                #expect(inbound.status == .created)
                let emailID = try #require(try inbound.json["conversation_id"]?.stringValue)
                let emailMessage = try #require(try await agent.next { $0["type"] == "message" })
                #expect(emailMessage["conversation_id"] == .string(emailID))
                #expect(emailMessage["html"]?.stringValue?.contains("Does the jacket come in M?") == true)
                #expect(try await agent.next { $0["type"] == "refresh" } != nil)

                // A note reaches agents (and only agents); assigning and resolving refresh the inbox.
                _ = try await AdminTestSupport.post(app, browser, "/admin/inbox/\(emailID)/reply", [("kind", "note"), ("body", "VIP, be quick")])
                let note = try #require(try await agent.next { $0["type"] == "message" })
                #expect(note["html"]?.stringValue?.contains("Internal note · Ann Agent") == true)
                _ = try await AdminTestSupport.post(app, browser, "/admin/inbox/\(emailID)/status", [("status", "resolved")])
                #expect(try await agent.next { $0["type"] == "refresh" } != nil)
                #expect(try await app.request(.patch, "/v1/conversations/\(emailID)", json: ["add_tags": ["vip"]]).status == .ok)
                #expect(try await agent.next { $0["type"] == "refresh" } != nil)
            }
        }
    }

    /// An agent of shop A gets nothing of shop B, and the other way round.
    @Test(arguments: TestEngine.available)
    func agentSocketsAreShopIsolated(engine: TestEngine) async throws {
        try await withLiveTestApp(engine) { app, _ in
            let other = try await makeTestShop(app.store, now: app.clock.now)
            try await AdminTestSupport.agent(app)
            try await AdminTestSupport.agent(app, email: "bob@other.example", shopID: other.shop.id)
            let ann = try await AdminTestSupport.signIn(app)
            let bob = try await AdminTestSupport.signIn(app, email: "bob@other.example")
            try await Self.agentSocket(app, ann) { annSocket, _ in
                try await Self.agentSocket(app, bob) { bobSocket, _ in
                    // A shopper of shop B writes: Bob sees it.
                    try await app.client.ws("/v1/chat?key=\(other.shop.publicKey)&visitor=anon_b") { inbound, outbound, _ in
                        let shopper = ChatTests.Inbox(inbound)
                        try await outbound.write(.text(#"{"type":"hello","conversation_id":null,"last_seq":0}"#))
                        _ = try await shopper.next { $0["type"] == "welcome" }
                        try await outbound.write(.text(#"{"type":"message","client_id":"b_1","text":"Shop B question"}"#))
                        _ = try await shopper.next { $0["type"] == "message" }
                        try await outbound.close(.normalClosure, reason: nil)
                    }
                    let seenByBob = try #require(try await bobSocket.next { $0["type"] == "message" })
                    #expect(seenByBob["html"]?.stringValue?.contains("Shop B question") == true)
                    // Then something happens in shop A: the first frame Ann gets is shop A's, not B's message.
                    let mime = "From: Kim <kim@example.com>\r\nTo: a@example.com\r\nSubject: A\r\nMessage-ID: <a1@example.com>\r\n\r\nShop A mail\r\n"
                    let inbound = try await app.request(.post, "/v1/inbound/email", body: Array(mime.utf8), headers: [.contentType: "message/rfc822"])
                    #expect(inbound.status == .created)
                    let first = try #require(try await annSocket.next { _ in true })
                    #expect(first["html"]?.stringValue?.contains("Shop A mail") == true)
                    _ = try await annSocket.next { $0["type"] == "refresh" }
                    #expect(!annSocket.seen.contains { $0["html"]?.stringValue?.contains("Shop B question") == true })
                    // And Bob's next frame after a change in shop B is shop B's: nothing of shop A's mail arrived before it.
                    let conversations = try await app.store.conversations(shopID: other.shop.id, status: nil, limit: 1)
                    let bConversation = try #require(conversations.first?.id)
                    let patched = try await app.request(.patch, "/v1/conversations/\(bConversation)", json: ["add_tags": ["b"]], key: other.apiKey)
                    #expect(patched.status == .ok)
                    _ = try await bobSocket.next { $0["type"] == "refresh" }
                    #expect(!bobSocket.seen.contains { $0["html"]?.stringValue?.contains("Shop A mail") == true })
                }
            }
        }
    }
}
