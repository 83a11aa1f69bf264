/// A clock for timeouts in tests, so none waits for real time: when `expired`, every sleep ends at once (the
/// timeout wins any race); otherwise a sleep ends only by cancellation (the timeout never fires).
public struct TimeoutClock: Clock {
    public struct Instant: InstantProtocol {
        public var offset: Duration

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (a: Instant, b: Instant) -> Bool { a.offset < b.offset }
    }

    public let expired: Bool

    public init(expired: Bool) {
        self.expired = expired
    }

    public var now: Instant { Instant(offset: .zero) }
    public var minimumResolution: Duration { .zero }

    public func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        if expired { return }
        // Suspended until the race is decided and this sleep cancelled; never resumed by time.
        try await Task.sleep(nanoseconds: UInt64.max / 2)
    }
}
