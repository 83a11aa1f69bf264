public import Foundation
public import ReboundCore
import SQLKit

/// A message as attribution sees it: when it went out and when it was opened or clicked.
public struct MessageEngagement: Sendable, Hashable {
    public var key: String
    public var flowID: String
    public var flowVersion: Int
    public var step: String
    public var variant: String?
    public var channel: String
    public var customerID: Customer.ID?
    public var sentAt: Date
    public var openedAt: Date?
    public var clickedAt: Date?
}

/// What an order's revenue was credited to.
public struct OrderAttribution: Sendable, Hashable {
    public var messageKey: String
    public var flowID: String
    public var step: String
    public var channel: String
    public var variant: String?
    /// `click` or `open`.
    public var basis: String

    public init(messageKey: String, flowID: String, step: String, channel: String, variant: String?, basis: String) {
        self.messageKey = messageKey
        self.flowID = flowID
        self.step = step
        self.channel = channel
        self.variant = variant
        self.basis = basis
    }
}

extension Store {
    /// Records that a message was opened or clicked (the first time counts); returns whether the message exists.
    @discardableResult
    public func recordEngagement(shopID: Shop.ID, messageKey: String, clicked: Bool, at: Date) async throws -> Bool {
        try await write { db in
            let column = clicked ? "clicked_at" : "opened_at"
            let rows = try await db.raw(
                """
                UPDATE messages SET \(unsafeRaw: column) = COALESCE(\(unsafeRaw: column), \(bind: at.epochMilliseconds))
                WHERE shop_id = \(bind: shopID.rawValue) AND key = \(bind: messageKey) RETURNING id
                """
            ).all()
            // A click implies the message was seen.
            if clicked {
                try await db.raw(
                    "UPDATE messages SET opened_at = COALESCE(opened_at, \(bind: at.epochMilliseconds)) WHERE shop_id = \(bind: shopID.rawValue) AND key = \(bind: messageKey)"
                ).run()
            }
            return !rows.isEmpty
        }
    }
}

extension FlowTransaction {
    /// Flow messages of a customer that were opened or clicked since `since`.
    public func engagedMessages(shopID: Shop.ID, customerID: Customer.ID, since: Date) async throws -> [MessageEngagement] {
        try await db.raw(
            """
            SELECT key, flow_id, flow_version, step, variant, channel, customer_id, scheduled_at, sent_at, opened_at, clicked_at
            FROM messages WHERE shop_id = \(bind: shopID.rawValue) AND customer_id = \(bind: customerID.rawValue)
            AND flow_id IS NOT NULL AND (clicked_at >= \(bind: since.epochMilliseconds) OR opened_at >= \(bind: since.epochMilliseconds))
            """
        ).all().map { row in
            MessageEngagement(
                key: try row.string("key"),
                flowID: try row.string("flow_id"),
                flowVersion: Int(try row.optionalInt("flow_version") ?? 1),
                step: try row.optionalString("step") ?? "",
                variant: try row.optionalString("variant"),
                channel: try row.string("channel"),
                customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
                sentAt: try row.optionalDate("sent_at") ?? row.date("scheduled_at"),
                openedAt: try row.optionalDate("opened_at"),
                clickedAt: try row.optionalDate("clicked_at")
            )
        }
    }

    /// The order an `order_placed` event stands for, with the cart it closed and whether it is credited already.
    public func order(shopID: Shop.ID, externalID: String) async throws -> (order: Order, cartID: Cart.ID?, attributed: Bool)? {
        guard
            let row = try await db.raw(
                """
                SELECT \(unsafeRaw: Store.orderColumns), attributed_message FROM orders
                WHERE shop_id = \(bind: shopID.rawValue) AND external_id = \(bind: externalID) ORDER BY placed_at DESC LIMIT 1
                """
            ).first()
        else { return nil }
        return (
            try Store.order(from: row), try row.optionalString("cart_id").map { Cart.ID($0) }, try row.optionalString("attributed_message") != nil
        )
    }

    /// The shop's settings, for rules that depend on them (attribution window).
    public func settings(shopID: Shop.ID) async throws -> ShopSettings {
        guard let text = try await db.raw("SELECT settings FROM shops WHERE id = \(bind: shopID.rawValue)").first()?.string("settings") else {
            return ShopSettings()
        }
        return try JSONColumn.decode(ShopSettings.self, from: text)
    }

