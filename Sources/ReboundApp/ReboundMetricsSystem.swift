import Metrics
import Prometheus
import Synchronization

/// Prometheus as the process's metrics backend, bootstrapped once.
public enum ReboundMetricsSystem {
    static let registry = PrometheusCollectorRegistry()
    static let bootstrapped = Mutex(false)

    /// Bootstraps swift-metrics with Prometheus (once per process) and returns the `/metrics` text renderer.
    public static func bootstrap() -> @Sendable () -> String {
        bootstrapped.withLock { done in
            if !done {
                MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
                done = true
            }
        }
        return {
            var buffer: [UInt8] = []
            registry.emit(into: &buffer)
            return String(decoding: buffer, as: UTF8.self)
        }
    }
}
