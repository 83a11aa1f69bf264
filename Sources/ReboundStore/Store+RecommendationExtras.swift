public import Foundation
public import ReboundCore
import SQLKit

/// Recommendations beside the model: the shop's add-on rules, accepted one-click offers, events and report reads.
extension Store {
    // MARK: Add-on rules

    public func recsAddonRules(shopID: Shop.ID) async throws -> [RecsAddonRule] {
        try await read { db in
            try await db.raw(
                "SELECT id, trigger_kind, trigger_value, addons, label, updated_at FROM recs_addon_rules WHERE shop_id = \(bind: shopID.rawValue) ORDER BY id"
            ).all().map { row in
                RecsAddonRule(
                    id: try row.string("id"),
                    triggerKind: try row.string("trigger_kind"),
                    triggerValue: try row.string("trigger_value"),
                    addons: try JSONColumn.decode([String].self, from: try row.string("addons")),
                    label: try row.optionalString("label"),
                    updatedAt: try row.date("updated_at")
                )
            }
        }
    }

    public func saveRecsAddonRule(_ rule: RecsAddonRule, shopID: Shop.ID, now: Date) async throws {
        try await write { db in
            try await db.raw(
                """
                INSERT INTO recs_addon_rules (shop_id, id, trigger_kind, trigger_value, addons, label, created_at, updated_at)
                VALUES (\(bind: shopID.rawValue), \(bind: rule.id), \(bind: rule.triggerKind), \(bind: rule.triggerValue),
                    \(bind: JSONColumn.encode(rule.addons)), \(bind: rule.label), \(bind: now.epochMilliseconds), \(bind: now.epochMilliseconds))
                ON CONFLICT (shop_id, id) DO UPDATE SET trigger_kind = excluded.trigger_kind, trigger_value = excluded.trigger_value,
                    addons = excluded.addons, label = excluded.label, updated_at = excluded.updated_at
                """
            ).run()
        }
    }

    /// Returns whether a rule was deleted.
    public func deleteRecsAddonRule(id: String, shopID: Shop.ID) async throws -> Bool {
        try await write { db in
            let found = try await db.raw("SELECT id FROM recs_addon_rules WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)").first()
            guard found != nil else { return false }
            try await db.raw("DELETE FROM recs_addon_rules WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)").run()
            return true
        }
    }

    // MARK: One-click offers

    /// A recorded acceptance of a post-purchase offer.
    public struct OfferAcceptance: Sendable, Hashable {
        public var status: String
        public var result: String
        public var createdAt: Date
    }

    /// Claims the acceptance of `product` for `orderID`; returns the earlier acceptance when there is one.
    public func claimOfferAcceptance(shopID: Shop.ID, orderID: String, productID: String, variantID: String?, now: Date) async throws
        -> OfferAcceptance?
    {
        try await write { db in
            let shop = shopID.rawValue
            if let row = try await db.raw(
                """
                SELECT status, result, created_at FROM recs_offer_accepts
                WHERE shop_id = \(bind: shop) AND order_id = \(bind: orderID) AND product_id = \(bind: productID)
                """
            ).first() {
                return OfferAcceptance(status: try row.string("status"), result: try row.string("result"), createdAt: try row.date("created_at"))
            }
            try await db.raw(
                """
                INSERT INTO recs_offer_accepts (shop_id, order_id, product_id, variant_id, status, result, created_at)
                VALUES (\(bind: shop), \(bind: orderID), \(bind: productID), \(bind: variantID), 'pending', '{}', \(bind: now.epochMilliseconds))
                """
            ).run()
            return nil
        }
    }

    /// Records how the claimed acceptance ended; `status` nil releases the claim (the platform refused: try again).
    public func finishOfferAcceptance(shopID: Shop.ID, orderID: String, productID: String, status: String?, result: String) async throws {
        try await write { db in
            let key = SQLQueryString(
                "shop_id = \(bind: shopID.rawValue) AND order_id = \(bind: orderID) AND product_id = \(bind: productID)"
            )
            if let status {
                try await db.raw("UPDATE recs_offer_accepts SET status = \(bind: status), result = \(bind: result) WHERE " + key).run()
            } else {
                try await db.raw("DELETE FROM recs_offer_accepts WHERE " + key).run()
            }
        }
    }

