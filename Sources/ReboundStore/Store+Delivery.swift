public import Foundation
public import ReboundCore
import SQLKit

/// A message the dispatcher has claimed: the log row and the shop it belongs to.
public struct DueMessage: Sendable, Hashable {
    public var shopID: Shop.ID
    public var message: MessageRecord
}

/// The outbox side of the message log: channel settings, claiming due messages under a lease, recording what the
/// channel answered, suppressions.
extension Store {
    // MARK: Channel settings

    public func channelSettings(shopID: Shop.ID) async throws -> ChannelSettings {
        try await read { db in
            guard let row = try await db.raw("SELECT document FROM channel_settings WHERE shop_id = \(bind: shopID.rawValue)").first() else {
                return ChannelSettings()
            }
            return try JSONColumn.decode(ChannelSettings.self, from: try row.string("document"))
        }
    }

    public func saveChannelSettings(shopID: Shop.ID, _ settings: ChannelSettings, now: Date) async throws {
        let lock = kind == .postgres ? " FOR UPDATE" : ""
        try await write { db in
            // The link key is made by the first send; a settings change read before it must not drop it.
            var settings = settings
            if settings.linkKey == nil,
                let row = try await db.raw("SELECT document FROM channel_settings WHERE shop_id = \(bind: shopID.rawValue)\(unsafeRaw: lock)")
                    .first()
            {
                settings.linkKey = try JSONColumn.decode(ChannelSettings.self, from: try row.string("document")).linkKey
            }
            let document = JSONColumn.encode(settings)
            try await db.raw(
                """
                INSERT INTO channel_settings (shop_id, document, updated_at)
                VALUES (\(bind: shopID.rawValue), \(bind: document), \(bind: now.epochMilliseconds))
                ON CONFLICT (shop_id) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at
                """
            ).run()
        }
    }

    // MARK: Dispatch

    /// Claims up to `limit` messages that are due, and messages whose sender's lease ran out (a crash), for `lease`.
    /// On PostgreSQL rows another process holds are skipped, so several processes share the outbox.
    public func claimDueMessages(now: Date, lease: TimeInterval, limit: Int) async throws -> [DueMessage] {
        let lock = kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let nowMS = now.epochMilliseconds
        return try await write { db in
            let keys = try await db.raw(
                """
                SELECT shop_id, id FROM messages WHERE next_attempt_at <= \(bind: nowMS)
                    AND (claimed_until IS NULL OR claimed_until <= \(bind: nowMS))
                ORDER BY next_attempt_at LIMIT \(bind: limit)\(unsafeRaw: lock)
                """
            ).all().map { (try $0.string("shop_id"), try $0.string("id")) }
            var claimed: [DueMessage] = []
            let until = now.addingTimeInterval(lease).epochMilliseconds
            for (shop, id) in keys {
                try await db.raw(
                    """
                    UPDATE messages SET claimed_until = \(bind: until), attempts = attempts + 1
                    WHERE shop_id = \(bind: shop) AND id = \(bind: id)
                    """
                ).run()
                let row = try await db.raw(
                    "SELECT \(unsafeRaw: Store.messageColumns) FROM messages m WHERE m.shop_id = \(bind: shop) AND m.id = \(bind: id)"
                ).first()
                if let row { claimed.append(DueMessage(shopID: Shop.ID(shop), message: try Store.message(from: row))) }
            }
            return claimed
        }
    }

    /// What came of one attempt to send a message.
    public enum DispatchOutcome: Sendable, Hashable {
        /// Handed to the channel: SMTP accepted it, the SMS provider queued it, the webhook answered 2xx.
        case sent(providerID: String?, subject: String?, at: Date)
        /// Try again at `at`; the error is kept for the log.
        case retry(at: Date, error: String)
        /// Will not be sent: a permanent refusal or too many attempts. The message's status becomes `failed`.
        case failed(error: String)
        /// Not sent and not retried, with a reason: the channel is not configured, the address is suppressed.
        case parked(status: String, detail: String)
    }

