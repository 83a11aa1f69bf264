public import Foundation
public import ReboundCore
import SQLKit

extension Store {
    /// What a macro's `{{variables}}` become for a conversation: the customer's first name, their latest order's
    /// number and tracking link, and the newest unused discount code issued to them.
    public func macroValues(shopID: Shop.ID, conversation: Conversation, now: Date) async throws -> [String: String] {
        guard let customerID = conversation.customerID else { return [:] }
        return try await read { db in
            let shop = shopID.rawValue
            var values: [String: String] = [:]
            if let customer = try await db.raw(
                "SELECT first_name FROM customers WHERE shop_id = \(bind: shop) AND id = \(bind: customerID.rawValue)"
            ).first() {
                values["first_name"] = try customer.optionalString("first_name")
            }
            if let order = try await db.raw(
                """
                SELECT external_id, number FROM orders WHERE shop_id = \(bind: shop) AND customer_id = \(bind: customerID.rawValue)
                ORDER BY placed_at DESC LIMIT 1
                """
            ).first() {
                let externalID = try order.string("external_id")
                values["order_number"] = try order.optionalString("number") ?? externalID
                // Shipments arrive as `order_fulfilled` events with the tracking link in their properties.
                let shipments = try await db.raw(
                    """
                    SELECT properties FROM events WHERE shop_id = \(bind: shop) AND customer_id = \(bind: customerID.rawValue)
                        AND type = 'order_fulfilled' ORDER BY occurred_at DESC LIMIT 20
                    """
                ).all()
                for row in shipments {
                    let properties = try JSONColumn.decode([String: JSONValue].self, from: try row.string("properties"))
                    guard properties["order_id"]?.stringValue == externalID, let url = properties["tracking_url"]?.stringValue,
                        url.hasPrefix("https://") || url.hasPrefix("http://")
                    else { continue }
                    values["tracking_url"] = url
                    break
                }
            }
            if let code = try await db.raw(
                """
                SELECT code FROM discount_codes WHERE shop_id = \(bind: shop) AND customer_id = \(bind: customerID.rawValue) AND status = 'issued'
                    AND (expires_at IS NULL OR expires_at > \(bind: now.epochMilliseconds))
                ORDER BY created_at DESC LIMIT 1
                """
            ).first() {
                values["discount_code"] = try code.string("code")
            }
            return values
        }
    }
}
