import Foundation
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundFlows
import ReboundStore
import ReboundTesting
import SQLKit
import Testing

@Suite struct FlowDueRunsTests {
    /// wait 1h, tag, wait 1h, tag: every due step goes through the batched path (no message to send).
    static let tagger = FlowDocument(
        id: "tagger",
        name: "Tagger",
        trigger: FlowTrigger(type: .customEvent, event: "never"),
        steps: [.wait("w1", "1h"), tag("t1"), .wait("w2", "1h"), tag("t2")]
    )

    static func tag(_ id: String) -> FlowStep {
        var step = FlowStep(id: id, type: .tagCustomer)
        step.tags = [id]
        return step
    }

    /// Stores `count` runs of `flow` started at `now` (their first wait is one hour), as the seeding benchmark does.
    static func seed(_ count: Int, of flow: StoredFlow, shopID: Shop.ID, store: Store, now: Date) async throws -> [StoredFlowRun] {
        let document = try FlowDocument.parse(flow.document)
        let runs = try (0..<count).map { index in
            let state = FlowEngine().start(
                document,
                runID: FlowRunState.ID("run_\(index)"),
                context: FlowContext(customer: CustomerFacts(hasEmail: false)),
                triggeredAt: now.addingTimeInterval(Double(index)),
                now: now
            ).state
            return StoredFlowRun(
                shopID: shopID,
                id: state.id.rawValue,
                flowID: flow.id,
                flowVersion: flow.version,
                triggerEventID: "e\(index)",
                cartID: nil,
                customerID: nil,
                status: state.status.rawValue,
                // Written by JSONEncoder, as older versions stored it: the worker reads both.
                state: String(decoding: try JSONEncoder().encode(state), as: UTF8.self),
                wakeAt: state.wakeAt
            )
        }
        #expect(try await store.insertRuns(runs, now: now) == count)
        // Inserting the same runs again adds nothing.
        #expect(try await store.insertRuns(runs, now: now) == 0)
        return runs
    }

    /// Due runs are claimed in batches of `claimLimit`, stored with one statement per batch, and each step's effect is
    /// logged once; a broken run among them goes to the dead-letter list alone.
    @Test(arguments: TestEngine.available)
    func dueRunsMoveOnInBatchesOncePerStep(engine: TestEngine) async throws {
        let clock = TestClock()
        try await withTestStore(engine, now: clock.now) { store in
            let shop = try await makeTestShop(store, now: clock.now).shop
            let flow = try await FlowLibrary.save(Self.tagger, shopID: shop.id, store: store, now: clock.now)
            let runs = try await Self.seed(7, of: flow, shopID: shop.id, store: store, now: clock.now)
            let broken = try #require(runs.last)
            try await store.engine.withConnection { db in
                try await db.raw("UPDATE flow_runs SET state = 'not json' WHERE id = \(bind: broken.id)").run()
            }
            let worker = FlowWorker(
                store: store,
                wallClock: clock.wallClock,
                clock: ContinuousClock(),
                interval: .seconds(1),
                logger: store.logger,
                claimLimit: 3
            )
            #expect(try await store.nextFlowWake(after: clock.now) == clock.now.addingTimeInterval(3600))

            clock.advance(by: 3600)
            // Only the first run is due at +1h; the others follow a second apart.
            let first = try await worker.advanceDueRuns()
            #expect(first.claimed == 1)
            #expect(first.fired.map(\.runID) == ["run_0"])
            #expect(first.fired.first?.dueAt == clock.now)
            #expect(first.logged == 1)

            clock.advance(by: 10)
            #expect(try await worker.runOnce() == 5)
            let counts = try await store.flowRunCounts(shopID: shop.id)
            #expect(counts == ["waiting": 6, "dead": 1])
            let dead = try await store.flowRuns(shopID: shop.id, status: "dead")
            #expect(dead.map(\.id) == [broken.id])
            // The next wait counts from when the first was due: one hour after it.
            #expect(try await store.nextFlowWake(after: clock.now) == clock.now.addingTimeInterval(3600 - 10))

            clock.advance(by: 3600)
            #expect(try await worker.runOnce() == 6)
            #expect(try await worker.runOnce() == 0)
            #expect(try await store.flowRunCounts(shopID: shop.id) == ["completed": 6, "dead": 1])
            #expect(try await store.nextFlowWake(after: clock.now) == nil)
            let messages = try await store.messages(shopID: shop.id, filter: .init(flowID: "tagger"), cursor: nil, limit: 100).items
            #expect(messages.count == 12)
            #expect(Set(messages.map(\.key)).count == 12)
            // Tagging is an effect done in the step's transaction: applied, or skipped for runs without a customer.
            #expect(messages.allSatisfy { $0.channel == "tag" && ["applied", "skipped"].contains($0.status) })
        }
    }

    /// Two workers (as two processes) claiming the same due runs: each step is moved on and logged exactly once.
    /// PostgreSQL only: several processes on one SQLite file is not a supported set-up.
    @Test(arguments: TestEngine.available.filter { $0 == .postgres })
    func twoWorkersShareBatchedRunsWithoutDuplicates(engine: TestEngine) async throws {
        let clock = TestClock()
        try await withTwoTestStores(engine) { first, second in
            let shop = try await makeTestShop(first, now: clock.now).shop
            let flow = try await FlowLibrary.save(Self.tagger, shopID: shop.id, store: first, now: clock.now)
            _ = try await Self.seed(200, of: flow, shopID: shop.id, store: first, now: clock.now)
            clock.advance(by: 3600 + 200)
            func worker(_ store: Store) -> FlowWorker<ContinuousClock> {
                FlowWorker(
                    store: store,
                    wallClock: clock.wallClock,
                    clock: ContinuousClock(),
                    interval: .seconds(1),
                    logger: store.logger,
                    claimLimit: 16
                )
            }
            async let a = worker(first).runOnce()
            async let b = worker(second).runOnce()
            #expect(try await a + b == 200)
            #expect(try await first.flowRunCounts(shopID: shop.id) == ["waiting": 200])
            let messages = try await first.messages(shopID: shop.id, filter: .init(flowID: "tagger"), cursor: nil, limit: 500).items
            #expect(messages.count == 200)
        }
    }

    /// A claim loop sleeps until the next wake-up, never past its interval, and not at all when work is due.
    @Test func claimLoopsSleepUntilTheNextWakeUp() {
        let now = Date(timeIntervalSince1970: 1_795_687_200)
        #expect(FlowWorker<ContinuousClock>.pause(until: nil, now: now, interval: .seconds(1)) == .seconds(1))
        #expect(FlowWorker<ContinuousClock>.pause(until: now.addingTimeInterval(0.25), now: now, interval: .seconds(1)) == .milliseconds(250))
        #expect(FlowWorker<ContinuousClock>.pause(until: now.addingTimeInterval(5), now: now, interval: .seconds(1)) == .seconds(1))
        #expect(FlowWorker<ContinuousClock>.pause(until: now.addingTimeInterval(-1), now: now, interval: .seconds(1)) == .zero)
    }
}