    /// Credits an order to a message and marks its cart recovered.
    public func attribute(shopID: Shop.ID, order: Order, to credit: OrderAttribution, cartID: Cart.ID?, now: Date) async throws {
        try await db.raw(
            """
            UPDATE orders SET attributed_message = \(bind: credit.messageKey), attributed_flow = \(bind: credit.flowID),
                attributed_step = \(bind: credit.step), attributed_channel = \(bind: credit.channel), attributed_variant = \(bind: credit.variant),
                attribution_basis = \(bind: credit.basis), updated_at = \(bind: now.epochMilliseconds)
            WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: order.id.rawValue) AND attributed_message IS NULL
            """
        ).run()
        if let cartID {
            try await db.raw(
                """
                UPDATE carts SET state = 'recovered', recovered_at = \(bind: order.placedAt.epochMilliseconds), updated_at = \(bind: now.epochMilliseconds)
                WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: cartID.rawValue) AND state = 'converted'
                """
            ).run()
        }
    }
}

/// `GET /v1/reports/recovery`: what the flows brought back in a time range.
public struct RecoveryReport: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var key: [String: String]
        public var recoveredCarts: Int
        public var recoveredRevenue: Int64
    }

    public var abandonedCarts: Int
    public var recoveredCarts: Int
    public var recoveredRevenue: Int64
    public var currency: String
    public var byFlow: [Row]
    public var byStep: [Row]
    public var byChannel: [Row]
    public var byVariant: [Row]

    public var recoveryRate: Double { abandonedCarts == 0 ? 0 : Double(recoveredCarts) / Double(abandonedCarts) }
}

extension Store {
    public func recoveryReport(shop: Shop, from: Date, to: Date) async throws -> RecoveryReport {
        try await read { db in
            let shopID = shop.id.rawValue
            let abandoned =
                try await db.raw(
                    """
                    SELECT COUNT(*) AS n FROM events WHERE shop_id = \(bind: shopID) AND type IN ('cart_abandoned', 'checkout_abandoned')
                    AND occurred_at >= \(bind: from.epochMilliseconds) AND occurred_at < \(bind: to.epochMilliseconds)
                    """
                ).first()?.int("n") ?? 0
            func rows(_ columns: [String]) async throws -> [RecoveryReport.Row] {
                let list = columns.joined(separator: ", ")
                return try await db.raw(
                    """
                    SELECT \(unsafeRaw: list), COUNT(*) AS n, CAST(COALESCE(SUM(total - refunded_total), 0) AS BIGINT) AS revenue FROM orders
                    WHERE shop_id = \(bind: shopID) AND attributed_message IS NOT NULL
                    AND placed_at >= \(bind: from.epochMilliseconds) AND placed_at < \(bind: to.epochMilliseconds)
                    GROUP BY \(unsafeRaw: list) ORDER BY \(unsafeRaw: list)
                    """
                ).all().map { row in
                    var key: [String: String] = [:]
                    for column in columns { key[column.replacingOccurrences(of: "attributed_", with: "")] = try row.optionalString(column) ?? "" }
                    return RecoveryReport.Row(key: key, recoveredCarts: Int(try row.int("n")), recoveredRevenue: try row.int("revenue"))
                }
            }
            let byFlow = try await rows(["attributed_flow"])
            return RecoveryReport(
                abandonedCarts: Int(abandoned),
                recoveredCarts: byFlow.reduce(0) { $0 + $1.recoveredCarts },
                recoveredRevenue: byFlow.reduce(0) { $0 + $1.recoveredRevenue },
                currency: shop.currency.rawValue,
                byFlow: byFlow,
                byStep: try await rows(["attributed_flow", "attributed_step"]),
                byChannel: try await rows(["attributed_channel"]),
                byVariant: try await rows(["attributed_flow", "attributed_variant"])
            )
        }
    }
}

extension FlowTransaction {
    /// Email and SMS messages of a customer planned or sent since `since`, for the frequency cap.
    public func recentSends(shopID: Shop.ID, customerID: Customer.ID, since: Date) async throws -> [(channel: String, at: Date)] {
        try await db.raw(
            """
            SELECT channel, scheduled_at FROM messages WHERE shop_id = \(bind: shopID.rawValue) AND customer_id = \(bind: customerID.rawValue)
            AND channel IN ('email', 'sms') AND status IN ('intended', 'sent') AND scheduled_at >= \(bind: since.epochMilliseconds)
            """
        ).all().map { (try $0.string("channel"), try $0.date("scheduled_at")) }
    }

    /// The shop's IANA time zone.
    public func timeZone(shopID: Shop.ID) async throws -> String {
        try await db.raw("SELECT time_zone FROM shops WHERE id = \(bind: shopID.rawValue)").first()?.string("time_zone") ?? "UTC"
    }
}
