public import Foundation
public import ReboundCore
import SQLKit

/// An event as stored: the event plus where it came from and which customer it was joined to.
public struct StoredEvent: Sendable, Hashable {
    public var seq: Int64
    public var event: Event
    public var customerID: Customer.ID?
    public var source: String
    public var receivedAt: Date
}

/// What one ingest call did.
public struct IngestResult: Sendable, Hashable {
    /// Events stored now.
    public var accepted: [Event.ID] = []
    /// Events whose id was already stored: a redelivery, and a no-op.
    public var duplicates: [Event.ID] = []
    public init() {}
}

extension Store {
    static let eventColumns = "seq, id, type, anonymous_id, customer_id, occurred_at, received_at, source, properties"

    static func storedEvent(from row: any SQLRow) throws -> StoredEvent {
        guard case .object(let properties) = try JSONValue.parse(try row.string("properties")) else {
            throw StoreError(.invalid, "stored event properties are not an object")
        }
        let event = Event(
            id: Event.ID(try row.string("id")),
            type: try row.string("type"),
            anonymousID: try row.optionalString("anonymous_id"),
            occurredAt: try row.date("occurred_at"),
            properties: properties
        )
        return StoredEvent(
            seq: try row.int("seq"),
            event: event,
            customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
            source: try row.string("source"),
            receivedAt: try row.date("received_at")
        )
    }

    /// Appends events to the log in one multi-row statement; returns the ids that were new.
    static func appendEvents(
        _ events: [(event: Event, customerID: Customer.ID?)],
        shopID: Shop.ID,
        source: String,
        now: Date,
        in db: any SQLDatabase
    ) async throws -> Set<String> {
        guard !events.isEmpty else { return [] }
        var inserted = Set<String>()
        // 9 binds a row keeps a chunk of 500 under SQLite's and PostgreSQL's bind limits.
        for chunk in events.chunked(into: 500) {
            var query = SQLQueryString(
                "INSERT INTO events (shop_id, id, type, anonymous_id, customer_id, occurred_at, received_at, source, properties) VALUES "
            )
            for (index, item) in chunk.enumerated() {
                if index > 0 { query += ", " }
                query += """
                    (\(bind: shopID.rawValue), \(bind: item.event.id.rawValue), \(bind: item.event.type), \(bind: item.event.anonymousID),
                    \(bind: item.customerID?.rawValue), \(bind: item.event.occurredAt.epochMilliseconds), \(bind: now.epochMilliseconds),
                    \(bind: source), \(bind: JSONValue.object(item.event.properties).jsonText))
                    """
            }
            query += " ON CONFLICT (shop_id, id) DO NOTHING RETURNING id"
            for row in try await db.raw(query).all() { inserted.insert(try row.string("id")) }
        }
        return inserted
    }

    public struct EventFilter: Sendable {
        public var type: String?
        public var customerID: Customer.ID?
        public var anonymousID: String?
        public var afterSeq: Int64?
        public init(type: String? = nil, customerID: Customer.ID? = nil, anonymousID: String? = nil, afterSeq: Int64? = nil) {
            self.type = type
            self.customerID = customerID
            self.anonymousID = anonymousID
            self.afterSeq = afterSeq
        }
    }

    /// Events in log order (ascending `seq`), for consumers that follow the log.
    public func events(shopID: Shop.ID, filter: EventFilter, limit: Int) async throws -> [StoredEvent] {
        try await read { db in
            var query = SQLQueryString("SELECT \(unsafeRaw: Store.eventColumns) FROM events WHERE shop_id = \(bind: shopID.rawValue)")
            if let type = filter.type { query += " AND type = \(bind: type)" }
            if let customerID = filter.customerID { query += " AND customer_id = \(bind: customerID.rawValue)" }
            if let anonymousID = filter.anonymousID { query += " AND anonymous_id = \(bind: anonymousID)" }
            if let after = filter.afterSeq { query += " AND seq > \(bind: after)" }
            query += " ORDER BY seq LIMIT \(bind: limit)"
            return try await db.raw(query).all().map(Store.storedEvent(from:))
        }
    }

    /// Counts events of a type, for reports and tests.
    public func countEvents(shopID: Shop.ID, type: String) async throws -> Int {
        try await read { db in
            let row = try await db.raw(
                "SELECT COUNT(*) AS n FROM events WHERE shop_id = \(bind: shopID.rawValue) AND type = \(bind: type)"
            ).first()
            return Int(try row?.int("n") ?? 0)
        }
    }
}

extension Array {
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}

extension Store {
    /// Appends events to the log only — no identity, cart or browse effects. For measuring the storage ceiling.
    @discardableResult
    public func appendEventsOnly(_ events: [Event], shopID: Shop.ID, source: String, now: Date) async throws -> Int {
        try await write { db in
            try await Store.appendEvents(events.map { ($0, nil) }, shopID: shopID, source: source, now: now, in: db).count
        }
    }
}
