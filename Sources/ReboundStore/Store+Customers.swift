public import Foundation
public import ReboundCore
import SQLKit

extension Store {
    static let customerColumns = """
        id, external_id, email, phone, first_name, last_name, locale, time_zone, country, tags, email_consent,
        email_consent_source, email_consent_at, sms_consent, sms_consent_source, sms_consent_at, created_at, updated_at
        """

    static func customer(from row: any SQLRow) throws -> Customer {
        func consent(_ prefix: String) throws -> Consent? {
            guard let granted = try row.optionalInt(prefix), let at = try row.optionalDate(prefix + "_at") else { return nil }
            return Consent(granted: granted != 0, source: try row.optionalString(prefix + "_source") ?? "unknown", at: at)
        }
        return Customer(
            id: Customer.ID(try row.string("id")),
            externalID: try row.optionalString("external_id"),
            email: try row.optionalString("email"),
            phone: try row.optionalString("phone"),
            firstName: try row.optionalString("first_name"),
            lastName: try row.optionalString("last_name"),
            locale: try row.optionalString("locale"),
            timeZone: try row.optionalString("time_zone"),
            country: try row.optionalString("country"),
            tags: try JSONColumn.decode([String].self, from: try row.string("tags")),
            emailConsent: try consent("email_consent"),
            smsConsent: try consent("sms_consent"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at")
        )
    }

    /// Finds the customer an identity names (external id, then email, then phone), creating one when none matches,
    /// and merges what the snapshot adds. Runs inside the caller's transaction.
    static func resolveCustomer(
        _ snapshot: CustomerSnapshot,
        shopID: Shop.ID,
        now: Date,
        in db: any SQLDatabase
    ) async throws -> (id: Customer.ID, created: Bool) {
        let identity = snapshot.identity
        let shop = shopID.rawValue
        var existing: (any SQLRow)?
        if let external = identity.externalID {
            existing = try await db.raw(
                "SELECT \(unsafeRaw: customerColumns) FROM customers WHERE shop_id = \(bind: shop) AND external_id = \(bind: external)"
            ).first()
        }
        if existing == nil, let email = identity.email {
            existing = try await db.raw(
                "SELECT \(unsafeRaw: customerColumns) FROM customers WHERE shop_id = \(bind: shop) AND email = \(bind: email)"
            ).first()
        }
        if existing == nil, let phone = identity.phone {
            existing = try await db.raw(
                "SELECT \(unsafeRaw: customerColumns) FROM customers WHERE shop_id = \(bind: shop) AND phone = \(bind: phone) ORDER BY created_at LIMIT 1"
            ).first()
        }
        let nowMs = now.epochMilliseconds
        guard let existing else {
            let id = Customer.ID.random(prefix: "cus")
            try await db.raw(
                """
                INSERT INTO customers (shop_id, id, external_id, email, phone, first_name, last_name, locale, country, tags,
                    email_consent, email_consent_source, email_consent_at, sms_consent, sms_consent_source, sms_consent_at,
                    created_at, updated_at)
                VALUES (\(bind: shop), \(bind: id.rawValue), \(bind: identity.externalID), \(bind: identity.email), \(bind: identity.phone),
                    \(bind: snapshot.firstName), \(bind: snapshot.lastName), \(bind: snapshot.locale), \(bind: snapshot.country),
                    \(bind: JSONColumn.encode(snapshot.tags)),
                    \(bind: snapshot.emailConsent.map { Int64($0.granted ? 1 : 0) }), \(bind: snapshot.emailConsent?.source),
                    \(bind: snapshot.emailConsent?.at.epochMilliseconds),
                    \(bind: snapshot.smsConsent.map { Int64($0.granted ? 1 : 0) }), \(bind: snapshot.smsConsent?.source),
                    \(bind: snapshot.smsConsent?.at.epochMilliseconds), \(bind: nowMs), \(bind: nowMs))
                """
            ).run()
            return (id, true)
        }
        var customer = try Store.customer(from: existing)
        // Fill what is missing; never move an email or external id that another customer of the shop holds.
        if customer.externalID == nil, let external = identity.externalID,
            try await db.raw("SELECT id FROM customers WHERE shop_id = \(bind: shop) AND external_id = \(bind: external)").first() == nil
        {
            customer.externalID = external
        }
        if customer.email == nil, let email = identity.email,
            try await db.raw("SELECT id FROM customers WHERE shop_id = \(bind: shop) AND email = \(bind: email)").first() == nil
        {
            customer.email = email
        }
        if customer.phone == nil { customer.phone = identity.phone }
        customer.firstName = snapshot.firstName ?? customer.firstName
        customer.lastName = snapshot.lastName ?? customer.lastName
        customer.locale = snapshot.locale ?? customer.locale
        customer.country = snapshot.country ?? customer.country
        if !snapshot.tags.isEmpty { customer.tags = snapshot.tags }
        // The newer consent statement wins.
        if let consent = snapshot.emailConsent, consent.at >= (customer.emailConsent?.at ?? .distantPast) { customer.emailConsent = consent }
        if let consent = snapshot.smsConsent, consent.at >= (customer.smsConsent?.at ?? .distantPast) { customer.smsConsent = consent }
        try await db.raw(
            """
            UPDATE customers SET external_id = \(bind: customer.externalID), email = \(bind: customer.email), phone = \(bind: customer.phone),
                first_name = \(bind: customer.firstName), last_name = \(bind: customer.lastName), locale = \(bind: customer.locale),
                country = \(bind: customer.country), tags = \(bind: JSONColumn.encode(customer.tags)),
                email_consent = \(bind: customer.emailConsent.map { Int64($0.granted ? 1 : 0) }),
                email_consent_source = \(bind: customer.emailConsent?.source), email_consent_at = \(bind: customer.emailConsent?.at.epochMilliseconds),
                sms_consent = \(bind: customer.smsConsent.map { Int64($0.granted ? 1 : 0) }),
                sms_consent_source = \(bind: customer.smsConsent?.source), sms_consent_at = \(bind: customer.smsConsent?.at.epochMilliseconds),
                updated_at = \(bind: nowMs)
            WHERE shop_id = \(bind: shop) AND id = \(bind: customer.id.rawValue)
            """
        ).run()
        return (customer.id, false)
    }

    /// Links an anonymous visitor to a customer and moves the visitor's carts, browsing and events along
    /// (identity stitching). Returns whether the link is new.
    @discardableResult
    static func stitch(anonymousID: String, to customerID: Customer.ID, shopID: Shop.ID, in db: any SQLDatabase) async throws -> Bool {
        let shop = shopID.rawValue
        let linked = try await db.raw(
            """
            UPDATE visitors SET customer_id = \(bind: customerID.rawValue)
            WHERE shop_id = \(bind: shop) AND anonymous_id = \(bind: anonymousID)
                AND (customer_id IS NULL OR customer_id <> \(bind: customerID.rawValue))
            RETURNING anonymous_id
            """
        ).all()
        // The visitor row may already carry the link (it is written in the same batch); what it did before still moves.
        try await db.raw(
            """
            UPDATE carts SET customer_id = \(bind: customerID.rawValue), has_contact = 1
            WHERE shop_id = \(bind: shop) AND anonymous_id = \(bind: anonymousID) AND customer_id IS NULL
            """
        ).run()
        try await db.raw(
            """
            UPDATE browse_sessions SET customer_id = \(bind: customerID.rawValue)
            WHERE shop_id = \(bind: shop) AND anonymous_id = \(bind: anonymousID) AND customer_id IS NULL
            """
        ).run()
        try await db.raw(
            """
            UPDATE events SET customer_id = \(bind: customerID.rawValue)
            WHERE shop_id = \(bind: shop) AND anonymous_id = \(bind: anonymousID) AND customer_id IS NULL
            """
        ).run()
        return !linked.isEmpty
    }

    public func customer(shopID: Shop.ID, id: Customer.ID) async throws -> Customer? {
        try await read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Store.customerColumns) FROM customers WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id.rawValue)"
            ).first().map(Store.customer(from:))
        }
    }

    public struct CustomerFilter: Sendable {
        public var email: String?
        public var phone: String?
        public var tag: String?
        public init(email: String? = nil, phone: String? = nil, tag: String? = nil) {
            self.email = email
            self.phone = phone
            self.tag = tag
        }
    }

    public func customers(shopID: Shop.ID, filter: CustomerFilter, cursor: Cursor?, limit: Int) async throws -> Page<Customer> {
        try await read { db in
            var query = SQLQueryString("SELECT \(unsafeRaw: Store.customerColumns) FROM customers WHERE shop_id = \(bind: shopID.rawValue)")
            if let email = filter.email { query = query + " AND email = \(bind: email.lowercased())" }
            if let phone = filter.phone { query = query + " AND phone = \(bind: phone)" }
            if let tag = filter.tag { query = query + " AND tags LIKE \(bind: "%\"" + tag + "\"%")" }
            if let cursor {
                query = query + " AND (created_at < \(bind: cursor.time) OR (created_at = \(bind: cursor.time) AND id < \(bind: cursor.id)))"
            }
            query = query + " ORDER BY created_at DESC, id DESC LIMIT \(bind: limit + 1)"
            let rows = try await db.raw(query).all().map(Store.customer(from:))
            return Page.make(rows, limit: limit) { Cursor(time: $0.createdAt.epochMilliseconds, id: $0.id.rawValue) }
        }
    }

    /// The customer's events, newest first, including what their anonymous visits did before they were known.
    public func timeline(shopID: Shop.ID, customerID: Customer.ID, limit: Int) async throws -> [StoredEvent] {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.eventColumns) FROM events
                WHERE shop_id = \(bind: shopID.rawValue) AND (customer_id = \(bind: customerID.rawValue) OR anonymous_id IN
                    (SELECT anonymous_id FROM visitors WHERE shop_id = \(bind: shopID.rawValue) AND customer_id = \(bind: customerID.rawValue)))
                ORDER BY occurred_at DESC, seq DESC LIMIT \(bind: limit)
                """
            ).all().map(Store.storedEvent(from:))
        }
    }
}

extension Page {
    /// Trims the extra row fetched to learn whether there is a next page.
    static func make(_ rows: [Item], limit: Int, cursor: (Item) -> Cursor) -> Page<Item> {
        guard rows.count > limit else { return Page(items: rows, nextCursor: nil) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextCursor: items.last.map { cursor($0).encoded })
    }
}

extension Store {
    /// Merges imported customers; returns how many were new.
    public func importCustomers(_ snapshots: [CustomerSnapshot], shopID: Shop.ID, now: Date) async throws -> Int {
        try await write { db in
            var created = 0
            for snapshot in snapshots where try await Store.resolveCustomer(snapshot, shopID: shopID, now: now, in: db).created {
                created += 1
            }
            return created
        }
    }
}