    /// An order by Rebound id or by the platform's id.
    public func order(shopID: Shop.ID, idOrExternalID id: String) async throws -> Order? {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.orderColumns) FROM orders WHERE shop_id = \(bind: shopID.rawValue)
                    AND (id = \(bind: id) OR external_id = \(bind: id)) ORDER BY placed_at DESC LIMIT 1
                """
            ).first().map(Store.order(from:))
        }
    }

    // MARK: Report

    /// A recommendation event's who, when and figures.
    public struct RecsEventRow: Sendable, Hashable {
        public var type: String
        public var anonymousID: String?
        public var customerID: String?
        public var occurredAt: Date
        public var properties: [String: JSONValue]
    }

    /// `recommendation_*` events in `[from, to)`.
    public func recsEvents(shopID: Shop.ID, from: Date, to: Date) async throws -> [RecsEventRow] {
        try await read { db in
            try await db.raw(
                """
                SELECT type, anonymous_id, customer_id, occurred_at, properties FROM events
                WHERE shop_id = \(bind: shopID.rawValue) AND type IN ('recommendation_shown', 'recommendation_clicked', 'recommendation_added',
                    'recommendation_holdout') AND occurred_at >= \(bind: from.epochMilliseconds) AND occurred_at < \(bind: to.epochMilliseconds)
                """
            ).all().map { row in
                RecsEventRow(
                    type: try row.string("type"),
                    anonymousID: try row.optionalString("anonymous_id"),
                    customerID: try row.optionalString("customer_id"),
                    occurredAt: try row.date("occurred_at"),
                    properties: (try? JSONValue.parse(try row.string("properties")))?.objectValue ?? [:]
                )
            }
        }
    }

    /// Customers of `anonymousIDs` as far as the visitors table knows them.
    public func recsVisitorCustomers(shopID: Shop.ID, anonymousIDs: [String]) async throws -> [String: String] {
        try await read { db in
            var result: [String: String] = [:]
            for (id, customer) in try await Store.visitorLinks(anonymousIDs, shopID: shopID, in: db) {
                if let customer { result[id] = customer.rawValue }
            }
            return result
        }
    }

    /// Orders (not cancelled) placed in `[from, to)`: customer, total and time.
    public func recsOrders(shopID: Shop.ID, from: Date, to: Date) async throws -> [(customerID: String?, total: Int64, placedAt: Date)] {
        try await read { db in
            try await db.raw(
                """
                SELECT customer_id, total, placed_at FROM orders WHERE shop_id = \(bind: shopID.rawValue) AND cancelled_at IS NULL
                    AND placed_at >= \(bind: from.epochMilliseconds) AND placed_at < \(bind: to.epochMilliseconds)
                """
            ).all().map { row -> (customerID: String?, total: Int64, placedAt: Date) in
                (try row.optionalString("customer_id"), try row.int("total"), try row.date("placed_at"))
            }
        }
    }
}

extension Store {
    /// Appends recommendation events (shown, holdout, added) for one visitor or customer.
    public func appendRecsEvents(_ events: [Event], customerID: Customer.ID?, shopID: Shop.ID, now: Date) async throws {
        guard !events.isEmpty else { return }
        try await write { db in
            _ = try await Store.appendEvents(events.map { ($0, customerID) }, shopID: shopID, source: "rebound", now: now, in: db)
        }
    }
}

extension Store {
    /// Orders stored for the shop (all states).
    public func orderCount(shopID: Shop.ID) async throws -> Int {
        try await read { db in
            Int(try await db.raw("SELECT COUNT(*) AS n FROM orders WHERE shop_id = \(bind: shopID.rawValue)").first().map { try $0.int("n") } ?? 0)
        }
    }
}

extension Store {
    /// Whether the shop's model has counted any basket (recommendations are off until it has).
    public func recsHasModel(shopID: Shop.ID) async throws -> Bool {
        try await read { db in
            try await db.raw("SELECT baskets FROM recs_state WHERE shop_id = \(bind: shopID.rawValue)").first().map { try $0.int("baskets") > 0 }
                ?? false
        }
    }
}
