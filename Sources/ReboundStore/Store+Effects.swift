public import Foundation
public import ReboundCore
import SQLKit

/// A discount code Rebound issued to one recipient.
public struct DiscountCodeRecord: Sendable, Hashable {
    public var code: String
    /// `percent`, `fixed` or `free_shipping`.
    public var kind: String
    public var value: Int64?
    public var minimumCart: Int64?
    public var expiresAt: Date?
    public var customerID: Customer.ID?
    public var messageKey: String?
    public var runID: String?
    public var flowID: String?
    /// `issued`, `redeemed`.
    public var status: String
    /// Where the code lives: `rebound` (checked by Rebound only), `imported`, `shopify`, `woocommerce`.
    public var platform: String
    public var redeemedOrder: String?

    public init(
        code: String,
        kind: String,
        value: Int64?,
        minimumCart: Int64?,
        expiresAt: Date?,
        customerID: Customer.ID?,
        messageKey: String?,
        runID: String?,
        flowID: String?,
        status: String = "issued",
        platform: String = "rebound",
        redeemedOrder: String? = nil
    ) {
        self.code = code
        self.kind = kind
        self.value = value
        self.minimumCart = minimumCart
        self.expiresAt = expiresAt
        self.customerID = customerID
        self.messageKey = messageKey
        self.runID = runID
        self.flowID = flowID
        self.status = status
        self.platform = platform
        self.redeemedOrder = redeemedOrder
    }
}

extension Store {
    static let discountColumns = """
        code, kind, value, minimum_cart, expires_at, customer_id, message_key, run_id, flow_id, status, platform, redeemed_order
        """

    static func discountCode(from row: any SQLRow) throws -> DiscountCodeRecord {
        DiscountCodeRecord(
            code: try row.string("code"),
            kind: try row.string("kind"),
            value: try row.optionalInt("value"),
            minimumCart: try row.optionalInt("minimum_cart"),
            expiresAt: try row.optionalDate("expires_at"),
            customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
            messageKey: try row.optionalString("message_key"),
            runID: try row.optionalString("run_id"),
            flowID: try row.optionalString("flow_id"),
            status: try row.string("status"),
            platform: try row.optionalString("platform") ?? "rebound",
            redeemedOrder: try row.optionalString("redeemed_order")
        )
    }

