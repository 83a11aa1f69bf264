public import Foundation
public import ReboundCore
import SQLKit

/// A saved rule-based segment; `rule` is the JSON document ReboundAnalytics' `SegmentRule.parse` reads.
public struct StoredSegment: Sendable, Hashable {
    public var id: String
    public var name: String
    public var description: String
    public var rule: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, name: String, description: String, rule: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.description = description
        self.rule = rule
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A WHERE expression over `customer_facts` with `?` placeholders and their values, as a segment compiles to.
public struct FactsFilter: Sendable, Hashable {
    public enum Bind: Sendable, Hashable {
        case integer(Int64), text(String), bool(Bool)
    }

    public var sql: String
    public var binds: [Bind]

    public init(sql: String, binds: [Bind]) {
        self.sql = sql
        self.binds = binds
    }

    /// The expression with SQLKit binds in place of the `?` placeholders (values never enter the SQL text).
    var query: SQLQueryString {
        var query = SQLQueryString("")
        var values = binds.makeIterator()
        for (index, part) in sql.split(separator: "?", omittingEmptySubsequences: false).enumerated() {
            if index > 0 {
                switch values.next() {
                case .integer(let n): query.appendInterpolation(bind: n)
                case .text(let s): query.appendInterpolation(bind: s)
                case .bool(let b): query.appendInterpolation(bind: b)
                case nil: query.appendLiteral("NULL")
                }
            }
            query.appendLiteral(String(part))
        }
        return query
    }
}

/// One customer's row of `customer_facts` with its tags and products (see `CustomerFactsTable` in ReboundAnalytics).
public struct CustomerFactRow: Sendable, Hashable {
    public var customerID: String
    public var spendMinor: Int64
    public var orderCount: Int
    /// Unix seconds.
    public var lastOrderAt: Int64?
    public var rfm: (recency: Int, frequency: Int, monetary: Int)?
    public var emailConsent: Bool
    public var smsConsent: Bool
    public var country: String?
    public var lastOpenedAt: Int64?
    public var lastClickedAt: Int64?
    public var tags: Set<String>
    public var products: Set<String>

