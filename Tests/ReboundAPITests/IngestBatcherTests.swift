import Foundation
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import ServiceLifecycle
import Testing

@Suite struct IngestBatcherTests {
    /// Concurrent requests share transactions, and each gets exactly its own answer: an id sent by two requests is
    /// accepted for one and a duplicate for the other, and every event is stored once.
    @Test(arguments: TestEngine.available)
    func concurrentRequestsAreStoredOnceAndAnsweredSeparately(engine: TestEngine) async throws {
        let clock = TestClock()
        try await withTestStore(engine, now: clock.now) { store in
            let shop = try await makeTestShop(store, now: clock.now).shop
            let batcher = IngestBatcher(store: store, clock: clock.wallClock, maxEvents: 64)
            func event(_ id: String) -> Event {
                Event(
                    id: Event.ID(id),
                    type: EventType.addedToCart,
                    anonymousID: "a\(id.hashValue % 7)",
                    occurredAt: clock.now,
                    properties: ["cart_token": .string("c-\(id.count % 5)"), "product_id": "p1", "quantity": 1, "price": 100]
                )
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await batcher.run() }
                // Wait until the service loop runs, so requests go through the queue.
                while !batcher.isRunning { await Task.yield() }
                let results = try await withThrowingTaskGroup(of: (Int, IngestResult).self) { requests in
                    for request in 0..<40 {
                        requests.addTask {
                            // Requests 0-19 and 20-39 send the same ids pairwise; each also sends one id of its own.
                            let shared = (0..<3).map { event("shared-\(request % 20)-\($0)") }
                            let own = event("own-\(request)")
                            return (request, try await batcher.ingest(shared + [own], shop: shop, source: "api"))
                        }
                    }
                    var all: [Int: IngestResult] = [:]
                    for try await (request, result) in requests { all[request] = result }
                    return all
                }
                group.cancelAll()
                #expect(results.count == 40)
                for request in 0..<40 {
                    let result = try #require(results[request])
                    #expect(result.accepted.count + result.duplicates.count == 4)
                    #expect(result.accepted.contains(Event.ID("own-\(request)")))
                }
                for pair in 0..<20 {
                    for index in 0..<3 {
                        let id = Event.ID("shared-\(pair)-\(index)")
                        let acceptedBy = [pair, pair + 20].filter { results[$0]?.accepted.contains(id) == true }
                        #expect(acceptedBy.count == 1, "\(id) accepted by \(acceptedBy)")
                    }
                }
            }
            let stored = try await store.events(shopID: shop.id, filter: .init(type: EventType.addedToCart), limit: 1000)
            let expected = 20 * 3 + 40
            #expect(stored.count == expected)
        }
    }
}
