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

/// Live chat over a real WebSocket: a shopper and an agent talk, a reconnect resumes without loss or doubles,
/// and bad frames, floods and unknown keys are refused without harm.
@Suite struct ChatTests {
    /// Reads text frames until one satisfies `match`; other frames are collected.
    final class Inbox: @unchecked Sendable {
        var iterator: WebSocketInboundMessageStream.AsyncIterator
        var seen: [JSONValue] = []
        init(_ inbound: WebSocketInboundStream) { iterator = inbound.messages(maxSize: 1 << 16).makeAsyncIterator() }

        func next(where match: (JSONValue) -> Bool) async throws -> JSONValue? {
            while let message = try await iterator.next() {
                guard case .text(let text) = message, let frame = try? JSONValue.parse(text) else { continue }
                seen.append(frame)
                if match(frame) { return frame }
            }
            return nil
        }
    }

    static func path(_ app: TestApp, visitor: String = "anon_1") -> String {
        "/v1/chat?key=\(app.shop.publicKey)&visitor=\(visitor)"
    }

    @Test(arguments: TestEngine.available)
    func shopperAndAgentTalkAndReconnectResumes(engine: TestEngine) async throws {
        try await withLiveTestApp(engine) { app, _ in
            let apiKey = app.apiKey
            let conversationBox = LockedBox<String?>(nil)
            try await app.client.ws(Self.path(app)) { inbound, outbound, _ in
                let inbox = Inbox(inbound)
                try await outbound.write(.text(#"{"type":"hello","conversation_id":null,"last_seq":0,"page":"https://shop.example/cart"}"#))
                let welcome = try await inbox.next { $0["type"] == "welcome" }
                #expect(welcome?["conversation_id"] == .null)
                try await outbound.write(.text(#"{"type":"message","client_id":"c_1","text":"Is shipping to Austria free?"}"#))
                let echo = try #require(try await inbox.next { $0["type"] == "message" })
                #expect(echo["seq"] == .int(1) && echo["client_id"] == "c_1" && echo["author"] == "shopper")
                let id = try #require(echo["conversation_id"]?.stringValue)
                conversationBox.set(id)
                // The agent answers through the API; the shopper's socket gets it at once.
                let reply = try await app.client.execute(
                    uri: "/v1/conversations/\(id)/messages",
                    method: .post,
                    headers: [.authorization: "Bearer \(apiKey)", .contentType: "application/json"],
                    body: ByteBuffer(string: #"{"text":"Yes, from 50 € it is free.","name":"Lena"}"#)
                )
                #expect(reply.status == .created)
                let answer = try #require(try await inbox.next { $0["type"] == "message" && $0["author"] == "agent" })
                #expect(answer["seq"] == .int(2) && answer["name"] == "Lena" && answer["text"] == "Yes, from 50 € it is free.")
                // Garbage and unknown frames get an error frame; the connection stays up.
                try await outbound.write(.text("not json"))
                #expect(try await inbox.next { $0["type"] == "error" } != nil)
                try await outbound.close(.normalClosure, reason: nil)
            }
            let id = try #require(conversationBox.value)

            // Reconnect having seen seq 1: seq 2 is replayed once; resending c_1 does not store it twice.
            try await app.client.ws(Self.path(app)) { inbound, outbound, _ in
                let inbox = Inbox(inbound)
                try await outbound.write(.text(#"{"type":"hello","conversation_id":"\#(id)","last_seq":1}"#))
                #expect(try await inbox.next { $0["type"] == "welcome" }?["conversation_id"] == .string(id))
                let replayed = try #require(try await inbox.next { $0["type"] == "message" })
                #expect(replayed["seq"] == .int(2))
                try await outbound.write(.text(#"{"type":"message","client_id":"c_1","text":"Is shipping to Austria free?"}"#))
                let confirmed = try #require(try await inbox.next { $0["type"] == "message" })
                #expect(confirmed["seq"] == .int(1) && confirmed["client_id"] == "c_1")
                try await outbound.close(.normalClosure, reason: nil)
            }
            let messages = try await app.store.conversationMessages(shopID: app.shop.id, conversationID: id)
            #expect(messages.map(\.seq) == [1, 2])
            // Another visitor cannot resume this conversation by naming it.
            try await app.client.ws(Self.path(app, visitor: "anon_2")) { inbound, outbound, _ in
                let inbox = Inbox(inbound)
                try await outbound.write(.text(#"{"type":"hello","conversation_id":"\#(id)","last_seq":0}"#))
                #expect(try await inbox.next { $0["type"] == "welcome" }?["conversation_id"] == .null)
                try await outbound.close(.normalClosure, reason: nil)
            }
            // Resolving asks for a rating; the rating is an event.
            let resolved = try await app.request(.post, "/v1/conversations/\(id)/status", json: ["status": "resolved"])
            #expect(try resolved.json["status"] == "resolved")
        }
    }

    /// A shopper who asks the bot gets an answer from the shop's knowledge (the real FAQ) in the same conversation.
    @Test(arguments: TestEngine.available)
    func theBotAnswersInTheChat(engine: TestEngine) async throws {
        try await withLiveTestApp(engine) { app, _ in
            // The FAQ import takes more than the live client's 15 s on a loaded machine: it runs in process.
            try await BotAPITests.prepare(app.inProcess)
            try await app.client.ws(Self.path(app)) { inbound, outbound, _ in
                let inbox = Inbox(inbound)
                try await outbound.write(.text(#"{"type":"hello","last_seq":0,"mode":"bot"}"#))
                _ = try await inbox.next { $0["type"] == "welcome" }
                try await outbound.write(.text(#"{"type":"message","client_id":"q1","text":"I want to create an account, how?"}"#))
                let answer = try #require(try await inbox.next { $0["type"] == "message" && $0["author"] == "bot" })
                #expect(answer["seq"] == .int(2))
                #expect(answer["text"]?.stringValue?.isEmpty == false)
                try await outbound.close(.normalClosure, reason: nil)
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func floodsOversizedFramesAndUnknownKeysAreRefused(engine: TestEngine) async throws {
        try await withLiveTestApp(engine) { app, _ in
            try await app.client.ws(Self.path(app)) { inbound, outbound, _ in
                let inbox = Inbox(inbound)
                try await outbound.write(.text(#"{"type":"hello","last_seq":0}"#))
                _ = try await inbox.next { $0["type"] == "welcome" }
                // The test clock stands still: after the burst of 10 the bucket is empty.
                for i in 0..<14 { try await outbound.write(.text(#"{"type":"message","client_id":"f\#(i)","text":"spam \#(i)"}"#)) }
                var stored = 0
                var refused = 0
                while stored + refused < 14, let frame = try await inbox.next(where: { $0["type"] == "message" || $0["type"] == "error" }) {
                    if frame["type"] == "message" { stored += 1 } else { refused += 1 }
                }
                #expect(stored == 10 && refused == 4)
                let long = String(repeating: "x", count: ClientFrame.maxText + 1)
                try await outbound.write(.text(#"{"type":"message","text":"\#(long)"}"#))
                #expect(try await inbox.next { $0["type"] == "error" }?["detail"]?.stringValue?.contains("at most") == true)
                try await outbound.close(.normalClosure, reason: nil)
            }
            // A frame above 16 KB closes the connection; the server goes on.
            try await app.client.ws(Self.path(app)) { inbound, outbound, _ in
                try await outbound.write(.text(String(repeating: "y", count: 40_000)))
                for try await _ in inbound {}
            }
            #expect(try await app.request(.get, "/healthz").status == .ok)
            let refused = try await app.client.execute(uri: "/v1/chat?key=pk_nope&visitor=a", method: .get, headers: [:], body: nil)
            #expect(refused.status != .switchingProtocols)
            #expect(try await app.store.conversations(shopID: app.shop.id, status: nil, limit: 10).count == 1)
        }
    }
}

/// A value shared between a test and the closures it runs.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func set(_ value: Value) { lock.withLock { stored = value } }
}
