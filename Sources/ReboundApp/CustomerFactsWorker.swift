public import Foundation
public import Logging
public import ReboundAPI
public import ReboundCore
public import ReboundStore
public import ServiceLifecycle

/// Keeps every shop's customer values and segment facts current, so segment counts, exports and the flows'
/// `customer.segments` never go stale even when nobody opens the admin.
///
/// One process does it per period (a claim in the database); a shop whose orders and customers did not change since
/// its last rebuild costs two counts.
public struct CustomerFactsWorker<C: Clock<Duration>>: Service {
    let store: Store
    let wallClock: WallClock
    let clock: C
    let interval: Duration
    let cache: CustomerValueCache
    let logger: Logger

    /// How often the facts are checked, across all processes.
    public static var period: TimeInterval { 300 }

    public init(store: Store, wallClock: WallClock, clock: C, interval: Duration, cache: CustomerValueCache = CustomerValueCache(), logger: Logger) {
        self.store = store
        self.wallClock = wallClock
        self.clock = clock
        self.interval = interval
        self.cache = cache
        self.logger = logger
    }

    /// One pass: returns how many shops were checked (0 when another process holds this period's claim).
    @discardableResult
    public func runOnce() async throws -> Int {
        let now = wallClock.now()
        guard try await store.withFlowTransaction({ tx in try await tx.claimPeriodic("periodic:customer-facts", every: Self.period, now: now) })
        else { return 0 }
        let shops = try await store.shops()
        for shop in shops {
            let snapshot = try await CustomerValues.snapshot(store: store, shop: shop, cache: cache, now: now)
            logger.debug("customer facts checked", metadata: ["rebound.shop.id": "\(shop.id)", "rebound.customers": "\(snapshot.values.count)"])
        }
        return shops.count
    }

    public func run() async throws {
        await runPeriodically(every: interval, on: clock, logger: logger, name: "customer facts") { try await runOnce() }
    }
}
