public import Foundation
public import ReboundCore
import SQLKit

extension Store {
    static let runColumns = "shop_id, id, flow_id, flow_version, trigger_event_id, cart_id, customer_id, status, state, wake_at, variant"

    static func storedRun(from row: any SQLRow) throws -> StoredFlowRun {
        var run = StoredFlowRun(
            shopID: Shop.ID(try row.string("shop_id")),
            id: try row.string("id"),
            flowID: try row.string("flow_id"),
            flowVersion: Int(try row.int("flow_version")),
            triggerEventID: try row.string("trigger_event_id"),
            cartID: try row.optionalString("cart_id").map { Cart.ID($0) },
            customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
            status: try row.string("status"),
            state: try row.string("state"),
            wakeAt: try row.optionalDate("wake_at")
        )
        run.variant = try row.optionalString("variant")
        return run
    }

    /// Inserts a new run, unless one already exists for the same flow and trigger event; returns whether it was new.
    static func insertRun(_ run: StoredFlowRun, now: Date, in db: any SQLDatabase) async throws -> Bool {
        !(try await db.raw(
            """
            INSERT INTO flow_runs (shop_id, id, flow_id, flow_version, trigger_event_id, cart_id, customer_id, status, state, wake_at,
                created_at, updated_at, variant)
            VALUES (\(bind: run.shopID.rawValue), \(bind: run.id), \(bind: run.flowID), \(bind: Int64(run.flowVersion)),
                \(bind: run.triggerEventID), \(bind: run.cartID?.rawValue), \(bind: run.customerID?.rawValue), \(bind: run.status),
                \(bind: run.state), \(bind: run.wakeAt.ms), \(bind: now.epochMilliseconds), \(bind: now.epochMilliseconds),
                \(bind: run.variant))
            ON CONFLICT (shop_id, flow_id, trigger_event_id) DO NOTHING RETURNING id
            """
        ).all()).isEmpty
    }

