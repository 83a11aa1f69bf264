public import Foundation

/// Where "now" comes from. Only `ReboundApp` builds the system one; tests drive their own.
public struct WallClock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }
}
