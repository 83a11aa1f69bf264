public import Foundation
public import ReboundCore
import SQLKit

/// A storefront or order event reduced to what the visit model learns from.
public struct VisitEventRecord: Sendable, Hashable {
    public var anonymousID: String?
    public var customerID: String?
    public var type: String
    public var occurredAt: Date
    /// `price × quantity` of the line added or removed, minor units.
    public var lineValue: Int64?
    public var device: String?
}

extension Store {
    /// Browsing and order events of the last stretch, oldest first, at most `limit`: what the visit model trains on.
    public func visitEvents(shopID: Shop.ID, since: Date, limit: Int) async throws -> [VisitEventRecord] {
        try await read { db in
            try await db.raw(
                """
                SELECT anonymous_id, customer_id, type, occurred_at, properties FROM events WHERE shop_id = \(bind: shopID.rawValue)
                AND occurred_at >= \(bind: since.epochMilliseconds)
                AND type IN ('page_viewed', 'viewed_product', 'viewed_cart', 'added_to_cart', 'removed_from_cart', 'started_checkout',
                    'order_placed', 'cart_converted')
                ORDER BY occurred_at LIMIT \(bind: limit)
                """
            ).all().map { row in
                let properties = (try? JSONValue.parse(try row.string("properties")))?.objectValue ?? [:]
                let price = properties["price"]?.int64Value
                let quantity = properties["quantity"]?.int64Value ?? 1
                return VisitEventRecord(
                    anonymousID: try row.optionalString("anonymous_id"),
                    customerID: try row.optionalString("customer_id"),
                    type: try row.string("type"),
                    occurredAt: try row.date("occurred_at"),
                    lineValue: price.map { $0 * max(1, quantity) },
                    device: properties["device"]?.stringValue
                )
            }
        }
    }

    /// The shop's stored visit model (JSON), if it trained one.
    public func riskModelDocument(shopID: Shop.ID) async throws -> String? {
        try await read { db in
            try await db.raw("SELECT document FROM risk_models WHERE shop_id = \(bind: shopID.rawValue)").first()?.string("document")
        }
    }

    public func saveRiskModel(shopID: Shop.ID, document: String, now: Date) async throws {
        try await write { db in
            try await db.raw(
                """
                INSERT INTO risk_models (shop_id, document, trained_at) VALUES (\(bind: shopID.rawValue), \(bind: document), \(bind: now.epochMilliseconds))
                ON CONFLICT (shop_id) DO UPDATE SET document = excluded.document, trained_at = excluded.trained_at
                """
            ).run()
        }
    }
}
