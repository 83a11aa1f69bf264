/// A count out of a total (opened out of sent, recovered out of abandoned), kept as counts so the page can say both
/// `12.5 %` and `12 of 96`.
public struct Proportion: Sendable, Hashable {
    public var part: Int
    public var whole: Int

    /// Creates a proportion.
    public init(_ part: Int, of whole: Int) {
        self.part = part
        self.whole = whole
    }

    /// part / whole; nil when whole is 0 (shown as "–", never as NaN).
    public var value: Double? { whole > 0 ? Double(part) / Double(whole) : nil }
}