    static func updateRun(_ run: StoredFlowRun, now: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE flow_runs SET status = \(bind: run.status), state = \(bind: run.state), wake_at = \(bind: run.wakeAt.ms),
                updated_at = \(bind: now.epochMilliseconds)
            WHERE shop_id = \(bind: run.shopID.rawValue) AND id = \(bind: run.id)
            """
        ).run()
    }

    /// Logs a message or effect once per key; returns whether it was new.
    static func logMessage(_ message: MessageRecord, shopID: Shop.ID, now: Date, in db: any SQLDatabase) async throws -> Bool {
        !(try await db.raw(
            """
            INSERT INTO messages (shop_id, id, key, run_id, flow_id, flow_version, step, variant, channel, template, status, customer_id,
                recipient, cart_id, detail, scheduled_at, sent_at, created_at, next_attempt_at)
            VALUES (\(bind: shopID.rawValue), \(bind: message.id), \(bind: message.key), \(bind: message.runID), \(bind: message.flowID),
                \(bind: message.flowVersion.map(Int64.init)), \(bind: message.step), \(bind: message.variant), \(bind: message.channel),
                \(bind: message.template), \(bind: message.status), \(bind: message.customerID?.rawValue), \(bind: message.recipient),
                \(bind: message.cartID?.rawValue), \(bind: message.detail), \(bind: message.scheduledAt.epochMilliseconds),
                \(bind: message.sentAt.ms), \(bind: now.epochMilliseconds), \(bind: message.dispatchAt.ms))
            ON CONFLICT (shop_id, key) DO NOTHING RETURNING id
            """
        ).all()).isEmpty
    }

    /// Work for the flow worker, all inside one transaction: `body` gets the connection and a way to read what it needs.
    public func withFlowTransaction<T: Sendable>(_ body: @Sendable (FlowTransaction) async throws -> T) async throws -> T {
        let kind = self.kind
        return try await write { db in try await body(FlowTransaction(db: db, kind: kind)) }
    }

    public struct MessageFilter: Sendable {
        public var customerEmail: String?
        public var flowID: String?
        public var status: String?
        public var customerID: Customer.ID?
        public init(customerEmail: String? = nil, flowID: String? = nil, status: String? = nil, customerID: Customer.ID? = nil) {
            self.customerEmail = customerEmail
            self.flowID = flowID
            self.status = status
            self.customerID = customerID
        }
    }

    static let messageColumns = """
        m.id, m.key, m.run_id, m.flow_id, m.flow_version, m.step, m.variant, m.channel, m.template, m.status, m.customer_id, m.recipient,
        m.cart_id, m.detail, m.scheduled_at, m.sent_at, m.created_at, m.attempts, m.provider_id, m.subject, m.error, m.delivered_at,
        m.opened_at, m.clicked_at, m.bounced_at
        """

    static func message(from row: any SQLRow) throws -> MessageRecord {
        var record = MessageRecord(
            id: try row.string("id"),
            key: try row.string("key"),
            runID: try row.optionalString("run_id"),
            flowID: try row.optionalString("flow_id"),
            flowVersion: try row.optionalInt("flow_version").map { Int($0) },
            step: try row.optionalString("step"),
            variant: try row.optionalString("variant"),
            channel: try row.string("channel"),
            template: try row.optionalString("template"),
            status: try row.string("status"),
            customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
            recipient: try row.optionalString("recipient"),
            cartID: try row.optionalString("cart_id").map { Cart.ID($0) },
            detail: try row.optionalString("detail"),
            scheduledAt: try row.date("scheduled_at"),
            sentAt: try row.optionalDate("sent_at")
        )
        record.attempts = Int(try row.optionalInt("attempts") ?? 0)
        record.providerID = try row.optionalString("provider_id")
        record.subject = try row.optionalString("subject")
        record.error = try row.optionalString("error")
        record.deliveredAt = try row.optionalDate("delivered_at")
        record.openedAt = try row.optionalDate("opened_at")
        record.clickedAt = try row.optionalDate("clicked_at")
        record.bouncedAt = try row.optionalDate("bounced_at")
        return record
    }

    /// The message log, newest first.
    public func messages(shopID: Shop.ID, filter: MessageFilter, cursor: Cursor?, limit: Int) async throws -> Page<MessageRecord> {
        try await read { db in
            var query = SQLQueryString("SELECT \(unsafeRaw: Store.messageColumns) FROM messages m")
            if filter.customerEmail != nil { query += " JOIN customers c ON c.shop_id = m.shop_id AND c.id = m.customer_id" }
            query += " WHERE m.shop_id = \(bind: shopID.rawValue)"
            if let email = filter.customerEmail { query += " AND c.email = \(bind: email.lowercased())" }
            if let flowID = filter.flowID { query += " AND m.flow_id = \(bind: flowID)" }
            if let status = filter.status { query += " AND m.status = \(bind: status)" }
            if let customerID = filter.customerID { query += " AND m.customer_id = \(bind: customerID.rawValue)" }
            if let cursor {
                query += " AND (m.scheduled_at < \(bind: cursor.time) OR (m.scheduled_at = \(bind: cursor.time) AND m.id < \(bind: cursor.id)))"
            }
            query += " ORDER BY m.scheduled_at DESC, m.id DESC LIMIT \(bind: limit + 1)"
            let rows = try await db.raw(query).all().map(Store.message(from:))
            return Page.make(rows, limit: limit) { Cursor(time: $0.scheduledAt.epochMilliseconds, id: $0.id) }
        }
    }

    /// Runs of a shop, oldest first, with the reason of each dead one.
    public func flowRuns(shopID: Shop.ID, flowID: String? = nil, status: String? = nil, limit: Int = 1000) async throws -> [StoredFlowRun] {
        try await read { db in
            var query = SQLQueryString("SELECT \(unsafeRaw: Store.runColumns), last_error FROM flow_runs WHERE shop_id = \(bind: shopID.rawValue)")
            if let flowID { query += " AND flow_id = \(bind: flowID)" }
            if let status { query += " AND status = \(bind: status)" }
            query += " ORDER BY created_at, id LIMIT \(bind: limit)"
            return try await db.raw(query).all().map { row in
                var run = try Store.storedRun(from: row)
                run.lastError = try row.optionalString("last_error")
                return run
            }
        }
    }
}

/// What the flow worker may do inside its transaction.
public struct FlowTransaction: Sendable {
    let db: any SQLDatabase
    let kind: EngineKind

    /// Claims the next stretch of the log after `cursor`: at most `window` sequence numbers, only events received
    /// before `settledBefore` (PostgreSQL commits out of sequence order, so the newest moments wait). Returns the
    /// events that can start or end flows, and the position to move the cursor to once they are handled. On
    /// PostgreSQL the cursor row is locked, so one process follows the log at a time.
    public func followLog(cursor name: String, window: Int64, settledBefore: Date) async throws -> (
        events: [(shopID: Shop.ID, stored: StoredEvent)], from: Int64, upTo: Int64
    ) {
        try await db.raw("INSERT INTO log_cursors (name, seq) VALUES (\(bind: name), 0) ON CONFLICT (name) DO NOTHING").run()
        let lock = kind == .postgres ? " FOR UPDATE" : ""
        let position = try await db.raw("SELECT seq FROM log_cursors WHERE name = \(bind: name)\(unsafeRaw: lock)").first()?.int("seq") ?? 0
        // Everything in the window is handled (handling is idempotent); the cursor only passes what has settled.
        let bounds = try await db.raw(
            """
            SELECT MAX(seq) AS m, MAX(CASE WHEN received_at <= \(bind: settledBefore.epochMilliseconds) THEN seq END) AS settled
            FROM events WHERE seq > \(bind: position) AND seq <= \(bind: position + window)
            """
        ).first()
        guard let end = try bounds?.optionalInt("m") else { return ([], position, position) }
        let settled = try bounds?.optionalInt("settled") ?? position
        // Stop the cursor before the first unsettled event, so nothing behind it can be skipped.
        let firstUnsettled = try await db.raw(
            """
            SELECT MIN(seq) AS m FROM events WHERE seq > \(bind: position) AND seq <= \(bind: end)
            AND received_at > \(bind: settledBefore.epochMilliseconds)
            """
        ).first()?.optionalInt("m")
        let upTo = firstUnsettled.map { min(settled, $0 - 1) } ?? end
        let rows = try await db.raw(
            """
            SELECT shop_id, \(unsafeRaw: Store.eventColumns) FROM events WHERE seq > \(bind: position) AND seq <= \(bind: end)
            AND type NOT IN ('viewed_product', 'added_to_cart', 'removed_from_cart', 'viewed_cart', 'cart_updated', 'page_viewed',
                'identified', 'started_checkout')
            ORDER BY seq
            """
        ).all()
        let events: [(shopID: Shop.ID, stored: StoredEvent)] = try rows.map { (Shop.ID(try $0.string("shop_id")), try Store.storedEvent(from: $0)) }
        return (events, position, max(position, upTo))
    }

    /// Moves the cursor on.
    public func advance(cursor name: String, to seq: Int64) async throws {
        try await db.raw("UPDATE log_cursors SET seq = \(bind: seq) WHERE name = \(bind: name) AND seq < \(bind: seq)").run()
    }

    /// Runs whose timer is due, claimed (`SKIP LOCKED` on PostgreSQL).
    public func dueRuns(now: Date, limit: Int) async throws -> [StoredFlowRun] {
        let lock = kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await db.raw(
            """
            SELECT \(unsafeRaw: Store.runColumns) FROM flow_runs WHERE wake_at <= \(bind: now.epochMilliseconds) AND status = 'waiting'
            ORDER BY wake_at LIMIT \(bind: limit)\(unsafeRaw: lock)
            """
        ).all().map(Store.storedRun(from:))
    }

    public func waitingRuns(shopID: Shop.ID, cartID: Cart.ID?, customerID: Customer.ID?) async throws -> [StoredFlowRun] {
        var query = SQLQueryString(
            "SELECT \(unsafeRaw: Store.runColumns) FROM flow_runs WHERE shop_id = \(bind: shopID.rawValue) AND status = 'waiting' AND (1 = 0"
        )
        if let cartID { query += " OR cart_id = \(bind: cartID.rawValue)" }
        if let customerID { query += " OR customer_id = \(bind: customerID.rawValue)" }
        query += ")"
        return try await db.raw(query).all().map(Store.storedRun(from:))
    }

    public func enabledFlows(shopID: Shop.ID) async throws -> [StoredFlow] {
        try await db.raw(
            "SELECT \(unsafeRaw: Store.flowColumns) FROM flows WHERE shop_id = \(bind: shopID.rawValue) AND enabled = 1 ORDER BY id"
        ).all().map(Store.storedFlow(from:))
    }

    public func flow(shopID: Shop.ID, id: String, version: Int) async throws -> StoredFlow? {
        try await db.raw(
            "SELECT \(unsafeRaw: Store.flowColumns) FROM flows WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id) AND version = \(bind: Int64(version))"
        ).first().map(Store.storedFlow(from:))
    }

    public func cart(shopID: Shop.ID, id: Cart.ID) async throws -> Cart? {
        try await db.raw(
            "SELECT \(unsafeRaw: Store.cartColumns) FROM carts WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id.rawValue)"
        ).first().map(Store.cart(from:))
    }

    public func customer(shopID: Shop.ID, id: Customer.ID) async throws -> Customer? {
        try await db.raw(
            "SELECT \(unsafeRaw: Store.customerColumns) FROM customers WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id.rawValue)"
        ).first().map(Store.customer(from:))
    }

    /// Lifetime spend and order count of a customer, minor units.
    public func spend(shopID: Shop.ID, customerID: Customer.ID) async throws -> (total: Int64, orders: Int) {
        let row = try await db.raw(
            """
            SELECT CAST(COALESCE(SUM(total - refunded_total), 0) AS BIGINT) AS spend, COUNT(*) AS n FROM orders
            WHERE shop_id = \(bind: shopID.rawValue) AND customer_id = \(bind: customerID.rawValue) AND cancelled_at IS NULL
            """
        ).first()
        return (try row?.int("spend") ?? 0, Int(try row?.int("n") ?? 0))
    }

    public func insertRun(_ run: StoredFlowRun, now: Date) async throws -> Bool { try await Store.insertRun(run, now: now, in: db) }

    /// Runs `body` inside a savepoint: when it throws, only its own changes are undone and the error is returned, so
    /// one broken run cannot hold up the others in the same transaction.
    public func isolated<T: Sendable>(_ body: () async throws -> T) async throws -> Result<T, any Error> {
        try await db.raw("SAVEPOINT rebound_item").run()
        do {
            let result = try await body()
            try await db.raw("RELEASE SAVEPOINT rebound_item").run()
            return .success(result)
        } catch {
            try await db.raw("ROLLBACK TO SAVEPOINT rebound_item").run()
            try await db.raw("RELEASE SAVEPOINT rebound_item").run()
            return .failure(error)
        }
    }

    /// Moves a run to the dead-letter list with its reason; it is not retried.
    public func markDead(shopID: Shop.ID, runID: String, reason: String, now: Date) async throws {
        try await db.raw(
            """
            UPDATE flow_runs SET status = 'dead', wake_at = NULL, last_error = \(bind: String(reason.prefix(1000))),
                updated_at = \(bind: now.epochMilliseconds)
            WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: runID)
            """
        ).run()
    }
    public func updateRun(_ run: StoredFlowRun, now: Date) async throws { try await Store.updateRun(run, now: now, in: db) }
    public func logMessage(_ message: MessageRecord, shopID: Shop.ID, now: Date) async throws -> Bool {
        try await Store.logMessage(message, shopID: shopID, now: now, in: db)
    }
}
