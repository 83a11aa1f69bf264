public import Foundation
public import ReboundCore
import SQLKit

extension Store {
    static let orderColumns = """
        id, external_id, number, customer_id, email, lines, subtotal, total, currency, discount_codes, source, cart_token,
        checkout_token, cart_id, financial_status, fulfillment_status, fulfilled_at, cancelled_at, refunded_total, placed_at
        """

    static func order(from row: any SQLRow) throws -> Order {
        guard let currency = Currency(rawValue: try row.string("currency")) else { throw StoreError(.invalid, "stored order has a bad currency") }
        return Order(
            id: Order.ID(try row.string("id")),
            externalID: try row.string("external_id"),
            number: try row.optionalString("number"),
            customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
            email: try row.optionalString("email"),
            lines: try JSONColumn.decode([OrderLine].self, from: try row.string("lines")),
            subtotal: Money(minorUnits: try row.int("subtotal"), currency: currency),
            total: Money(minorUnits: try row.int("total"), currency: currency),
            discountCodes: try JSONColumn.decode([String].self, from: try row.string("discount_codes")),
            source: try row.string("source"),
            cartToken: try row.optionalString("cart_token"),
            checkoutToken: try row.optionalString("checkout_token"),
            financialStatus: try row.optionalString("financial_status"),
            fulfillmentStatus: try row.optionalString("fulfillment_status"),
            cancelledAt: try row.optionalDate("cancelled_at"),
            refundedTotal: try row.int("refunded_total"),
            placedAt: try row.date("placed_at")
        )
    }

    /// Stores a new order (or updates the statuses of a known one) and closes the cart it came from.
    static func applyOrder(
        _ snapshot: OrderSnapshot,
        shop: Shop,
        policy: AbandonmentPolicy,
        now: Date,
        appendEvent: Bool,
        in db: any SQLDatabase
    ) async throws -> (order: Order, cart: Cart?) {
        var order = snapshot.order
        let shopID = shop.id.rawValue
        if let customer = snapshot.customer, !customer.identity.isEmpty {
            order.customerID = try await resolveCustomer(customer, shopID: shop.id, now: now, in: db).id
        }
        if let existing = try await db.raw(
            "SELECT \(unsafeRaw: orderColumns) FROM orders WHERE shop_id = \(bind: shopID) AND source = \(bind: order.source) AND external_id = \(bind: order.externalID)"
        ).first().map(Store.order(from:)) {
            try await db.raw(
                """
                UPDATE orders SET financial_status = \(bind: order.financialStatus ?? existing.financialStatus),
                    fulfillment_status = \(bind: order.fulfillmentStatus ?? existing.fulfillmentStatus),
                    cancelled_at = \(bind: (order.cancelledAt ?? existing.cancelledAt).ms),
                    refunded_total = \(bind: max(order.refundedTotal, existing.refundedTotal)), updated_at = \(bind: now.epochMilliseconds)
                WHERE shop_id = \(bind: shopID) AND id = \(bind: existing.id.rawValue)
                """
            ).run()
            return (existing, nil)
        }

        // Which cart does it close?
        var candidates = try await carts(tokens: [order.cartToken, order.checkoutToken].compactMap { $0 }, shopID: shop.id, in: db)
        if let customerID = order.customerID {
            candidates += try await db.raw(
                """
                SELECT \(unsafeRaw: cartColumns) FROM carts WHERE shop_id = \(bind: shopID) AND customer_id = \(bind: customerID.rawValue)
                AND state IN ('active', 'abandoned')
                """
            ).all().map(Store.cart(from:))
        }
        var closed: Cart?
        if var cart = OrderMatching.cart(for: order, among: candidates) {
            OrderMatching.close(&cart, with: order, now: now)
            try await saveCarts([cart], shopID: shop.id, policy: policy, in: db)
            closed = cart
        }

        try await db.raw(
            """
            INSERT INTO orders (shop_id, id, external_id, number, customer_id, email, lines, subtotal, total, currency, discount_codes,
                source, cart_token, checkout_token, cart_id, financial_status, fulfillment_status, cancelled_at, refunded_total,
                placed_at, created_at, updated_at)
            VALUES (\(bind: shopID), \(bind: order.id.rawValue), \(bind: order.externalID), \(bind: order.number),
                \(bind: order.customerID?.rawValue), \(bind: order.email), \(bind: JSONColumn.encode(order.lines)),
                \(bind: order.subtotal.minorUnits), \(bind: order.total.minorUnits), \(bind: order.total.currency.rawValue),
                \(bind: JSONColumn.encode(order.discountCodes)), \(bind: order.source), \(bind: order.cartToken), \(bind: order.checkoutToken),
                \(bind: closed?.id.rawValue), \(bind: order.financialStatus), \(bind: order.fulfillmentStatus), \(bind: order.cancelledAt.ms),
                \(bind: order.refundedTotal), \(bind: order.placedAt.epochMilliseconds), \(bind: now.epochMilliseconds),
                \(bind: now.epochMilliseconds))
            """
        ).run()

        var log: [(event: Event, customerID: Customer.ID?)] = []
        if appendEvent {
            log.append(
                (
                    Event(
                        id: Event.ID("\(order.source):order:\(order.externalID)"),
                        type: EventType.orderPlaced,
                        occurredAt: order.placedAt,
                        properties: [
                            "order_id": .string(order.externalID), "total": .int(order.total.minorUnits),
                            "currency": .string(order.total.currency.rawValue), "cart_id": closed.map { .string($0.id.rawValue) } ?? .null,
                        ]
                    ), order.customerID
                )
            )
        }
        if let closed {
            log.append(
                (
                    Event(
                        id: Event.ID("\(EventType.cartConverted):\(closed.id.rawValue):\(closed.episode)"),
                        type: EventType.cartConverted,
                        anonymousID: closed.anonymousID,
                        occurredAt: order.placedAt,
                        properties: [
                            "cart_id": .string(closed.id.rawValue), "order_id": .string(order.externalID), "value": .int(order.total.minorUnits),
                            "after_abandonment": .bool(closed.abandonedAt != nil),
                        ]
                    ), order.customerID
                )
            )
        }
        _ = try await appendEvents(log, shopID: shop.id, source: "rebound", now: now, in: db)
        return (order, closed)
    }