    public init(
        customerID: String,
        spendMinor: Int64,
        orderCount: Int,
        lastOrderAt: Int64?,
        rfm: (recency: Int, frequency: Int, monetary: Int)?,
        emailConsent: Bool,
        smsConsent: Bool,
        country: String?,
        lastOpenedAt: Int64?,
        lastClickedAt: Int64?,
        tags: Set<String>,
        products: Set<String>
    ) {
        self.customerID = customerID
        self.spendMinor = spendMinor
        self.orderCount = orderCount
        self.lastOrderAt = lastOrderAt
        self.rfm = rfm
        self.emailConsent = emailConsent
        self.smsConsent = smsConsent
        self.country = country
        self.lastOpenedAt = lastOpenedAt
        self.lastClickedAt = lastClickedAt
        self.tags = tags
        self.products = products
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.customerID == rhs.customerID && lhs.spendMinor == rhs.spendMinor }
    public func hash(into hasher: inout Hasher) { hasher.combine(customerID) }
}

/// A customer in a segment, with the facts a list shows.
public struct SegmentMember: Sendable, Hashable {
    public var customerID: String
    public var email: String?
    public var firstName: String?
    public var lastName: String?
    public var country: String?
    public var spendMinor: Int64
    public var orderCount: Int
    public var lastOrderAt: Date?
    public var rfmCell: String?
}

extension Store {
    static func segment(from row: any SQLRow) throws -> StoredSegment {
        StoredSegment(
            id: try row.string("id"),
            name: try row.string("name"),
            description: try row.string("description"),
            rule: try row.string("rule"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
    }

    public func segments(shopID: Shop.ID) async throws -> [StoredSegment] {
        try await read { db in
            try await db.raw(
                "SELECT id, name, description, rule, created_at, updated_at FROM segments WHERE shop_id = \(bind: shopID.rawValue) ORDER BY name, id"
            ).all().map(Store.segment(from:))
        }
    }

    public func segment(shopID: Shop.ID, id: String) async throws -> StoredSegment? {
        try await read { db in
            try await db.raw(
                """
                SELECT id, name, description, rule, created_at, updated_at FROM segments
                WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)
                """
            ).first().map(Store.segment(from:))
        }
    }

    /// Inserts or replaces a segment (by id).
    public func saveSegment(_ segment: StoredSegment, shopID: Shop.ID) async throws {
        try await write { db in
            try await db.raw("DELETE FROM segments WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: segment.id)").run()
            try await db.raw(
                """
                INSERT INTO segments (shop_id, id, name, description, rule, created_at, updated_at)
                VALUES (\(bind: shopID.rawValue), \(bind: segment.id), \(bind: segment.name), \(bind: segment.description),
                    \(bind: segment.rule), \(bind: segment.createdAt.epochMilliseconds), \(bind: segment.updatedAt.epochMilliseconds))
                """
            ).run()
        }
    }

    public func deleteSegment(shopID: Shop.ID, id: String) async throws -> Bool {
        try await write { db in
            try await db.raw("DELETE FROM segment_counts WHERE shop_id = \(bind: shopID.rawValue) AND segment_id = \(bind: id)").run()
            return
                !(try await db.raw("DELETE FROM segments WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id) RETURNING id").all().isEmpty)
        }
    }

    /// When the shop's facts were last rebuilt, and for how many customers.
    public func customerFactsState(shopID: Shop.ID) async throws -> (refreshedAt: Date, customers: Int)? {
        try await read { db in
            try await db.raw("SELECT refreshed_at, customers FROM customer_facts_state WHERE shop_id = \(bind: shopID.rawValue)").first().map {
                (try $0.date("refreshed_at"), Int(try $0.int("customers")))
            }
        }
    }

    /// Replaces the shop's fact rows in one transaction, so a segment count never sees half of them.
    public func replaceCustomerFacts(shopID: Shop.ID, rows: [CustomerFactRow], now: Date) async throws {
        let shop = shopID.rawValue
        try await write { db in
            for table in ["customer_facts", "customer_fact_tags", "customer_fact_products", "customer_facts_state"] {
                try await db.raw("DELETE FROM \(unsafeRaw: table) WHERE shop_id = \(bind: shop)").run()
            }
            for chunk in rows.chunked(into: 500) {
                var query = SQLQueryString(
                    """
                    INSERT INTO customer_facts (shop_id, customer_id, spend_minor, order_count, last_order_at, rfm_recency, rfm_frequency,
                        rfm_monetary, rfm_cell, email_consent, sms_consent, country, last_opened_at, last_clicked_at) VALUES
                    """
                )
                for (index, row) in chunk.enumerated() {
                    let cell = row.rfm.map { "\($0.recency)\($0.frequency)\($0.monetary)" }
                    query =
                        query
                            + """
                            \(unsafeRaw: index == 0 ? "" : ",")(\(bind: shop), \(bind: row.customerID), \(bind: row.spendMinor), \(bind: Int64(row.orderCount)),
                            \(bind: row.lastOrderAt), \(bind: row.rfm.map { Int64($0.recency) }), \(bind: row.rfm.map { Int64($0.frequency) }),
                            \(bind: row.rfm.map { Int64($0.monetary) }), \(bind: cell), \(bind: row.emailConsent), \(bind: row.smsConsent),
                            \(bind: row.country), \(bind: row.lastOpenedAt), \(bind: row.lastClickedAt))
                            """
                }
                try await db.raw(query).run()
            }
            let tags = rows.flatMap { row in row.tags.sorted().map { (row.customerID, $0) } }
            let products = rows.flatMap { row in row.products.sorted().map { (row.customerID, $0) } }
            for (table, column, pairs) in [("customer_fact_tags", "tag", tags), ("customer_fact_products", "product_id", products)] {
                for chunk in pairs.chunked(into: 500) {
                    var query = SQLQueryString("INSERT INTO \(unsafeRaw: table) (shop_id, customer_id, \(unsafeRaw: column)) VALUES ")
                    for (index, pair) in chunk.enumerated() {
                        query = query + "\(unsafeRaw: index == 0 ? "" : ",")(\(bind: shop), \(bind: pair.0), \(bind: pair.1))"
                    }
                    try await db.raw(query).run()
                }
            }
            try await db.raw(
                """
                INSERT INTO customer_facts_state (shop_id, refreshed_at, customers)
                VALUES (\(bind: shop), \(bind: now.epochMilliseconds), \(bind: Int64(rows.count)))
                """
            ).run()
        }
    }

    /// Customers matching a segment's filter; a count runs in the database, never over loaded rows.
    public func countCustomers(shopID: Shop.ID, matching filter: FactsFilter) async throws -> Int {
        try await read { db in
            let query: SQLQueryString = "SELECT COUNT(*) AS n FROM customer_facts WHERE shop_id = \(bind: shopID.rawValue) AND " + filter.query
            return Int(try await db.raw(query).first()?.int("n") ?? 0)
        }
    }

    /// One page of a segment's customers in customer id order; pass the last id as `after` for the next page.
    public func segmentMembers(shopID: Shop.ID, matching filter: FactsFilter, after: String?, limit: Int) async throws -> [SegmentMember] {
        try await read { db in
            // The filter names customer_facts' columns bare (`country` is in customers too), so it runs in an inner query.
            var inner: SQLQueryString = "SELECT * FROM customer_facts WHERE shop_id = \(bind: shopID.rawValue) AND " + filter.query
            if let after { inner = inner + " AND customer_id > \(bind: after)" }
            inner = inner + " ORDER BY customer_id LIMIT \(bind: limit)"
            let query: SQLQueryString =
                """
                SELECT f.customer_id, c.email, c.first_name, c.last_name, c.country, f.spend_minor, f.order_count, f.last_order_at, f.rfm_cell
                FROM (\(inner)) f LEFT JOIN customers c ON c.shop_id = f.shop_id AND c.id = f.customer_id ORDER BY f.customer_id
                """
            return try await db.raw(query).all().map { row in
                SegmentMember(
                    customerID: try row.string("customer_id"),
                    email: try row.optionalString("email"),
                    firstName: try row.optionalString("first_name"),
                    lastName: try row.optionalString("last_name"),
                    country: try row.optionalString("country"),
                    spendMinor: try row.int("spend_minor"),
                    orderCount: Int(try row.int("order_count")),
                    lastOrderAt: try row.optionalInt("last_order_at").map { Date(timeIntervalSince1970: TimeInterval($0)) },
                    rfmCell: try row.optionalString("rfm_cell")
                )
            }
        }
    }

    /// Remembers a segment's count as the count of `day` (days since 1970, UTC); the day's last count wins.
    public func recordSegmentCount(shopID: Shop.ID, segmentID: String, day: Int64, count: Int) async throws {
        try await write { db in
            try await db.raw(
                """
                INSERT INTO segment_counts (shop_id, segment_id, day, count)
                VALUES (\(bind: shopID.rawValue), \(bind: segmentID), \(bind: day), \(bind: Int64(count)))
                ON CONFLICT (shop_id, segment_id, day) DO UPDATE SET count = excluded.count
                """
            ).run()
        }
    }

    /// The recorded daily counts of the shop's segments from `sinceDay` on, oldest first.
    public func segmentCounts(shopID: Shop.ID, sinceDay: Int64) async throws -> [String: [(day: Int64, count: Int)]] {
        try await read { db in
            var result: [String: [(day: Int64, count: Int)]] = [:]
            let rows = try await db.raw(
                """
                SELECT segment_id, day, count FROM segment_counts WHERE shop_id = \(bind: shopID.rawValue) AND day >= \(bind: sinceDay)
                ORDER BY segment_id, day
                """
            ).all()
            for row in rows { result[try row.string("segment_id"), default: []].append((try row.int("day"), Int(try row.int("count")))) }
            return result
        }
    }
}

extension FlowTransaction {
    /// The shop's saved segments, for the flow worker.
    public func savedSegments(shopID: Shop.ID) async throws -> [StoredSegment] {
        try await db.raw(
            "SELECT id, name, description, rule, created_at, updated_at FROM segments WHERE shop_id = \(bind: shopID.rawValue) ORDER BY id"
        ).all().map(Store.segment(from:))
    }

    /// The ids among `filters` whose rule the customer's facts row matches, as of the facts' last rebuild.
    public func segmentMembership(shopID: Shop.ID, customerID: Customer.ID, filters: [(id: String, filter: FactsFilter)]) async throws -> [String] {
        var members: [String] = []
        for (id, filter) in filters {
            let query: SQLQueryString =
                "SELECT 1 AS hit FROM customer_facts WHERE shop_id = \(bind: shopID.rawValue) AND customer_id = \(bind: customerID.rawValue) AND "
                + filter.query
            if try await db.raw(query).first() != nil { members.append(id) }
        }
        return members
    }
}