    /// The newest code issued in a flow run: what its later emails print.
    public func discountCode(shopID: Shop.ID, runID: String) async throws -> DiscountCodeRecord? {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.discountColumns) FROM discount_codes WHERE shop_id = \(bind: shopID.rawValue)
                    AND run_id = \(bind: runID) ORDER BY created_at DESC, code LIMIT 1
                """
            ).first().map(Store.discountCode(from:))
        }
    }

    public func discountCodes(shopID: Shop.ID, customerID: Customer.ID? = nil, limit: Int) async throws -> [DiscountCodeRecord] {
        try await read { db in
            var query = SQLQueryString("SELECT \(unsafeRaw: Store.discountColumns) FROM discount_codes WHERE shop_id = \(bind: shopID.rawValue)")
            if let customerID { query += " AND customer_id = \(bind: customerID.rawValue)" }
            query += " ORDER BY created_at DESC, code LIMIT \(bind: limit)"
            return try await db.raw(query).all().map(Store.discountCode(from:))
        }
    }

    /// Adds imported codes to the shop's pool; returns how many were new.
    public func addDiscountPool(shopID: Shop.ID, codes: [String], now: Date) async throws -> Int {
        try await write { db in
            var added = 0
            for code in codes {
                let rows = try await db.raw(
                    """
                    INSERT INTO discount_pool (shop_id, code, added_at) VALUES (\(bind: shopID.rawValue), \(bind: code), \(bind: now.epochMilliseconds))
                    ON CONFLICT (shop_id, code) DO NOTHING RETURNING code
                    """
                ).all()
                added += rows.count
            }
            return added
        }
    }

    /// Tasks for agents, newest first.
    public func tasks(shopID: Shop.ID, status: String?, limit: Int) async throws -> [AgentTask] {
        try await read { db in
            var query = SQLQueryString(
                "SELECT id, kind, title, detail, customer_id, cart_id, queue, priority, status, created_at FROM tasks WHERE shop_id = \(bind: shopID.rawValue)"
            )
            if let status { query += " AND status = \(bind: status)" }
            query += " ORDER BY created_at DESC, id LIMIT \(bind: limit)"
            return try await db.raw(query).all().map(Store.task(from:))
        }
    }

    static func task(from row: any SQLRow) throws -> AgentTask {
        AgentTask(
            id: try row.string("id"),
            kind: try row.string("kind"),
            title: try row.string("title"),
            detail: try row.optionalString("detail"),
            customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
            cartID: try row.optionalString("cart_id").map { Cart.ID($0) },
            queue: try row.optionalString("queue"),
            priority: try row.optionalString("priority"),
            status: try row.string("status"),
            createdAt: try row.date("created_at")
        )
    }
}

/// Work for an agent: a VIP cart to call about, a callback request.
public struct AgentTask: Sendable, Hashable {
    public var id: String
    public var kind: String
    public var title: String
    public var detail: String?
    public var customerID: Customer.ID?
    public var cartID: Cart.ID?
    public var queue: String?
    public var priority: String?
    public var status: String
    public var createdAt: Date

    public init(
        id: String,
        kind: String,
        title: String,
        detail: String?,
        customerID: Customer.ID?,
        cartID: Cart.ID?,
        queue: String?,
        priority: String?,
        status: String = "open",
        createdAt: Date
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.detail = detail
        self.customerID = customerID
        self.cartID = cartID
        self.queue = queue
        self.priority = priority
        self.status = status
        self.createdAt = createdAt
    }
}

/// Effects a flow step completes inside the flow worker's transaction, so they happen exactly once with the step.
extension FlowTransaction {
    /// Stores an issued code; `false` when the code is taken (the caller tries the next candidate).
    public func insertDiscountCode(_ record: DiscountCodeRecord, shopID: Shop.ID, now: Date) async throws -> Bool {
        !(try await db.raw(
            """
            INSERT INTO discount_codes (shop_id, code, kind, value, minimum_cart, expires_at, customer_id, message_key, run_id, flow_id,
                status, platform, created_at)
            VALUES (\(bind: shopID.rawValue), \(bind: record.code), \(bind: record.kind), \(bind: record.value), \(bind: record.minimumCart),
                \(bind: record.expiresAt.ms), \(bind: record.customerID?.rawValue), \(bind: record.messageKey), \(bind: record.runID),
                \(bind: record.flowID), \(bind: record.status), \(bind: record.platform), \(bind: now.epochMilliseconds))
            ON CONFLICT (shop_id, code) DO NOTHING RETURNING code
            """
        ).all()).isEmpty
    }

    /// Takes one unused code from the shop's imported pool for `holder`, if the pool has any.
    public func takePooledCode(shopID: Shop.ID, holder: String) async throws -> String? {
        let lock = kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        guard
            let code = try await db.raw(
                """
                SELECT code FROM discount_pool WHERE shop_id = \(bind: shopID.rawValue) AND used_by IS NULL ORDER BY added_at, code LIMIT 1\(unsafeRaw: lock)
                """
            ).first()?.string("code")
        else { return nil }
        try await db.raw(
            "UPDATE discount_pool SET used_by = \(bind: holder) WHERE shop_id = \(bind: shopID.rawValue) AND code = \(bind: code)"
        ).run()
        return code
    }

    /// Whether the customer already holds or redeemed a Rebound code from this flow (for once-per-customer rules).
    public func hasDiscount(shopID: Shop.ID, customerID: Customer.ID, flowID: String) async throws -> Bool {
        try await db.raw(
            """
            SELECT 1 AS hit FROM discount_codes WHERE shop_id = \(bind: shopID.rawValue) AND customer_id = \(bind: customerID.rawValue)
                AND flow_id = \(bind: flowID) LIMIT 1
            """
        ).first() != nil
    }

    /// Marks the codes an order used as redeemed; returns the codes that were Rebound's.
    @discardableResult
    public func redeemCodes(shopID: Shop.ID, codes: [String], orderID: String, at: Date) async throws -> [String] {
        var redeemed: [String] = []
        for code in codes {
            let rows = try await db.raw(
                """
                UPDATE discount_codes SET status = 'redeemed', redeemed_order = \(bind: orderID), redeemed_at = \(bind: at.epochMilliseconds)
                WHERE shop_id = \(bind: shopID.rawValue) AND UPPER(code) = \(bind: code.uppercased()) AND status = 'issued' RETURNING code
                """
            ).all()
            redeemed += try rows.map { try $0.string("code") }
        }
        return redeemed
    }

    /// Adds tags to a customer (no duplicates).
    public func addTags(shopID: Shop.ID, customerID: Customer.ID, tags: [String], now: Date) async throws {
        guard let customer = try await customer(shopID: shopID, id: customerID) else { return }
        var merged = customer.tags
        for tag in tags where !merged.contains(tag) { merged.append(tag) }
        guard merged != customer.tags else { return }
        try await db.raw(
            """
            UPDATE customers SET tags = \(bind: JSONColumn.encode(merged)), updated_at = \(bind: now.epochMilliseconds)
            WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: customerID.rawValue)
            """
        ).run()
    }

    /// Creates an agent task once per key.
    public func insertTask(_ task: AgentTask, key: String, shopID: Shop.ID) async throws {
        try await db.raw(
            """
            INSERT INTO tasks (shop_id, id, key, kind, title, detail, customer_id, cart_id, queue, priority, status, created_at)
            VALUES (\(bind: shopID.rawValue), \(bind: task.id), \(bind: key), \(bind: task.kind), \(bind: task.title), \(bind: task.detail),
                \(bind: task.customerID?.rawValue), \(bind: task.cartID?.rawValue), \(bind: task.queue), \(bind: task.priority),
                \(bind: task.status), \(bind: task.createdAt.epochMilliseconds))
            ON CONFLICT (shop_id, key) DO NOTHING
            """
        ).run()
    }

    /// The shop's signing key for links and discount seeds, made and stored on first use.
    public func linkKey(shopID: Shop.ID, now: Date) async throws -> String {
        // Locked on PostgreSQL: two senders making the first key at once would otherwise each sign links with their own
        // key, and the links of the one whose key was overwritten would never verify.
        let lock = kind == .postgres ? " FOR UPDATE" : ""
        if let row = try await db.raw(
            "SELECT document FROM channel_settings WHERE shop_id = \(bind: shopID.rawValue)\(unsafeRaw: lock)"
        ).first() {
            var settings = try JSONColumn.decode(ChannelSettings.self, from: try row.string("document"))
            if let key = settings.linkKey { return key }
            settings.linkKey = RandomToken.make(byteCount: 32)
            try await db.raw(
                """
                UPDATE channel_settings SET document = \(bind: JSONColumn.encode(settings)), updated_at = \(bind: now.epochMilliseconds)
                WHERE shop_id = \(bind: shopID.rawValue)
                """
            ).run()
            return settings.linkKey!
        }
        let settings = ChannelSettings(linkKey: RandomToken.make(byteCount: 32))
        try await db.raw(
            """
            INSERT INTO channel_settings (shop_id, document, updated_at)
            VALUES (\(bind: shopID.rawValue), \(bind: JSONColumn.encode(settings)), \(bind: now.epochMilliseconds))
            ON CONFLICT (shop_id) DO NOTHING
            """
        ).run()
        return try await linkKey(shopID: shopID, now: now)
    }
}

extension FlowTransaction {
    /// Which of these addresses are on the shop's suppression list, per channel.
    public func suppressed(shopID: Shop.ID, email: String?, phone: String?) async throws -> (emails: Set<String>, phones: Set<String>) {
        var emails = Set<String>()
        var phones = Set<String>()
        for (channel, address) in [("email", email), ("sms", phone)] {
            guard let address else { continue }
            let hit =
                try await db.raw(
                    """
                    SELECT 1 AS hit FROM suppressions WHERE shop_id = \(bind: shopID.rawValue) AND channel = \(bind: channel)
                        AND address = \(bind: address.lowercased())
                    """
                ).first() != nil
            if hit, channel == "email" { emails.insert(address.lowercased()) }
            if hit, channel == "sms" { phones.insert(address) }
        }
        return (emails, phones)
    }
}

extension Store {
    /// The shop's link-signing key, made on first use (a read afterwards: every click and open asks for it).
    public func linkKey(shopID: Shop.ID, now: Date) async throws -> String {
        if let key = try await channelSettings(shopID: shopID).linkKey { return key }
        return try await withFlowTransaction { tx in try await tx.linkKey(shopID: shopID, now: now) }
    }
}

extension FlowTransaction {
    /// Appends events a detector derived (spend crossed a threshold, no order for N days); ids make them idempotent.
    @discardableResult
    public func appendDerivedEvents(_ events: [(event: Event, customerID: Customer.ID?)], shopID: Shop.ID, now: Date) async throws -> Int {
        try await Store.appendEvents(events, shopID: shopID, source: "rebound", now: now, in: db).count
    }

    /// Customers whose last order lies between `from` and `to` (a lapse window), with that order's time.
    public func customersLastOrdered(shopID: Shop.ID, from: Date, to: Date, limit: Int) async throws -> [(Customer.ID, Date)] {
        try await db.raw(
            """
            SELECT customer_id, MAX(placed_at) AS last FROM orders WHERE shop_id = \(bind: shopID.rawValue) AND customer_id IS NOT NULL
                AND cancelled_at IS NULL
            GROUP BY customer_id HAVING MAX(placed_at) > \(bind: from.epochMilliseconds) AND MAX(placed_at) <= \(bind: to.epochMilliseconds)
            ORDER BY last LIMIT \(bind: limit)
            """
        ).all().map { (Customer.ID(try $0.string("customer_id")), try $0.date("last")) }
    }
}

extension FlowTransaction {
    /// Claims a periodic job across processes: true, and stamped, when `name` last ran at least `every` ago.
    public func claimPeriodic(_ name: String, every: TimeInterval, now: Date) async throws -> Bool {
        try await db.raw("INSERT INTO log_cursors (name, seq) VALUES (\(bind: name), 0) ON CONFLICT (name) DO NOTHING").run()
        let due = now.addingTimeInterval(-every).epochMilliseconds
        return
            !(try await db.raw(
                """
                UPDATE log_cursors SET seq = \(bind: now.epochMilliseconds) WHERE name = \(bind: name) AND seq <= \(bind: due) RETURNING name
                """
            ).all()).isEmpty
    }

    /// Enabled flows of every shop with this trigger type.
    public func enabledFlows(triggerType: String) async throws -> [StoredFlow] {
        try await db.raw(
            "SELECT \(unsafeRaw: Store.flowColumns) FROM flows WHERE enabled = 1 AND trigger_type = \(bind: triggerType) ORDER BY shop_id, id"
        ).all().map(Store.storedFlow(from:))
    }
}

extension FlowTransaction {
    /// The code already issued for a step's key, so a repeated step hands out the same code.
    public func discountCode(shopID: Shop.ID, messageKey: String) async throws -> DiscountCodeRecord? {
        try await db.raw(
            """
            SELECT \(unsafeRaw: Store.discountColumns) FROM discount_codes WHERE shop_id = \(bind: shopID.rawValue)
                AND message_key = \(bind: messageKey)
            """
        ).first().map(Store.discountCode(from:))
    }
}

extension FlowTransaction {
    public func channelSettings(shopID: Shop.ID) async throws -> ChannelSettings {
        guard let row = try await db.raw("SELECT document FROM channel_settings WHERE shop_id = \(bind: shopID.rawValue)").first() else {
            return ChannelSettings()
        }
        return try JSONColumn.decode(ChannelSettings.self, from: try row.string("document"))
    }
}

extension Store {
    /// The code issued for a step, by the step's key.
    public func discountCode(shopID: Shop.ID, messageKey: String) async throws -> DiscountCodeRecord? {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.discountColumns) FROM discount_codes WHERE shop_id = \(bind: shopID.rawValue)
                    AND message_key = \(bind: messageKey)
                """
            ).first().map(Store.discountCode(from:))
        }
    }

    /// Records that the platform now knows the code.
    public func markDiscountPushed(shopID: Shop.ID, code: String, platformID: String) async throws {
        try await write { db in
            try await db.raw(
                """
                UPDATE discount_codes SET platform_id = \(bind: platformID), status = CASE WHEN status = 'pending' THEN 'issued' ELSE status END
                WHERE shop_id = \(bind: shopID.rawValue) AND code = \(bind: code)
                """
            ).run()
        }
    }
}

extension Store {
    /// Creates an agent task once per key (e.g. a callback request from the chat).
    public func createTask(_ task: AgentTask, key: String, shopID: Shop.ID) async throws {
        try await withFlowTransaction { tx in try await tx.insertTask(task, key: key, shopID: shopID) }
    }
}
