public import Foundation
public import ReboundCore
import SQLKit

extension Store {
    /// Finds carts and browse sessions whose time has come, marks them, and appends one detection event each.
    ///
    /// Detection events have deterministic ids (type, cart, episode), so two workers or a retry append each once.
    /// On PostgreSQL due rows are claimed with `FOR UPDATE SKIP LOCKED`, so several processes share the work.
    public func detectAbandonment(now: Date, limit: Int = 500) async throws -> [Event] {
        let kind = self.kind
        return try await write { db in
            let nowMs = now.epochMilliseconds
            let lock = kind == .postgres ? " FOR UPDATE OF carts SKIP LOCKED" : ""
            let rows = try await db.raw(
                """
                SELECT carts.shop_id AS shop_id, \(unsafeRaw: Store.cartColumns.split(separator: ",").map { "carts." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", ")),
                    shops.cart_abandon_ms, shops.checkout_abandon_ms, shops.browse_abandon_ms, shops.expire_ms
                FROM carts JOIN shops ON shops.id = carts.shop_id
                WHERE carts.due_at <= \(bind: nowMs) AND carts.state IN ('active', 'abandoned')
                ORDER BY carts.due_at LIMIT \(bind: limit)\(unsafeRaw: lock)
                """
            ).all()
            var detected: [Event] = []
            var byShop: [String: (policy: AbandonmentPolicy, carts: [Cart], events: [(event: Event, customerID: Customer.ID?)])] = [:]
            for row in rows {
                let shopID = try row.string("shop_id")
                let policy = AbandonmentPolicy(
                    cartAfter: TimeInterval(try row.int("cart_abandon_ms")) / 1000,
                    checkoutAfter: TimeInterval(try row.int("checkout_abandon_ms")) / 1000,
                    browseAfter: TimeInterval(try row.int("browse_abandon_ms")) / 1000,
                    expireAfter: TimeInterval(try row.int("expire_ms")) / 1000
                )
                var cart = try Store.cart(from: row)
                let decision = policy.decide(cart, now: now)
                let eventType: String
                switch decision {
                case .abandon(let type): eventType = type
                case .expire: eventType = EventType.cartExpired
                case .wait: eventType = ""
                }
                let id = AbandonmentPolicy.detectionEventID(type: eventType, cartID: cart.id, episode: cart.episode)
                let event = policy.apply(decision, to: &cart, now: now, newEventID: id)
                var entry = byShop[shopID] ?? (policy, [], [])
                entry.carts.append(cart)
                if let event { entry.events.append((event, cart.customerID)) }
                byShop[shopID] = entry
            }
            for (shopID, entry) in byShop {
                try await Store.saveCarts(entry.carts, shopID: Shop.ID(shopID), policy: entry.policy, in: db)
                let inserted = try await Store.appendEvents(entry.events, shopID: Shop.ID(shopID), source: "rebound", now: now, in: db)
                detected += entry.events.map(\.event).filter { inserted.contains($0.id.rawValue) }
            }

            // Browsing: only known shoppers can be followed up.
            let browseLock = kind == .postgres ? " FOR UPDATE OF browse_sessions SKIP LOCKED" : ""
            let sessions = try await db.raw(
                """
                SELECT browse_sessions.shop_id AS shop_id, browse_sessions.id, browse_sessions.customer_id, browse_sessions.anonymous_id,
                    browse_sessions.state, browse_sessions.started_at, browse_sessions.last_view_at, browse_sessions.product_ids
                FROM browse_sessions
                WHERE browse_sessions.due_at <= \(bind: nowMs) AND browse_sessions.state = 'open' AND browse_sessions.customer_id IS NOT NULL
                ORDER BY browse_sessions.due_at LIMIT \(bind: limit)\(unsafeRaw: browseLock)
                """
            ).all()
            for row in sessions {
                let shopID = Shop.ID(try row.string("shop_id"))
                let session = try Store.browseSession(from: row)
                let event = session.abandonmentEvent(now: now)
                try await db.raw(
                    """
                    UPDATE browse_sessions SET state = 'abandoned', due_at = NULL
                    WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: session.id.rawValue)
                    """
                ).run()
                let inserted = try await Store.appendEvents([(event, session.customerID)], shopID: shopID, source: "rebound", now: now, in: db)
                if inserted.contains(event.id.rawValue) { detected.append(event) }
            }
            return detected
        }
    }

    /// When the next cart or browse session falls due, so an idle worker can sleep until then.
    public func nextDueDate() async throws -> Date? {
        try await read { db in
            let carts = try await db.raw(
                "SELECT MIN(due_at) AS due FROM carts WHERE state IN ('active', 'abandoned') AND due_at IS NOT NULL"
            ).first()
            let browse = try await db.raw(
                "SELECT MIN(due_at) AS due FROM browse_sessions WHERE state = 'open' AND customer_id IS NOT NULL AND due_at IS NOT NULL"
            ).first()
            let times = [try carts?.optionalInt("due"), try browse?.optionalInt("due")].compactMap { $0 }
            return times.min().map(Date.init(epochMilliseconds:))
        }
    }
}
