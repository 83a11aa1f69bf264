public import Foundation
public import ReboundCore
import SQLKit

extension Store {
    static let cartColumns = """
        id, token, checkout_token, kind, state, customer_id, anonymous_id, lines, currency, restore_url, device, has_contact,
        episode, created_at, updated_at, last_activity_at, abandoned_at, converted_at, recovered_at, expired_at, order_id
        """

    static func cart(from row: any SQLRow) throws -> Cart {
        guard let kind = Cart.Kind(rawValue: try row.string("kind")), let state = Cart.State(rawValue: try row.string("state")),
            let currency = Currency(rawValue: try row.string("currency"))
        else { throw StoreError(.invalid, "stored cart has a bad kind, state or currency") }
        let lines = try LinesColumn.cartLines(try row.string("lines"))
        var cart = Cart(id: Cart.ID(try row.string("id")), token: try row.string("token"), currency: currency, createdAt: try row.date("created_at"))
        cart.checkoutToken = try row.optionalString("checkout_token")
        cart.kind = kind
        cart.state = state
        cart.customerID = try row.optionalString("customer_id").map { Customer.ID($0) }
        cart.anonymousID = try row.optionalString("anonymous_id")
        cart.lines = lines
        cart.restoreURL = try row.optionalString("restore_url")
        cart.device = try row.optionalString("device")
        cart.hasContact = try row.bool("has_contact")
        cart.episode = Int(try row.int("episode"))
        cart.updatedAt = try row.date("updated_at")
        cart.lastActivityAt = try row.date("last_activity_at")
        cart.abandonedAt = try row.optionalDate("abandoned_at")
        cart.convertedAt = try row.optionalDate("converted_at")
        cart.recoveredAt = try row.optionalDate("recovered_at")
        cart.expiredAt = try row.optionalDate("expired_at")
        cart.orderID = try row.optionalString("order_id").map { Order.ID($0) }
        return cart
    }

    static func carts(tokens: [String], shopID: Shop.ID, in db: any SQLDatabase) async throws -> [Cart] {
        guard !tokens.isEmpty else { return [] }
        var result: [Cart] = []
        for chunk in tokens.chunked(into: 500) {
            result += try await db.raw(
                """
                SELECT \(unsafeRaw: cartColumns) FROM carts WHERE shop_id = \(bind: shopID.rawValue)
                AND (token IN (\(binds: Array(chunk))) OR checkout_token IN (\(binds: Array(chunk))))
                """
            ).all().map(Store.cart(from:))
        }
        return result
    }

    /// Inserts or replaces carts in one statement per chunk, with their next due time under `policy`.
    static func saveCarts(_ carts: [Cart], shopID: Shop.ID, policy: AbandonmentPolicy, in db: any SQLDatabase) async throws {
        for chunk in carts.chunked(into: 200) {
            var query = SQLQueryString(
                """
                INSERT INTO carts (shop_id, id, token, checkout_token, kind, state, customer_id, anonymous_id, lines, value, item_count,
                    currency, restore_url, device, has_contact, episode, created_at, updated_at, last_activity_at, abandoned_at,
                    converted_at, recovered_at, expired_at, order_id, due_at) VALUES
                """
            )
            for (index, cart) in chunk.enumerated() {
                if index > 0 { query += ", " }
                query += """
                    (\(bind: shopID.rawValue), \(bind: cart.id.rawValue), \(bind: cart.token), \(bind: cart.checkoutToken),
                    \(bind: cart.kind.rawValue), \(bind: cart.state.rawValue), \(bind: cart.customerID?.rawValue), \(bind: cart.anonymousID),
                    \(bind: LinesColumn.encode(cart.lines)), \(bind: cart.value), \(bind: Int64(cart.itemCount)), \(bind: cart.currency.rawValue),
                    \(bind: cart.restoreURL), \(bind: cart.device), \(bind: Int64(cart.hasContact ? 1 : 0)), \(bind: Int64(cart.episode)),
                    \(bind: cart.createdAt.epochMilliseconds), \(bind: cart.updatedAt.epochMilliseconds),
                    \(bind: cart.lastActivityAt.epochMilliseconds), \(bind: cart.abandonedAt.ms), \(bind: cart.convertedAt.ms),
                    \(bind: cart.recoveredAt.ms), \(bind: cart.expiredAt.ms), \(bind: cart.orderID?.rawValue),
                    \(bind: policy.dueDate(for: cart).ms))
                    """
            }
            query += """
                 ON CONFLICT (shop_id, id) DO UPDATE SET token = excluded.token, checkout_token = excluded.checkout_token,
                    kind = excluded.kind, state = excluded.state, customer_id = excluded.customer_id, anonymous_id = excluded.anonymous_id,
                    lines = excluded.lines, value = excluded.value, item_count = excluded.item_count, currency = excluded.currency,
                    restore_url = excluded.restore_url, device = excluded.device, has_contact = excluded.has_contact,
                    episode = excluded.episode, updated_at = excluded.updated_at, last_activity_at = excluded.last_activity_at,
                    abandoned_at = excluded.abandoned_at, converted_at = excluded.converted_at, recovered_at = excluded.recovered_at,
                    expired_at = excluded.expired_at, order_id = excluded.order_id, due_at = excluded.due_at
                """
            try await db.raw(query).run()
        }
    }

