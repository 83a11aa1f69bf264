import Foundation
import ReboundCore
import SQLKit

extension Store {
    static let browseColumns = "id, customer_id, anonymous_id, state, started_at, last_view_at, product_ids"

    static func browseSession(from row: any SQLRow) throws -> BrowseSession {
        BrowseSession(
            id: BrowseSession.ID(try row.string("id")),
            customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
            anonymousID: try row.optionalString("anonymous_id"),
            state: BrowseSession.State(rawValue: try row.string("state")) ?? .open,
            startedAt: try row.date("started_at"),
            lastViewAt: try row.date("last_view_at"),
            productIDs: try JSONColumn.decode([String].self, from: try row.string("product_ids"))
        )
    }

    /// Product views open or extend a browse session; a cart closes it as `carted`.
    static func applyBrowsing(
        _ events: [Event],
        customerID: (Event) -> Customer.ID?,
        shopID: Shop.ID,
        policy: AbandonmentPolicy,
        in db: any SQLDatabase
    ) async throws {
        let relevant = events.filter { $0.type == EventType.viewedProduct || $0.type == EventType.addedToCart }
        guard !relevant.isEmpty else { return }
        func subject(_ event: Event) -> String? {
            if let customer = customerID(event) { return "c:" + customer.rawValue }
            return event.anonymousID.map { "a:" + $0 }
        }
        let customers = Array(Set(relevant.compactMap { customerID($0)?.rawValue }))
        let anonymous = Array(Set(relevant.compactMap(\.anonymousID)))
        var sessions: [String: BrowseSession] = [:]
        var query = SQLQueryString(
            "SELECT \(unsafeRaw: browseColumns) FROM browse_sessions WHERE shop_id = \(bind: shopID.rawValue) AND state = 'open' AND (1 = 0"
        )
        if !customers.isEmpty { query += " OR customer_id IN (\(binds: customers))" }
        if !anonymous.isEmpty { query += " OR (customer_id IS NULL AND anonymous_id IN (\(binds: anonymous)))" }
        query += ")"
        for row in try await db.raw(query).all() {
            let session = try browseSession(from: row)
            if let customer = session.customerID { sessions["c:" + customer.rawValue] = session }
            if let anonymousID = session.anonymousID, session.customerID == nil { sessions["a:" + anonymousID] = session }
        }
        var changed: [String: BrowseSession] = [:]
        for event in relevant {
            guard let key = subject(event) else { continue }
            if event.type == EventType.addedToCart {
                if var session = sessions[key], session.state == .open {
                    session.state = .carted
                    sessions[key] = session
                    changed[session.id.rawValue] = session
                }
                continue
            }
            guard let productID = event.string("product_id") else { continue }
            let base =
                sessions[key]
                ?? BrowseSession(
                    id: .random(prefix: "brw"),
                    customerID: customerID(event),
                    anonymousID: event.anonymousID,
                    state: .carted,
                    startedAt: event.occurredAt,
                    lastViewAt: event.occurredAt
                )
            var session = base.recordingView(of: productID, at: event.occurredAt, newID: .random(prefix: "brw"))
            if session.customerID == nil { session.customerID = customerID(event) }
            sessions[key] = session
            changed[session.id.rawValue] = session
        }
        for session in changed.values {
            try await db.raw(
                """
                INSERT INTO browse_sessions (shop_id, id, customer_id, anonymous_id, state, started_at, last_view_at, product_ids, due_at)
                VALUES (\(bind: shopID.rawValue), \(bind: session.id.rawValue), \(bind: session.customerID?.rawValue),
                    \(bind: session.anonymousID), \(bind: session.state.rawValue), \(bind: session.startedAt.epochMilliseconds),
                    \(bind: session.lastViewAt.epochMilliseconds), \(bind: JSONColumn.encode(session.productIDs)),
                    \(bind: session.dueDate(after: policy.browseAfter).ms))
                ON CONFLICT (shop_id, id) DO UPDATE SET customer_id = excluded.customer_id, state = excluded.state,
                    last_view_at = excluded.last_view_at, product_ids = excluded.product_ids, due_at = excluded.due_at
                """
            ).run()
        }
    }
}
