public import Foundation

/// One event of the raw log, reduced to what the dashboard rollups need.
public struct AnalyticsEvent: Sendable, Hashable, Codable {
    /// What happened. Intake emits each funnel stage at most once per cart, so stage counts are cart counts.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case productViewed, cartCreated, checkoutStarted, orderPlaced
        case cartAbandoned, cartRecovered
        case messageSent, messageOpened, messageClicked
        /// A conversation got its first agent or bot reply; `responseSeconds` holds the wait.
        case firstResponse
    }

    /// The kind of event.
    public var kind: Kind
    /// When it happened.
    public var at: Date
    /// Device class ("mobile", "desktop", "tablet"); nil is counted as "unknown".
    public var device: String?
    /// Main product category of the cart; nil is counted as "unknown".
    public var category: String?
    /// For message events: the flow step (1 = first message).
    public var step: Int?
    /// For `firstResponse`: seconds from the customer's first message to the first reply.
    public var responseSeconds: Double?

    /// Creates an event.
    public init(_ kind: Kind, at: Date, device: String? = nil, category: String? = nil, step: Int? = nil, responseSeconds: Double? = nil) {
        self.kind = kind
        self.at = at
        self.device = device
        self.category = category
        self.step = step
        self.responseSeconds = responseSeconds
    }
}

/// A count out of a count, kept as integers so merged rollups stay exact.
public struct Ratio: Sendable, Hashable, Codable {
    /// Numerator.
    public var part: Int
    /// Denominator.
    public var whole: Int

    /// Creates a ratio.
    public init(_ part: Int, of whole: Int) {
        self.part = part
        self.whole = whole
    }

    /// part / whole, nil when whole is 0.
    public var value: Double? { whole > 0 ? Double(part) / Double(whole) : nil }
}
