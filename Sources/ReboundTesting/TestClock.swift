public import Foundation
public import ReboundCore
import Synchronization

/// A wall clock that moves only when a test says so.
public final class TestClock: Sendable {
    private let current: Mutex<Date>

    /// Starts at 2026-11-26T10:00:00Z unless told otherwise.
    public init(start: Date = Date(timeIntervalSince1970: 1_795_687_200)) {
        self.current = Mutex(start)
    }

    public var now: Date { current.withLock { $0 } }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    public var wallClock: WallClock { WallClock(now: { self.now }) }
}
