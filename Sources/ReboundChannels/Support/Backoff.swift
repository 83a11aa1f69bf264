/// Exponential backoff for retries: `initial`, then doubled each attempt up to `maximum`.
public struct Backoff: Hashable, Sendable {
    public var maxAttempts: Int
    public var initial: Duration
    public var maximum: Duration

    public init(maxAttempts: Int = 4, initial: Duration = .seconds(2), maximum: Duration = .seconds(60)) {
        self.maxAttempts = maxAttempts
        self.initial = initial
        self.maximum = maximum
    }

    /// The wait before attempt `attempt + 1`, where `attempt` counts from 1.
    public func delay(afterAttempt attempt: Int) -> Duration {
        var delay = initial
        for _ in 1..<max(attempt, 1) {
            delay = delay * 2
            if delay >= maximum { return maximum }
        }
        return min(delay, maximum)
    }
}

/// Waits for a duration. Services get the real one from `ReboundApp`; tests record the waits instead.
public struct Sleeper: Sendable {
    public var sleep: @Sendable (Duration) async throws -> Void

    public init(sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.sleep = sleep
    }

    /// Sleeps on the given clock.
    public static func clock<C: Clock>(_ clock: C) -> Sleeper where C.Duration == Duration {
        Sleeper { duration in try await clock.sleep(for: duration) }
    }
}
