import Foundation
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundFlows
import ReboundStore
import ReboundTesting
import Testing

@Suite struct FlowConcurrencyTests {
    /// Two workers with their own connections (as two `rebound serve` processes) race over the same due runs:
    /// each run moves on exactly once and each step is logged once.
    @Test(arguments: TestEngine.available)
    func twoWorkersShareDueRunsWithoutDuplicates(engine: TestEngine) async throws {
        let clock = TestClock()
        try await withTwoTestStores(engine) { first, second in
            let shop = try await makeTestShop(first, now: clock.now, settings: ShopSettings(cartAbandonAfterSeconds: 60)).shop
            try await FlowLibrary.save(try FlowTemplates.apply("cart_recovery"), shopID: shop.id, store: first, now: clock.now)
            let shoppers = 60
            let events = (0..<shoppers).map { index in
                Event(
                    id: Event.ID("e\(index)"),
                    type: EventType.addedToCart,
                    anonymousID: "a\(index)",
                    customer: CustomerIdentity(email: "shopper\(index)@example.com"),
                    occurredAt: clock.now,
                    properties: ["cart_token": .string("c\(index)"), "product_id": "p1", "quantity": 1, "price": 1000, "email_consent": true]
                )
            }
            _ = try await first.ingest(events, shop: shop, source: "api", now: clock.now)
            clock.advance(by: 60)
            _ = try await first.detectAbandonment(now: clock.now)
            func worker(_ store: Store) -> FlowWorker<ContinuousClock> {
                FlowWorker(store: store, wallClock: clock.wallClock, clock: ContinuousClock(), interval: .seconds(1), logger: store.logger)
            }
            // Both follow the log at once: every trigger starts one run.
            async let a = worker(first).runOnce()
            async let b = worker(second).runOnce()
            _ = try await (a, b)
            #expect(try await first.flowRuns(shopID: shop.id).count == shoppers)

            clock.advance(by: 3600)
            async let c = worker(first).runOnce()
            async let d = worker(second).runOnce()
            let logged = try await c + d
            #expect(logged == shoppers)
            let messages = try await first.messages(shopID: shop.id, filter: .init(status: "intended"), cursor: nil, limit: 500).items
            #expect(messages.count == shoppers)
            #expect(Set(messages.map(\.key)).count == shoppers)
            // Every run waits for the same next step: none was advanced twice.
            let wakes = Set(try await first.flowRuns(shopID: shop.id).map(\.wakeAt))
            #expect(wakes.count == 1)
        }
    }
}
