import Logging
import ServiceLifecycle

/// The loop every background worker runs: one pass, then sleep for `interval`, until graceful shutdown.
/// A failed pass is logged and retried on the next tick; it never stops the worker.
func runPeriodically<C: Clock<Duration>>(
    every interval: Duration,
    on clock: C,
    logger: Logger,
    name: String,
    _ pass: () async throws -> Void
) async {
    while !Task.isShuttingDownGracefully && !Task.isCancelled {
        do {
            try await pass()
        } catch is CancellationError {
            break
        } catch {
            logger.error("\(name) failed", metadata: ["rebound.error": .string(String(describing: error))])
        }
        try? await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
    }
}