    public func recordDispatch(shopID: Shop.ID, messageID: String, _ outcome: DispatchOutcome, now: Date) async throws {
        let shop = shopID.rawValue
        try await write { db in
            switch outcome {
            case .sent(let providerID, let subject, let at):
                try await db.raw(
                    """
                    UPDATE messages SET status = 'sent', sent_at = \(bind: at.epochMilliseconds), provider_id = \(bind: providerID),
                        subject = \(bind: subject), next_attempt_at = NULL, claimed_until = NULL, error = NULL
                    WHERE shop_id = \(bind: shop) AND id = \(bind: messageID)
                    """
                ).run()
            case .retry(let at, let error):
                try await db.raw(
                    """
                    UPDATE messages SET status = 'retry', next_attempt_at = \(bind: at.epochMilliseconds), claimed_until = NULL,
                        error = \(bind: String(error.prefix(1000)))
                    WHERE shop_id = \(bind: shop) AND id = \(bind: messageID)
                    """
                ).run()
            case .failed(let error):
                try await db.raw(
                    """
                    UPDATE messages SET status = 'failed', next_attempt_at = NULL, claimed_until = NULL, error = \(bind: String(error.prefix(1000)))
                    WHERE shop_id = \(bind: shop) AND id = \(bind: messageID)
                    """
                ).run()
            case .parked(let status, let detail):
                try await db.raw(
                    """
                    UPDATE messages SET status = \(bind: status), next_attempt_at = NULL, claimed_until = NULL, detail = \(bind: detail)
                    WHERE shop_id = \(bind: shop) AND id = \(bind: messageID)
                    """
                ).run()
            }
        }
    }

