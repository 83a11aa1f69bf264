import Foundation

/// How an adapter answers a 429: wait as long as `Retry-After` says (capped) and try again, up to `maxAttempts` in all.
///
/// The default, ``none``, never waits: the 429 comes back at once as ``PlatformError/Code/rateLimited`` with
/// ``PlatformError/retryAfter`` set, which suits a durable scheduler that reschedules the step. The app wires a real
/// clock with ``sleeping(on:maxAttempts:defaultDelay:maximumDelay:)``; tests record the waits instead.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included; 1 means no retry.
    public var maxAttempts: Int
    /// The wait when a 429 carries no readable `Retry-After`.
    public var defaultDelay: Duration
    /// The longest wait honoured; a longer `Retry-After` fails at once with `rateLimited`.
    public var maximumDelay: Duration
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(
        maxAttempts: Int,
        defaultDelay: Duration = .seconds(2),
        maximumDelay: Duration = .seconds(30),
        sleep: @escaping @Sendable (Duration) async throws -> Void
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.defaultDelay = defaultDelay
        self.maximumDelay = maximumDelay
        self.sleep = sleep
    }

    /// No retry: a 429 is reported at once.
    public static var none: RetryPolicy {
        RetryPolicy(maxAttempts: 1, sleep: { _ in })
    }

    /// Retries 429s, sleeping on `clock`.
    public static func sleeping<C: Clock>(
        on clock: C,
        maxAttempts: Int = 3,
        defaultDelay: Duration = .seconds(2),
        maximumDelay: Duration = .seconds(30)
    ) -> RetryPolicy where C.Duration == Duration {
        RetryPolicy(maxAttempts: maxAttempts, defaultDelay: defaultDelay, maximumDelay: maximumDelay) { duration in
            try await clock.sleep(for: duration)
        }
    }

    /// Reads `Retry-After` as delta-seconds, allowing a fraction as Shopify sends it (`2.0`). HTTP-dates are not
    /// used by these platforms and give `nil`.
    static func parseRetryAfter(_ value: String?) -> Duration? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), let seconds = Double(value), seconds >= 0, seconds.isFinite else {
            return nil
        }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }
}