    public func cart(shopID: Shop.ID, id: Cart.ID) async throws -> Cart? {
        try await read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Store.cartColumns) FROM carts WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id.rawValue)"
            ).first().map(Store.cart(from:))
        }
    }

    public func cart(shopID: Shop.ID, token: String) async throws -> Cart? {
        try await read { db in
            try await Store.carts(tokens: [token], shopID: shopID, in: db).first
        }
    }

    public struct CartFilter: Sendable {
        public var state: Cart.State?
        public var kind: Cart.Kind?
        public var customerID: Customer.ID?
        public var minValue: Int64?
        public var updatedSince: Date?
        public init(
            state: Cart.State? = nil,
            kind: Cart.Kind? = nil,
            customerID: Customer.ID? = nil,
            minValue: Int64? = nil,
            updatedSince: Date? = nil
        ) {
            self.state = state
            self.kind = kind
            self.customerID = customerID
            self.minValue = minValue
            self.updatedSince = updatedSince
        }
    }

    /// Carts newest first, one page at a time.
    public func carts(shopID: Shop.ID, filter: CartFilter, cursor: Cursor?, limit: Int) async throws -> Page<Cart> {
        try await read { db in
            var query = SQLQueryString("SELECT \(unsafeRaw: Store.cartColumns) FROM carts WHERE shop_id = \(bind: shopID.rawValue)")
            if let state = filter.state { query += " AND state = \(bind: state.rawValue)" }
            if let kind = filter.kind { query += " AND kind = \(bind: kind.rawValue)" }
            if let customerID = filter.customerID { query += " AND customer_id = \(bind: customerID.rawValue)" }
            if let minValue = filter.minValue { query += " AND value >= \(bind: minValue)" }
            if let since = filter.updatedSince { query += " AND updated_at >= \(bind: since.epochMilliseconds)" }
            if let cursor {
                query += " AND (created_at < \(bind: cursor.time) OR (created_at = \(bind: cursor.time) AND id < \(bind: cursor.id)))"
            }
            query += " ORDER BY created_at DESC, id DESC LIMIT \(bind: limit + 1)"
            let rows = try await db.raw(query).all().map(Store.cart(from:))
            return Page.make(rows, limit: limit) { Cursor(time: $0.createdAt.epochMilliseconds, id: $0.id.rawValue) }
        }
    }

    /// Cart counts by state, for the demo and reports.
    public func cartCounts(shopID: Shop.ID) async throws -> [Cart.State: Int] {
        try await read { db in
            var counts: [Cart.State: Int] = [:]
            for row in try await db.raw(
                "SELECT state, COUNT(*) AS n FROM carts WHERE shop_id = \(bind: shopID.rawValue) GROUP BY state"
            ).all() {
                if let state = Cart.State(rawValue: try row.string("state")) { counts[state] = Int(try row.int("n")) }
            }
            return counts
        }
    }
}
