public import Foundation
public import Logging
public import ReboundCore
public import ReboundStore
public import ServiceLifecycle

/// Folds new orders into every shop's "bought together" counts and re-derives its rules.
///
/// Counting runs here rather than in the order-ingest transaction: an order of n products touches n(n−1)/2 pair
/// rows, which would make every webhook and `/v1/events` batch wait on those upserts. The cost is a delay of up to
/// one period (plus 10 s settle time) before a new order shows in the rules. `rebound recs build` is the full recount.
public struct RecsRefreshWorker<C: Clock<Duration>>: Service {
    let store: Store
    let wallClock: WallClock
    let clock: C
    let interval: Duration
    let logger: Logger

    /// How often the counts are refreshed, across all processes.
    public static var period: TimeInterval { 60 }

    public init(store: Store, wallClock: WallClock, clock: C, interval: Duration, logger: Logger) {
        self.store = store
        self.wallClock = wallClock
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// One pass over all shops; returns the orders read (0 when another process holds this period's claim).
    @discardableResult
    public func runOnce(claim: Bool = true) async throws -> Int {
        let now = wallClock.now()
        if claim {
            guard try await store.withFlowTransaction({ tx in try await tx.claimPeriodic("periodic:recs-refresh", every: Self.period, now: now) })
            else { return 0 }
        }
        var total = 0
        for shop in try await store.shops() {
            let read = try await store.refreshRecommendationCounts(shopID: shop.id, now: now)
            if read > 0 { logger.debug("recommendation counts refreshed", metadata: ["rebound.shop.id": "\(shop.id)", "rebound.orders": "\(read)"]) }
            total += read
        }
        return total
    }

    public func run() async throws {
        await runPeriodically(every: interval, on: clock, logger: logger, name: "recommendation refresh") { try await runOnce() }
    }
}
