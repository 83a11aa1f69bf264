import Foundation
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
}