    public struct OrderFilter: Sendable {
        public var customerID: Customer.ID?
        public var email: String?
        public var placedSince: Date?
        public init(customerID: Customer.ID? = nil, email: String? = nil, placedSince: Date? = nil) {
            self.customerID = customerID
            self.email = email
            self.placedSince = placedSince
        }
    }

    public func orders(shopID: Shop.ID, filter: OrderFilter, cursor: Cursor?, limit: Int) async throws -> Page<Order> {
        try await read { db in
            var query = SQLQueryString("SELECT \(unsafeRaw: Store.orderColumns) FROM orders WHERE shop_id = \(bind: shopID.rawValue)")
            if let customerID = filter.customerID { query += " AND customer_id = \(bind: customerID.rawValue)" }
            if let email = filter.email { query += " AND email = \(bind: email.lowercased())" }
            if let since = filter.placedSince { query += " AND placed_at >= \(bind: since.epochMilliseconds)" }
            if let cursor {
                query += " AND (placed_at < \(bind: cursor.time) OR (placed_at = \(bind: cursor.time) AND id < \(bind: cursor.id)))"
            }
            query += " ORDER BY placed_at DESC, id DESC LIMIT \(bind: limit + 1)"
            let rows = try await db.raw(query).all().map(Store.order(from:))
            return Page.make(rows, limit: limit) { Cursor(time: $0.placedAt.epochMilliseconds, id: $0.id.rawValue) }
        }
    }

    public func order(shopID: Shop.ID, id: Order.ID) async throws -> Order? {
        try await read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Store.orderColumns) FROM orders WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id.rawValue)"
            ).first().map(Store.order(from:))
        }
    }

    /// Stores imported orders in bulk (no cart matching: history, not live traffic). Returns how many were new.
    public func importOrders(_ snapshots: [OrderSnapshot], shop: Shop, now: Date) async throws -> Int {
        let policy = AbandonmentPolicy(shop.settings)
        return try await write { db in
            var created = 0
            for snapshot in snapshots {
                let before = try await db.raw(
                    "SELECT id FROM orders WHERE shop_id = \(bind: shop.id.rawValue) AND source = \(bind: snapshot.order.source) AND external_id = \(bind: snapshot.order.externalID)"
                ).first()
                if before == nil { created += 1 }
                _ = try await Store.applyOrder(snapshot, shop: shop, policy: policy, now: now, appendEvent: true, in: db)
            }
            return created
        }
    }
}
