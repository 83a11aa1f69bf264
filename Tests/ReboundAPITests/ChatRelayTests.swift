import Foundation
import ReboundAPI
import ReboundApp
import ReboundChat
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// Two processes on one PostgreSQL behave as one chat: a frame published by one hub reaches the sockets of the
/// other through LISTEN/NOTIFY (each side with its own connection pool, as two `rebound serve` would have).
@Suite struct ChatRelayTests {
    actor Received {
        var frames: [String] = []
        func add(_ frame: String) { frames.append(frame) }
    }

    @Test(arguments: TestEngine.available.filter { $0 == .postgres })
    func framesCrossProcesses(engine: TestEngine) async throws {
        try await withTwoTestStores(engine) { first, second in
            let hubA = ChatHub()
            let hubB = ChatHub()
            let relayA = ChatRelay(store: first, hub: hubA, logger: first.logger)
            let relayB = ChatRelay(store: second, hub: hubB, logger: second.logger)
            let shop = Shop.ID("shop_relay")
            let received = Received()
            // A shopper's socket on process A.
            await hubA.join(conversationID: "cv_1", ChatHub.Connection(id: await hubA.makeConnectionID(), shopID: shop) { await received.add($0) })
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await relayA.run() }
                group.addTask { try await relayB.run() }
                // The agent answers on process B; publish until A's LISTEN is in place, then stop.
                var delivered = false
                for attempt in 0..<200 where !delivered {
                    await hubB.publish(shopID: shop, conversationID: "cv_1", frame: #"{"type":"message","seq":\#(attempt)}"#)
                    delivered = await !received.frames.isEmpty
                    if !delivered { await Task.yield() }
                }
                group.cancelAll()
            }
            let frames = await received.frames
            #expect(!frames.isEmpty)
            #expect(frames.allSatisfy { $0.hasPrefix(#"{"type":"message""#) })
        }
    }
    /// An agent's inbox socket on process B gets a shopper's message sent on process A, rendered for the inbox by
    /// B, and the agent-only frames (a refresh) cross too; an agent of another shop gets neither.
    @Test(arguments: TestEngine.available.filter { $0 == .postgres })
    func agentFramesCrossProcesses(engine: TestEngine) async throws {
        try await withTwoTestStores(engine) { first, second in
            let clock = TestClock()
            let shop = try await makeTestShop(first, now: clock.now).shop
            let otherShop = try await makeTestShop(first, now: clock.now).shop
            let stored = try await first.appendConversationMessage(
                shopID: shop.id,
                to: .find(channel: "chat", customerID: nil, visitorID: "anon_1", externalThread: nil, subject: nil, cartID: nil),
                author: "shopper",
                authorName: nil,
                body: "Is the <tent> waterproof?",
                clientID: "c_1",
                now: clock.now
            )
            let hubA = ChatHub(agentFrame: InboxFeed.agentFrame(store: first, clock: clock.wallClock))
            let hubB = ChatHub(agentFrame: InboxFeed.agentFrame(store: second, clock: clock.wallClock))
            let relayA = ChatRelay(store: first, hub: hubA, logger: first.logger)
            let relayB = ChatRelay(store: second, hub: hubB, logger: second.logger)
            let agent = Received()
            let otherAgent = Received()
            await hubB.joinAgent(ChatHub.Connection(id: await hubB.makeConnectionID(), shopID: shop.id) { await agent.add($0) })
            await hubB.joinAgent(ChatHub.Connection(id: await hubB.makeConnectionID(), shopID: otherShop.id) { await otherAgent.add($0) })
            let frame = ServerFrame.message(stored.message, conversationID: stored.conversation.id)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await relayA.run() }
                group.addTask { try await relayB.run() }
                // The shopper writes on process A; publish until B's LISTEN is in place (B renders, which takes a query).
                let deadline = ContinuousClock.now + .seconds(20)
                while await agent.frames.isEmpty, ContinuousClock.now < deadline {
                    await hubA.publish(shopID: shop.id, conversationID: stored.conversation.id, frame: frame)
                    await Task.yield()
                }
                // Both relays listen now: an agent-only refresh from A reaches B.
                await hubA.publishToAgents(shopID: shop.id, frame: ServerFrame.refresh)
                while await !agent.frames.contains(ServerFrame.refresh), ContinuousClock.now < deadline { await Task.yield() }
                // A frame too long for NOTIFY (8000 bytes) reaches agents elsewhere as a refresh.
                let long = ServerFrame.message(stored.message, conversationID: stored.conversation.id) + String(repeating: " ", count: 9000)
                await hubA.publish(shopID: shop.id, conversationID: stored.conversation.id, frame: long)
                while await agent.frames.filter({ $0 == ServerFrame.refresh }).count < 2, ContinuousClock.now < deadline { await Task.yield() }
                group.cancelAll()
            }
            let received = await agent.frames
            let frames = try received.map { try JSONValue.parse($0) }
            let message = try #require(frames.first)
            #expect(message["type"] == "message" && message["conversation_id"] == .string(stored.conversation.id))
            let html = try #require(message["html"]?.stringValue)
            #expect(html.contains("id=\"msg-\(stored.message.id)\"") && html.contains("Is the &lt;tent&gt; waterproof?"))
            #expect(frames.filter { $0["type"] == "refresh" }.count == 2)
            #expect(await otherAgent.frames.isEmpty)
        }
    }

    /// A widget served by process A says agents are online while the only open inbox is on process B: B announces its
    /// agents when an inbox opens or closes and when an agent answers, and answers a process that starts listening
    /// later. An announcement stops counting after `ChatHub.presenceLifetime` (a process killed without a word).
    @Test(arguments: TestEngine.available.filter { $0 == .postgres })
    func agentPresenceCrossesProcesses(engine: TestEngine) async throws {
        try await withTwoTestStores(engine) { first, second in
            let clock = TestClock()
            let shop = Shop.ID("shop_presence"), otherShop = Shop.ID("shop_other")
            let hubA = ChatHub(), hubB = ChatHub(), hubC = ChatHub()
            // No heartbeat within the test: every announcement below is one the hubs make on their own.
            func relay(_ store: Store, _ hub: ChatHub) -> ChatRelay {
                ChatRelay(store: store, hub: hub, logger: store.logger, now: { clock.now }, heartbeat: .seconds(3600))
            }
            func until(_ condition: () async -> Bool) async {
                let deadline = ContinuousClock.now + .seconds(20)
                while await !condition(), ContinuousClock.now < deadline { await Task.yield() }
            }
            #expect(await !hubA.agentsOnline(shopID: shop, now: clock.now))
            // A process numbers its announcements: an older one arriving after a newer one does not undo it.
            let ordered = ChatHub()
            await ordered.notePresence(shopID: shop, origin: "p1", sockets: 0, lastActivity: nil, announced: clock.now, sequence: 5)
            await ordered.notePresence(shopID: shop, origin: "p1", sockets: 1, lastActivity: nil, announced: clock.now, sequence: 4)
            #expect(await !ordered.agentsOnline(shopID: shop, now: clock.now))
            await ordered.notePresence(shopID: shop, origin: "p1", sockets: 1, lastActivity: nil, announced: clock.now, sequence: 6)
            #expect(await ordered.agentsOnline(shopID: shop, now: clock.now))
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await relay(first, hubA).run() }
                group.addTask { try await relay(second, hubB).run() }
                // An agent opens the inbox on B. B announces it; until A listens, B repeats it the way a heartbeat would.
                let inbox = await hubB.makeConnectionID()
                await hubB.joinAgent(ChatHub.Connection(id: inbox, shopID: shop) { _ in })
                await until {
                    if await hubA.agentsOnline(shopID: shop, now: clock.now) { return true }
                    await hubB.announceAll()
                    return false
                }
                #expect(await hubA.agentsOnline(shopID: shop, now: clock.now))
                #expect(await !hubA.agentsOnline(shopID: otherShop, now: clock.now), "another shop's agents are its own")
                #expect(
                    await !hubA.agentsOnline(shopID: shop, now: clock.now.addingTimeInterval(ChatHub.presenceLifetime + 1)),
                    "an announcement not repeated stops counting"
                )

                // A process that starts listening now learns of B's open inbox without waiting for a heartbeat.
                group.addTask { try await relay(first, hubC).run() }
                await until { await hubC.agentsOnline(shopID: shop, now: clock.now) }
                #expect(await hubC.agentsOnline(shopID: shop, now: clock.now))

                // The inbox closes: offline on A too.
                await hubB.leave(inbox)
                await until { await !hubA.agentsOnline(shopID: shop, now: clock.now) }
                #expect(await !hubA.agentsOnline(shopID: shop, now: clock.now))

                // An agent answers on B (an email reply, no inbox open): online on A too (for ten minutes while B repeats it).
                await hubB.noteAgentActivity(shopID: shop, at: clock.now)
                await until { await hubA.agentsOnline(shopID: shop, now: clock.now) }
                #expect(await hubA.agentsOnline(shopID: shop, now: clock.now.addingTimeInterval(120)))
                #expect(await !hubA.agentsOnline(shopID: shop, now: clock.now.addingTimeInterval(601)))
                group.cancelAll()
            }
        }
    }
}