    /// The message a provider id (an SMS sid, an email `Message-ID`) names.
    public func message(shopID: Shop.ID, providerID: String) async throws -> MessageRecord? {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.messageColumns) FROM messages m WHERE m.shop_id = \(bind: shopID.rawValue)
                    AND m.provider_id = \(bind: providerID)
                """
            ).first().map(Store.message(from:))
        }
    }

    public func message(shopID: Shop.ID, id: String) async throws -> MessageRecord? {
        try await read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Store.messageColumns) FROM messages m WHERE m.shop_id = \(bind: shopID.rawValue) AND m.id = \(bind: id)"
            ).first().map(Store.message(from:))
        }
    }

    /// A later delivery state reported by the channel: `delivered`, `bounced`, `failed` (undelivered SMS).
    /// A state never moves back from opened or clicked to delivered.
    public func recordDelivery(shopID: Shop.ID, messageID: String, status: String, error: String?, at: Date) async throws {
        let ms = at.epochMilliseconds
        try await write { db in
            switch status {
            case "delivered":
                try await db.raw(
                    """
                    UPDATE messages SET delivered_at = COALESCE(delivered_at, \(bind: ms)),
                        status = CASE WHEN status IN ('sent', 'retry') THEN 'delivered' ELSE status END
                    WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: messageID)
                    """
                ).run()
            case "bounced":
                try await db.raw(
                    """
                    UPDATE messages SET bounced_at = COALESCE(bounced_at, \(bind: ms)), status = 'bounced', error = \(bind: error)
                    WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: messageID)
                    """
                ).run()
            default:
                try await db.raw(
                    """
                    UPDATE messages SET status = 'failed', error = \(bind: error ?? status)
                    WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: messageID)
                    """
                ).run()
            }
        }
    }

    /// How many messages wait for the dispatcher, and when the next falls due.
    public func nextDispatch() async throws -> Date? {
        try await read { db in
            try await db.raw("SELECT MIN(next_attempt_at) AS due FROM messages WHERE next_attempt_at IS NOT NULL").first()?.optionalDate("due")
        }
    }

    // MARK: Suppressions

    /// Adds an address to the shop's suppression list for a channel (`email`, `sms`); idempotent.
    public func suppress(shopID: Shop.ID, channel: String, address: String, reason: String, now: Date) async throws {
        try await write { db in
            try await db.raw(
                """
                INSERT INTO suppressions (shop_id, channel, address, reason, created_at)
                VALUES (\(bind: shopID.rawValue), \(bind: channel), \(bind: address.lowercased()), \(bind: reason), \(bind: now.epochMilliseconds))
                ON CONFLICT (shop_id, channel, address) DO NOTHING
                """
            ).run()
        }
    }

    public func unsuppress(shopID: Shop.ID, channel: String, address: String) async throws -> Bool {
        try await write { db in
            !(try await db.raw(
                """
                DELETE FROM suppressions WHERE shop_id = \(bind: shopID.rawValue) AND channel = \(bind: channel)
                    AND address = \(bind: address.lowercased()) RETURNING address
                """
            ).all()).isEmpty
        }
    }

    public func isSuppressed(shopID: Shop.ID, channel: String, address: String) async throws -> Bool {
        try await read { db in
            try await db.raw(
                """
                SELECT 1 AS hit FROM suppressions WHERE shop_id = \(bind: shopID.rawValue) AND channel = \(bind: channel)
                    AND address = \(bind: address.lowercased())
                """
            ).first() != nil
        }
    }

    public struct Suppression: Sendable, Hashable {
        public var channel: String
        public var address: String
        public var reason: String
        public var createdAt: Date
    }

    public func suppressions(shopID: Shop.ID, limit: Int) async throws -> [Suppression] {
        try await read { db in
            try await db.raw(
                """
                SELECT channel, address, reason, created_at FROM suppressions WHERE shop_id = \(bind: shopID.rawValue)
                ORDER BY created_at DESC, address LIMIT \(bind: limit)
                """
            ).all().map {
                Suppression(
                    channel: try $0.string("channel"),
                    address: try $0.string("address"),
                    reason: try $0.string("reason"),
                    createdAt: try $0.date("created_at")
                )
            }
        }
    }

    // MARK: Consent

    /// Records a customer's consent for a channel (`email` or `sms`), e.g. after STOP or an unsubscribe link.
    public func setConsent(shopID: Shop.ID, customerID: Customer.ID, channel: String, granted: Bool, source: String, now: Date) async throws {
        let column = channel == "sms" ? "sms_consent" : "email_consent"
        try await write { db in
            try await db.raw(
                """
                UPDATE customers SET \(unsafeRaw: column) = \(bind: Int64(granted ? 1 : 0)), \(unsafeRaw: column)_source = \(bind: source),
                    \(unsafeRaw: column)_at = \(bind: now.epochMilliseconds), updated_at = \(bind: now.epochMilliseconds)
                WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: customerID.rawValue)
                """
            ).run()
        }
    }

    /// The customer with this phone number (E.164), if any.
    public func customer(shopID: Shop.ID, phone: String) async throws -> Customer? {
        try await read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Store.customerColumns) FROM customers WHERE shop_id = \(bind: shopID.rawValue) AND phone = \(bind: phone)"
            ).first().map(Store.customer(from:))
        }
    }

    public func customer(shopID: Shop.ID, email: String) async throws -> Customer? {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.customerColumns) FROM customers WHERE shop_id = \(bind: shopID.rawValue)
                    AND email = \(bind: email.lowercased())
                """
            ).first().map(Store.customer(from:))
        }
    }
}

extension Store {
    /// Title, link and image of the products with these ids (no variants), for messages.
    public func productSummaries(shopID: Shop.ID, ids: [String]) async throws -> [String: (title: String, url: String?, imageURL: String?)] {
        guard !ids.isEmpty else { return [:] }
        return try await read { db in
            var result: [String: (title: String, url: String?, imageURL: String?)] = [:]
            for id in Set(ids) {
                if let row = try await db.raw(
                    "SELECT title, url, image_url FROM products WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)"
                ).first() {
                    result[id] = (try row.string("title"), try row.optionalString("url"), try row.optionalString("image_url"))
                }
            }
            return result
        }
    }
}

