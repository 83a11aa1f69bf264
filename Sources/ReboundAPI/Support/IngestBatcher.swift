import Foundation
public import ReboundCore
public import ReboundStore
public import ServiceLifecycle
import Synchronization

/// Group commit for event ingest: requests that arrive while a transaction is running are stored together
/// in the next one, so a thousand concurrent single-event requests cost a few transactions, not a thousand.
///
/// Runs as a `Service`. When it is not running (router-only tests, CLI tools) it stores each call directly.
public final class IngestBatcher: Service, Sendable {
    struct Pending {
        var shop: Shop
        var events: [Event]
        var source: String
        var continuation: CheckedContinuation<IngestResult, any Error>
    }

    struct State {
        var queue: [Pending] = []
        var running = false
    }

    let store: Store
    let clock: WallClock
    /// Most events one transaction takes.
    let maxEvents: Int
    private let state = Mutex(State())
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    public init(store: Store, clock: WallClock, maxEvents: Int = 5000) {
        self.store = store
        self.clock = clock
        self.maxEvents = maxEvents
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Whether the service loop is running (requests are then grouped).
    public var isRunning: Bool { state.withLock { $0.running } }

    /// Stores `events` for `shop`, together with whatever else is waiting.
    public func ingest(_ events: [Event], shop: Shop, source: String) async throws -> IngestResult {
        guard state.withLock({ $0.running }) else {
            return try await store.ingest(events, shop: shop, source: source, now: clock.now())
        }
        return try await withCheckedThrowingContinuation { continuation in
            state.withLock { $0.queue.append(Pending(shop: shop, events: events, source: source, continuation: continuation)) }
            wake.yield()
        }
    }

    public func run() async throws {
        state.withLock { $0.running = true }
        await cancelWhenGracefulShutdown {
            for await _ in self.wakeups {
                await self.drain()
            }
        }
        // Whatever arrived during shutdown is still stored.
        state.withLock { $0.running = false }
        await drain()
    }

    /// Takes waiting requests (up to `maxEvents`), stores them per shop and source in one transaction each, answers each.
    func drain() async {
        while true {
            let batch: [Pending] = state.withLock { state in
                var taken: [Pending] = []
                var count = 0
                while let first = state.queue.first, taken.isEmpty || count + first.events.count <= maxEvents {
                    taken.append(state.queue.removeFirst())
                    count += first.events.count
                }
                return taken
            }
            guard !batch.isEmpty else { return }
            let groups = Dictionary(grouping: batch.indices) { "\(batch[$0].shop.id.rawValue)|\(batch[$0].source)" }
            for indices in groups.values {
                let first = batch[indices[0]]
                do {
                    let result = try await store.ingest(
                        indices.flatMap { batch[$0].events },
                        shop: first.shop,
                        source: first.source,
                        now: clock.now()
                    )
                    let accepted = Set(result.accepted.map(\.rawValue))
                    // Split the combined answer back: an id is accepted for the first request that sent it.
                    var claimed = Set<String>()
                    for index in indices {
                        var own = IngestResult()
                        for event in batch[index].events {
                            if accepted.contains(event.id.rawValue) && claimed.insert(event.id.rawValue).inserted {
                                own.accepted.append(event.id)
                            } else {
                                own.duplicates.append(event.id)
                            }
                        }
                        batch[index].continuation.resume(returning: own)
                    }
                } catch {
                    for index in indices { batch[index].continuation.resume(throwing: error) }
                }
            }
        }
    }
}
