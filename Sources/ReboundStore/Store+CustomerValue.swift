public import Foundation
public import ReboundCore
import SQLKit

/// One order as customer value sees it: when, how much (net of refunds) and which products.
public struct PurchaseRow: Sendable, Hashable {
    public var customerID: String
    public var placedAt: Date
    public var totalMinor: Int64
    public var refundedMinor: Int64
    public var productIDs: [String]
}

/// What segments know about a customer besides orders.
public struct CustomerAttributes: Sendable, Hashable {
    public var customerID: String
    public var country: String?
    public var tags: [String]
    public var emailConsent: Bool
    public var smsConsent: Bool
    public var lastOpenedAt: Date?
    public var lastClickedAt: Date?
}

extension Store {
    /// Every order of the shop's known customers that was not cancelled, oldest first.
    public func purchaseHistory(shopID: Shop.ID, customerID: Customer.ID? = nil) async throws -> [PurchaseRow] {
        try await read { db in
            var query: SQLQueryString = """
                SELECT customer_id, placed_at, total, refunded_total, lines FROM orders
                WHERE shop_id = \(bind: shopID.rawValue) AND customer_id IS NOT NULL AND cancelled_at IS NULL
                """
            if let customerID { query = query + " AND customer_id = \(bind: customerID.rawValue)" }
            query = query + " ORDER BY placed_at, id"
            return try await db.raw(query).all().map { row in
                let lines = (try? JSONValue.parse(try row.string("lines")))?.arrayValue ?? []
                return PurchaseRow(
                    customerID: try row.string("customer_id"),
                    placedAt: try row.date("placed_at"),
                    totalMinor: try row.int("total"),
                    refundedMinor: try row.int("refunded_total"),
                    productIDs: lines.compactMap { $0["productID"]?.stringValue ?? $0["product_id"]?.stringValue }
                )
            }
        }
    }

    /// Country, tags, consents and last email engagement of every customer of the shop.
    public func customerAttributes(shopID: Shop.ID) async throws -> [CustomerAttributes] {
        try await read { db in
            let engagement = try await db.raw(
                """
                SELECT customer_id, MAX(opened_at) AS opened, MAX(clicked_at) AS clicked FROM messages
                WHERE shop_id = \(bind: shopID.rawValue) AND customer_id IS NOT NULL GROUP BY customer_id
                """
            ).all()
            var engaged: [String: (Date?, Date?)] = [:]
            for row in engagement {
                engaged[try row.string("customer_id")] = (try row.optionalDate("opened"), try row.optionalDate("clicked"))
            }
            return try await db.raw(
                "SELECT id, country, tags, email_consent, sms_consent FROM customers WHERE shop_id = \(bind: shopID.rawValue)"
            ).all().map { row in
                let id = try row.string("id")
                let tags = (try? JSONColumn.decode([String].self, from: try row.string("tags"))) ?? []
                return CustomerAttributes(
                    customerID: id,
                    country: try row.optionalString("country"),
                    tags: tags,
                    emailConsent: (try row.optionalInt("email_consent") ?? 0) != 0,
                    smsConsent: (try row.optionalInt("sms_consent") ?? 0) != 0,
                    lastOpenedAt: engaged[id]?.0,
                    lastClickedAt: engaged[id]?.1
                )
            }
        }
    }

    /// A page of customers for the admin list: newest first, optionally matching a search on email, name or tag.
    public func customerList(shopID: Shop.ID, search: String?, offset: Int, limit: Int) async throws -> (customers: [Customer], total: Int) {
        try await read { db in
            var condition: SQLQueryString = "shop_id = \(bind: shopID.rawValue)"
            if let search, !search.isEmpty {
                // LIKE's own wildcards in the search are taken literally.
                let escaped = search.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_")
                let pattern = "%" + escaped + "%"
                condition =
                    condition
                        + """
                         AND (LOWER(COALESCE(email, '')) LIKE \(bind: pattern) ESCAPE '\\'
                            OR LOWER(COALESCE(first_name, '') || ' ' || COALESCE(last_name, '')) LIKE \(bind: pattern) ESCAPE '\\'
                            OR LOWER(tags) LIKE \(bind: pattern) ESCAPE '\\')
                        """
            }
            let total = try await db.raw("SELECT COUNT(*) AS n FROM customers WHERE " + condition).first()?.int("n") ?? 0
            let rows = try await db.raw(
                "SELECT \(unsafeRaw: Store.customerColumns) FROM customers WHERE " + condition
                    + " ORDER BY created_at DESC, id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)"
            ).all().map(Store.customer(from:))
            return (rows, Int(total))
        }
    }

    /// Changes whenever an order or a customer is added or changed: a cheap key for cached customer values.
    public func customerDataVersion(shopID: Shop.ID) async throws -> String {
        try await read { db in
            var parts: [String] = []
            for table in ["orders", "customers"] {
                let row = try await db.raw(
                    "SELECT COUNT(*) AS n, MAX(updated_at) AS latest FROM \(unsafeRaw: table) WHERE shop_id = \(bind: shopID.rawValue)"
                ).first()
                parts.append("\(try row?.int("n") ?? 0)/\(try row?.optionalInt("latest") ?? 0)")
            }
            return parts.joined(separator: ";")
        }
    }

    /// A customer's flow runs, newest first.
    public func flowRuns(shopID: Shop.ID, customerID: Customer.ID, limit: Int) async throws -> [StoredFlowRun] {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.runColumns), last_error FROM flow_runs
                WHERE shop_id = \(bind: shopID.rawValue) AND customer_id = \(bind: customerID.rawValue)
                ORDER BY created_at DESC, id DESC LIMIT \(bind: limit)
                """
            ).all().map { row in
                var run = try Store.storedRun(from: row)
                run.lastError = try row.optionalString("last_error")
                return run
            }
        }
    }
}