extension Store {
    /// A shop's own message template, stored as JSON (`EmailTemplate`'s fields); the shipped defaults fill the rest.
    public struct StoredTemplate: Sendable, Hashable {
        public var id: String
        public var locale: String
        public var document: String
        public var updatedAt: Date
    }

    public func templates(shopID: Shop.ID) async throws -> [StoredTemplate] {
        try await read { db in
            try await db.raw(
                "SELECT id, locale, document, updated_at FROM email_templates WHERE shop_id = \(bind: shopID.rawValue) ORDER BY id, locale"
            ).all().map {
                StoredTemplate(
                    id: try $0.string("id"),
                    locale: try $0.string("locale"),
                    document: try $0.string("document"),
                    updatedAt: try $0.date("updated_at")
                )
            }
        }
    }

    public func saveTemplate(shopID: Shop.ID, id: String, locale: String, document: String, now: Date) async throws {
        try await write { db in
            try await db.raw(
                """
                INSERT INTO email_templates (shop_id, id, locale, document, updated_at)
                VALUES (\(bind: shopID.rawValue), \(bind: id), \(bind: locale), \(bind: document), \(bind: now.epochMilliseconds))
                ON CONFLICT (shop_id, id, locale) DO UPDATE SET document = excluded.document, updated_at = excluded.updated_at
                """
            ).run()
        }
    }

    public func deleteTemplate(shopID: Shop.ID, id: String, locale: String) async throws -> Bool {
        try await write { db in
            !(try await db.raw(
                """
                DELETE FROM email_templates WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id) AND locale = \(bind: locale) RETURNING id
                """
            ).all()).isEmpty
        }
    }
}

extension Store {
    /// An open (pixel) or click (tracked link) on a message: the first time counts, and the status moves forward
    /// (`sent`/`delivered` → `opened` → `clicked`). Returns the message, or nil when there is none.
    @discardableResult
    public func recordEngagement(shopID: Shop.ID, messageID: String, clicked: Bool, at: Date) async throws -> MessageRecord? {
        let ms = at.epochMilliseconds
        try await write { db in
            if clicked {
                try await db.raw(
                    """
                    UPDATE messages SET clicked_at = COALESCE(clicked_at, \(bind: ms)), opened_at = COALESCE(opened_at, \(bind: ms)),
                        status = CASE WHEN status IN ('sent', 'delivered', 'opened') THEN 'clicked' ELSE status END
                    WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: messageID)
                    """
                ).run()
            } else {
                try await db.raw(
                    """
                    UPDATE messages SET opened_at = COALESCE(opened_at, \(bind: ms)),
                        status = CASE WHEN status IN ('sent', 'delivered') THEN 'opened' ELSE status END
                    WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: messageID)
                    """
                ).run()
            }
        }
        return try await message(shopID: shopID, id: messageID)
    }
}

extension Store {
    /// Appends events Rebound itself observed (a link clicked, an unsubscribe, an inbound message) for a known
    /// customer, so flows and timelines see them; ids make them idempotent.
    @discardableResult
    public func appendSystemEvents(_ events: [(event: Event, customerID: Customer.ID?)], shopID: Shop.ID, now: Date) async throws -> Int {
        try await write { db in try await Store.appendEvents(events, shopID: shopID, source: "rebound", now: now, in: db).count }
    }
}

extension Store {
    /// One flow run of an experiment arm and what followed: did the customer order within `window` of the run's
    /// start, and for how much (minor units). Holdout runs are included: they are the comparison.
    public struct ExperimentExposure: Sendable, Hashable {
        public var flowID: String
        public var variant: String
        public var converted: Bool
        public var revenue: Int64
    }

