import Foundation
public import Logging
import ReboundAPI
public import ReboundCore
public import ReboundStore
public import ServiceLifecycle

/// Finds abandoned carts, checkouts and browsing sessions as they fall due.
///
/// Idle, it costs one indexed `MIN(due_at)` query per interval; busy, it drains due rows in batches.
public struct AbandonmentWorker<C: Clock<Duration>>: Service {
    let store: Store
    let wallClock: WallClock
    let clock: C
    let interval: Duration
    let logger: Logger

    public init(store: Store, wallClock: WallClock, clock: C, interval: Duration, logger: Logger) {
        self.store = store
        self.wallClock = wallClock
        self.clock = clock
        self.interval = interval
        self.logger = logger
    }

    /// One pass: detect everything due now. Returns the events appended.
    @discardableResult
    public func runOnce() async throws -> [Event] {
        var all: [Event] = []
        while true {
            let events = try await store.detectAbandonment(now: wallClock.now(), limit: 500)
            all += events
            ReboundMetrics.detections(events)
            for event in events {
                var metadata: Logger.Metadata = ["rebound.event.type": .string(event.type)]
                if let cart = event.string("cart_id") { metadata["rebound.cart.id"] = .string(cart) }
                if let value = event.int("value"), let currency = event.string("currency") {
                    metadata["rebound.cart.value"] = .string(
                        Money(minorUnits: value, currency: Currency(rawValue: currency) ?? .eur).decimalString + " " + currency
                    )
                }
                if let session = event.string("browse_session_id") { metadata["rebound.browse.id"] = .string(session) }
                logger.info("\(event.type.replacingOccurrences(of: "_", with: " "))", metadata: metadata)
            }
            if events.count < 500 { break }
        }
        return all
    }

    public func run() async throws {
        await runPeriodically(every: interval, on: clock, logger: logger, name: "abandonment detection") { try await runOnce() }
    }
}
