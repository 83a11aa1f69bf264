public import Foundation

/// A run of product views by one shopper without a cart; abandoned when it goes quiet.
public struct BrowseSession: Hashable, Sendable, Codable {
    public typealias ID = Identifier<BrowseSession>

    public enum State: String, Hashable, Sendable, Codable {
        case open
        /// The shopper made a cart: not a browse abandonment.
        case carted
        case abandoned
    }

    public var id: ID
    public var customerID: Customer.ID?
    public var anonymousID: String?
    public var state: State
    public var startedAt: Date
    public var lastViewAt: Date
    /// Most recent first, at most `maxProducts`.
    public var productIDs: [String]

    public static let maxProducts = 10

    public init(
        id: ID,
        customerID: Customer.ID? = nil,
        anonymousID: String? = nil,
        state: State = .open,
        startedAt: Date,
        lastViewAt: Date,
        productIDs: [String] = []
    ) {
        self.id = id
        self.customerID = customerID
        self.anonymousID = anonymousID
        self.state = state
        self.startedAt = startedAt
        self.lastViewAt = lastViewAt
        self.productIDs = productIDs
    }

    /// Records a product view; a view after the session ended starts a fresh one (returned as a new value).
    public func recordingView(of productID: String, at date: Date, newID: ID) -> BrowseSession {
        var session = self
        if state != .open {
            session = BrowseSession(
                id: newID,
                customerID: customerID,
                anonymousID: anonymousID,
                startedAt: date,
                lastViewAt: date,
                productIDs: []
            )
        }
        session.lastViewAt = max(session.lastViewAt, date)
        session.productIDs.removeAll { $0 == productID }
        session.productIDs.insert(productID, at: 0)
        if session.productIDs.count > Self.maxProducts { session.productIDs.removeLast(session.productIDs.count - Self.maxProducts) }
        return session
    }

    /// Due when open, for a known shopper, and quiet for `after` seconds.
    public func dueDate(after: TimeInterval) -> Date? {
        guard state == .open else { return nil }
        return lastViewAt.addingTimeInterval(after)
    }

    public func isAbandoned(now: Date, after: TimeInterval) -> Bool {
        guard customerID != nil, let due = dueDate(after: after) else { return false }
        return due <= now
    }

    public func abandonmentEvent(now: Date) -> Event {
        Event(
            id: Event.ID(rawValue: "\(EventType.browseAbandoned):\(id.rawValue)"),
            type: EventType.browseAbandoned,
            anonymousID: anonymousID,
            occurredAt: now,
            properties: [
                "browse_session_id": .string(id.rawValue), "product_ids": .array(productIDs.map { .string($0) }),
                "started_at": .string(RFC3339.format(startedAt)),
            ]
        )
    }
}