    public func experimentExposures(shopID: Shop.ID, from: Date, to: Date, window: TimeInterval) async throws -> [ExperimentExposure] {
        let windowMS = Int64(window * 1000)
        return try await read { db in
            try await db.raw(
                """
                SELECT r.flow_id, r.variant,
                    (SELECT CAST(COALESCE(SUM(o.total - o.refunded_total), 0) AS BIGINT) FROM orders o WHERE o.shop_id = r.shop_id
                        AND o.customer_id = r.customer_id AND o.cancelled_at IS NULL AND o.placed_at >= r.created_at
                        AND o.placed_at < r.created_at + \(bind: windowMS)) AS revenue,
                    (SELECT COUNT(*) FROM orders o WHERE o.shop_id = r.shop_id AND o.customer_id = r.customer_id AND o.cancelled_at IS NULL
                        AND o.placed_at >= r.created_at AND o.placed_at < r.created_at + \(bind: windowMS)) AS orders
                FROM flow_runs r WHERE r.shop_id = \(bind: shopID.rawValue) AND r.variant IS NOT NULL
                    AND r.created_at >= \(bind: from.epochMilliseconds) AND r.created_at < \(bind: to.epochMilliseconds)
                ORDER BY r.flow_id, r.variant
                """
            ).all().map {
                ExperimentExposure(
                    flowID: try $0.string("flow_id"),
                    variant: try $0.string("variant"),
                    converted: try $0.int("orders") > 0,
                    revenue: try $0.int("revenue")
                )
            }
        }
    }
}

extension Store {
    /// A message by its id alone, with its shop: for short links, which carry nothing else.
    public func message(id: String) async throws -> DueMessage? {
        try await read { db in
            guard let row = try await db.raw("SELECT m.shop_id, \(unsafeRaw: Store.messageColumns) FROM messages m WHERE m.id = \(bind: id)").first()
            else { return nil }
            return DueMessage(shopID: Shop.ID(try row.string("shop_id")), message: try Store.message(from: row))
        }
    }
}

extension Store {
    /// Orders since `since` whose lines include the product: the figure behind "12 bought this in the last 24 h".
    public func recentOrderCount(shopID: Shop.ID, productID: String, since: Date) async throws -> Int {
        try await read { db in
            let rows = try await db.raw(
                """
                SELECT lines FROM orders WHERE shop_id = \(bind: shopID.rawValue) AND placed_at >= \(bind: since.epochMilliseconds)
                    AND cancelled_at IS NULL ORDER BY placed_at DESC LIMIT 10000
                """
            ).all()
            var count = 0
            for row in rows {
                let lines = (try? JSONValue.parse(try row.string("lines")))?.arrayValue ?? []
                if lines.contains(where: { ($0["product_id"] ?? $0["productID"])?.stringValue == productID }) { count += 1 }
            }
            return count
        }
    }

    /// The in-stock products priced at or just above `gap` (not already in the cart), cheapest first: what closes the
    /// gap to free shipping with the least overshoot.
    public func gapFillers(shopID: Shop.ID, gap: Int64, excluding: Set<String>, limit: Int) async throws
        -> [(id: String, title: String, price: Int64, url: String?, imageURL: String?)]
    {
        try await read { db in
            let rows = try await db.raw(
                """
                SELECT p.id, p.title, p.url, p.image_url, MIN(v.price) AS price FROM products p
                    JOIN variants v ON v.shop_id = p.shop_id AND v.product_id = p.id
                WHERE p.shop_id = \(bind: shopID.rawValue) AND p.status NOT IN ('archived', 'draft') AND (v.stock IS NULL OR v.stock > 0)
                    AND v.price >= \(bind: gap)
                GROUP BY p.id, p.title, p.url, p.image_url ORDER BY price, p.id LIMIT \(bind: limit + excluding.count)
                """
            ).all()
            return try rows.compactMap { row -> (String, String, Int64, String?, String?)? in
                let id = try row.string("id")
                guard !excluding.contains(id) else { return nil }
                return (id, try row.string("title"), try row.int("price"), try row.optionalString("url"), try row.optionalString("image_url"))
            }.prefix(limit).map { $0 }
        }
    }
}
