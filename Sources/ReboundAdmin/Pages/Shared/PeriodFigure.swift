/// A figure for the selected period, the previous period of the same length, and its daily values for a sparkline.
public struct PeriodFigure<Value: Sendable & Hashable>: Sendable, Hashable {
    public var current: Value
    /// nil when comparison is off or there is no previous data.
    public var previous: Value?
    /// One value per day of the period, oldest first.
    public var daily: [Value]

    /// Creates a figure.
    public init(current: Value, previous: Value? = nil, daily: [Value] = []) {
        self.current = current
        self.previous = previous
        self.daily = daily
    }
}
