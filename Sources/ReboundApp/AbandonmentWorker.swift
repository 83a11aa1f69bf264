public import Foundation
public import Logging
public import ReboundCore
import ReboundAPI
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
                logger.info(
                    "\(event.type)",
                    metadata: ["rebound.cart.id": .string(event.string("cart_id") ?? event.string("browse_session_id") ?? "")])
            }
            if events.count < 500 { break }
        }
        return all
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await runOnce()
            } catch {
                logger.error("abandonment detection failed", metadata: ["rebound.error": .string(String(describing: error))])
            }
            try? await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
        }
    }
}
