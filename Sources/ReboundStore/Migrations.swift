public import Foundation
public import Logging
import SQLKit

/// Versioned schema migrations, applied in order at start and by `rebound migrate`.
///
/// Times are stored as UTC epoch milliseconds (`BIGINT`), money as minor units (`BIGINT`) with a currency
/// column; booleans as 0/1. That keeps every query but a few identical on both engines.
public enum Migrations {
    public struct Migration: Sendable {
        public var version: Int
        public var name: String
        public var statements: [String]
    }

    static func ddl(_ sql: String, _ kind: EngineKind) -> String {
        // A statement starting with `{{SQLITE}}` or `{{POSTGRES}}` runs on that engine only (triggers differ);
        // `{{SERIAL_PK}}` and `{{WITHOUT_ROWID}}` become each engine's spelling.
        if sql.hasPrefix("{{SQLITE}}") { return kind == .sqlite ? String(sql.dropFirst(10)) : "" }
        if sql.hasPrefix("{{POSTGRES}}") { return kind == .postgres ? String(sql.dropFirst(12)) : "" }
        switch kind {
        case .sqlite:
            return sql.replacingOccurrences(of: "{{SERIAL_PK}}", with: "INTEGER PRIMARY KEY AUTOINCREMENT")
                .replacingOccurrences(of: "{{WITHOUT_ROWID}}", with: "WITHOUT ROWID")
        case .postgres:
            return sql.replacingOccurrences(of: "{{SERIAL_PK}}", with: "BIGSERIAL PRIMARY KEY")
                .replacingOccurrences(of: "{{WITHOUT_ROWID}}", with: "")
        }
    }

    public static let all: [Migration] = [
        Migration(
            version: 1,
            name: "foundation",
            statements: [
                """
                CREATE TABLE shops (
                    id TEXT PRIMARY KEY, name TEXT NOT NULL, currency TEXT NOT NULL, time_zone TEXT NOT NULL,
                    settings TEXT NOT NULL, public_key TEXT NOT NULL UNIQUE,
                    shopify_secret TEXT, woocommerce_secret TEXT, installed INTEGER NOT NULL DEFAULT 1,
                    cart_abandon_ms BIGINT NOT NULL, checkout_abandon_ms BIGINT NOT NULL,
                    browse_abandon_ms BIGINT NOT NULL, expire_ms BIGINT NOT NULL, created_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE api_keys (
                    id TEXT PRIMARY KEY, shop_id TEXT NOT NULL REFERENCES shops(id), prefix TEXT NOT NULL UNIQUE,
                    hash TEXT NOT NULL, label TEXT, created_at BIGINT NOT NULL, revoked_at BIGINT, last_used_at BIGINT)
                """,
                "CREATE INDEX api_keys_shop ON api_keys (shop_id)",
                """
                CREATE TABLE products (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, title TEXT NOT NULL, category TEXT, url TEXT, image_url TEXT,
                    status TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))
                """,
                """
                CREATE TABLE variants (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, product_id TEXT NOT NULL, title TEXT NOT NULL, sku TEXT,
                    price BIGINT NOT NULL, currency TEXT NOT NULL, stock BIGINT, PRIMARY KEY (shop_id, id))
                """,
                "CREATE INDEX variants_product ON variants (shop_id, product_id)",
                """
                CREATE TABLE customers (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, external_id TEXT, email TEXT, phone TEXT, first_name TEXT,
                    last_name TEXT, locale TEXT, time_zone TEXT, country TEXT, tags TEXT NOT NULL DEFAULT '[]',
                    email_consent INTEGER, email_consent_source TEXT, email_consent_at BIGINT,
                    sms_consent INTEGER, sms_consent_source TEXT, sms_consent_at BIGINT,
                    created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))
                """,
                "CREATE UNIQUE INDEX customers_email ON customers (shop_id, email)",
                "CREATE UNIQUE INDEX customers_external ON customers (shop_id, external_id)",
                "CREATE INDEX customers_phone ON customers (shop_id, phone)",
                """
                CREATE TABLE visitors (
                    shop_id TEXT NOT NULL, anonymous_id TEXT NOT NULL, customer_id TEXT, device TEXT,
                    first_seen_at BIGINT NOT NULL, last_seen_at BIGINT NOT NULL, PRIMARY KEY (shop_id, anonymous_id))
                """,
                "CREATE INDEX visitors_customer ON visitors (shop_id, customer_id)",
                """
                CREATE TABLE carts (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, token TEXT NOT NULL, checkout_token TEXT, kind TEXT NOT NULL,
                    state TEXT NOT NULL, customer_id TEXT, anonymous_id TEXT, lines TEXT NOT NULL, value BIGINT NOT NULL,
                    item_count BIGINT NOT NULL, currency TEXT NOT NULL, restore_url TEXT, device TEXT,
                    has_contact INTEGER NOT NULL, episode BIGINT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                    last_activity_at BIGINT NOT NULL, abandoned_at BIGINT, converted_at BIGINT, recovered_at BIGINT,
                    expired_at BIGINT, order_id TEXT, due_at BIGINT, PRIMARY KEY (shop_id, id))
                """,
                "CREATE UNIQUE INDEX carts_token ON carts (shop_id, token)",
                "CREATE INDEX carts_checkout_token ON carts (shop_id, checkout_token)",
                "CREATE INDEX carts_due ON carts (due_at)",
                "CREATE INDEX carts_state ON carts (shop_id, state, updated_at)",
                "CREATE INDEX carts_customer ON carts (shop_id, customer_id)",
                "CREATE INDEX carts_anonymous ON carts (shop_id, anonymous_id)",
                """
                CREATE TABLE browse_sessions (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, customer_id TEXT, anonymous_id TEXT, state TEXT NOT NULL,
                    started_at BIGINT NOT NULL, last_view_at BIGINT NOT NULL, product_ids TEXT NOT NULL, due_at BIGINT,
                    PRIMARY KEY (shop_id, id))
                """,
                "CREATE INDEX browse_due ON browse_sessions (due_at)",
                "CREATE INDEX browse_anonymous ON browse_sessions (shop_id, anonymous_id, state)",
                "CREATE INDEX browse_customer ON browse_sessions (shop_id, customer_id, state)",
                """
                CREATE TABLE orders (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, external_id TEXT NOT NULL, number TEXT, customer_id TEXT,
                    email TEXT, lines TEXT NOT NULL, subtotal BIGINT NOT NULL, total BIGINT NOT NULL, currency TEXT NOT NULL,
                    discount_codes TEXT NOT NULL, source TEXT NOT NULL, cart_token TEXT, checkout_token TEXT, cart_id TEXT,
                    financial_status TEXT, fulfillment_status TEXT, fulfilled_at BIGINT, cancelled_at BIGINT,
                    refunded_total BIGINT NOT NULL DEFAULT 0, placed_at BIGINT NOT NULL, created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))
                """,
                "CREATE UNIQUE INDEX orders_external ON orders (shop_id, source, external_id)",
                "CREATE INDEX orders_customer ON orders (shop_id, customer_id, placed_at)",
                "CREATE INDEX orders_placed ON orders (shop_id, placed_at)",
                """
                CREATE TABLE events (
                    seq {{SERIAL_PK}}, shop_id TEXT NOT NULL, id TEXT NOT NULL, type TEXT NOT NULL, anonymous_id TEXT,
                    customer_id TEXT, occurred_at BIGINT NOT NULL, received_at BIGINT NOT NULL, source TEXT NOT NULL,
                    properties TEXT NOT NULL)
                """,
                "CREATE UNIQUE INDEX events_id ON events (shop_id, id)",
                "CREATE INDEX events_customer ON events (shop_id, customer_id, occurred_at)",
                "CREATE INDEX events_anonymous ON events (shop_id, anonymous_id, occurred_at)",
                "CREATE INDEX events_type ON events (shop_id, type, occurred_at)",
                """
                CREATE TABLE webhook_deliveries (
                    shop_id TEXT NOT NULL, platform TEXT NOT NULL, delivery_id TEXT NOT NULL, topic TEXT NOT NULL,
                    received_at BIGINT NOT NULL, PRIMARY KEY (shop_id, platform, delivery_id))
                """,
            ]
        ),
        Migration(
            version: 2,
            name: "flows",
            statements: [
                """
                CREATE TABLE flows (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, version BIGINT NOT NULL, name TEXT NOT NULL, trigger_type TEXT NOT NULL,
                    enabled INTEGER NOT NULL, document TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id, version))
                """,
                "CREATE INDEX flows_enabled ON flows (shop_id, enabled)",
                """
                CREATE TABLE flow_runs (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, flow_id TEXT NOT NULL, flow_version BIGINT NOT NULL,
                    trigger_event_id TEXT NOT NULL, cart_id TEXT, customer_id TEXT, status TEXT NOT NULL, state TEXT NOT NULL,
                    wake_at BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))
                """,
                "CREATE UNIQUE INDEX flow_runs_trigger ON flow_runs (shop_id, flow_id, trigger_event_id)",
                "CREATE INDEX flow_runs_wake ON flow_runs (wake_at)",
                "CREATE INDEX flow_runs_cart ON flow_runs (shop_id, cart_id, status)",
                "CREATE INDEX flow_runs_customer ON flow_runs (shop_id, customer_id, status)",
                """
                CREATE TABLE messages (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, key TEXT NOT NULL, run_id TEXT, flow_id TEXT, flow_version BIGINT,
                    step TEXT, variant TEXT, channel TEXT NOT NULL, template TEXT, status TEXT NOT NULL, customer_id TEXT,
                    recipient TEXT, cart_id TEXT, detail TEXT, scheduled_at BIGINT NOT NULL, sent_at BIGINT,
                    created_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))
                """,
                "CREATE UNIQUE INDEX messages_key ON messages (shop_id, key)",
                "CREATE INDEX messages_customer ON messages (shop_id, customer_id, created_at)",
                "CREATE INDEX messages_flow ON messages (shop_id, flow_id, created_at)",
                "CREATE TABLE log_cursors (name TEXT PRIMARY KEY, seq BIGINT NOT NULL)",
            ]
        ),
        Migration(
            version: 3,
            name: "flow dead letters",
            statements: [
                "ALTER TABLE flow_runs ADD COLUMN last_error TEXT",
                "CREATE INDEX flow_runs_status ON flow_runs (shop_id, status, updated_at)",
            ]
        ),
        Migration(
            version: 4,
            name: "engagement and attribution",
            statements: [
                "ALTER TABLE messages ADD COLUMN opened_at BIGINT",
                "ALTER TABLE messages ADD COLUMN clicked_at BIGINT",
                "ALTER TABLE orders ADD COLUMN attributed_message TEXT",
                "ALTER TABLE orders ADD COLUMN attributed_flow TEXT",
                "ALTER TABLE orders ADD COLUMN attributed_step TEXT",
                "ALTER TABLE orders ADD COLUMN attributed_channel TEXT",
                "ALTER TABLE orders ADD COLUMN attributed_variant TEXT",
                "ALTER TABLE orders ADD COLUMN attribution_basis TEXT",
                "CREATE INDEX orders_attributed ON orders (shop_id, attributed_flow, placed_at)",
            ]
        ),
        Migration(
            version: 5,
            name: "delivery, conversations, discount codes",
            statements: [
                // The outbox: `next_attempt_at` is set while a message waits for the dispatcher; `claimed_until` is the
                // lease of the process sending it, so a crashed sender's messages are taken up again.
                "ALTER TABLE messages ADD COLUMN attempts BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE messages ADD COLUMN next_attempt_at BIGINT",
                "ALTER TABLE messages ADD COLUMN claimed_until BIGINT",
                "ALTER TABLE messages ADD COLUMN provider_id TEXT",
                "ALTER TABLE messages ADD COLUMN delivered_at BIGINT",
                "ALTER TABLE messages ADD COLUMN bounced_at BIGINT",
                "ALTER TABLE messages ADD COLUMN error TEXT",
                "ALTER TABLE messages ADD COLUMN subject TEXT",
                "CREATE INDEX messages_due ON messages (next_attempt_at)",
                "CREATE INDEX messages_provider ON messages (shop_id, provider_id)",
                "ALTER TABLE flow_runs ADD COLUMN variant TEXT",
                "CREATE INDEX flow_runs_flow ON flow_runs (shop_id, flow_id, created_at)",
                "CREATE TABLE channel_settings (shop_id TEXT PRIMARY KEY, document TEXT NOT NULL, updated_at BIGINT NOT NULL)",
                """
                CREATE TABLE email_templates (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, locale TEXT NOT NULL, document TEXT NOT NULL, updated_at BIGINT NOT NULL,
                    PRIMARY KEY (shop_id, id, locale))
                """,
                """
                CREATE TABLE suppressions (
                    shop_id TEXT NOT NULL, channel TEXT NOT NULL, address TEXT NOT NULL, reason TEXT NOT NULL, created_at BIGINT NOT NULL,
                    PRIMARY KEY (shop_id, channel, address))
                """,
                """
                CREATE TABLE discount_codes (
                    shop_id TEXT NOT NULL, code TEXT NOT NULL, kind TEXT NOT NULL, value BIGINT, minimum_cart BIGINT, expires_at BIGINT,
                    customer_id TEXT, message_key TEXT, run_id TEXT, flow_id TEXT, status TEXT NOT NULL, platform TEXT, platform_id TEXT,
                    redeemed_order TEXT, redeemed_at BIGINT, created_at BIGINT NOT NULL, PRIMARY KEY (shop_id, code))
                """,
                "CREATE UNIQUE INDEX discount_codes_message ON discount_codes (shop_id, message_key)",
                "CREATE INDEX discount_codes_customer ON discount_codes (shop_id, customer_id)",
                """
                CREATE TABLE discount_pool (
                    shop_id TEXT NOT NULL, code TEXT NOT NULL, used_by TEXT, added_at BIGINT NOT NULL, PRIMARY KEY (shop_id, code))
                """,
                """
                CREATE TABLE conversations (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, customer_id TEXT, visitor_id TEXT, channel TEXT NOT NULL, status TEXT NOT NULL,
                    subject TEXT, cart_id TEXT, intent TEXT, assignee TEXT, team TEXT, priority BIGINT NOT NULL DEFAULT 0,
                    last_seq BIGINT NOT NULL DEFAULT 0, external_thread TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                    first_response_at BIGINT, resolved_at BIGINT, PRIMARY KEY (shop_id, id))
                """,
                "CREATE INDEX conversations_status ON conversations (shop_id, status, updated_at)",
                "CREATE INDEX conversations_customer ON conversations (shop_id, customer_id)",
                "CREATE INDEX conversations_thread ON conversations (shop_id, channel, external_thread)",
                """
                CREATE TABLE conversation_messages (
                    shop_id TEXT NOT NULL, conversation_id TEXT NOT NULL, seq BIGINT NOT NULL, id TEXT NOT NULL, author TEXT NOT NULL,
                    author_name TEXT, body TEXT NOT NULL, channel TEXT NOT NULL, external_id TEXT, client_id TEXT,
                    created_at BIGINT NOT NULL, PRIMARY KEY (shop_id, conversation_id, seq))
                """,
                "CREATE UNIQUE INDEX conversation_messages_external ON conversation_messages (shop_id, external_id)",
                """
                CREATE TABLE tasks (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, key TEXT NOT NULL, kind TEXT NOT NULL, title TEXT NOT NULL, detail TEXT,
                    customer_id TEXT, cart_id TEXT, queue TEXT, priority TEXT, status TEXT NOT NULL, created_at BIGINT NOT NULL,
                    PRIMARY KEY (shop_id, id))
                """,
                "CREATE UNIQUE INDEX tasks_key ON tasks (shop_id, key)",
            ]
        ),
        Migration(
            version: 6,
            name: "short links",
            statements: [
                // SMS links are `/s/{message id}`: looked up by id alone (ids are random and unique).
                "CREATE INDEX messages_id ON messages (id)"
            ]
        ),
        Migration(
            version: 7,
            name: "admin",
            statements: [
                // Agents sign in by email alone (the login form names no shop), so an email is unique on the server.
                """
                CREATE TABLE agents (
                    shop_id TEXT NOT NULL REFERENCES shops(id), id TEXT NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL,
                    role TEXT NOT NULL, password_hash TEXT NOT NULL, created_at BIGINT NOT NULL, last_login_at BIGINT,
                    disabled_at BIGINT, PRIMARY KEY (shop_id, id))
                """,
                "CREATE UNIQUE INDEX agents_email ON agents (email)",
                // Only the SHA-256 of a session token is stored: a leaked table does not sign anyone in.
                """
                CREATE TABLE admin_sessions (
                    token_hash TEXT PRIMARY KEY, shop_id TEXT NOT NULL, agent_id TEXT NOT NULL, csrf_token TEXT NOT NULL,
                    user_agent TEXT, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
                """,
                "CREATE INDEX admin_sessions_agent ON admin_sessions (shop_id, agent_id)",
                "CREATE TABLE admin_login_failures (key TEXT NOT NULL, at BIGINT NOT NULL)",
                "CREATE INDEX admin_login_failures_key ON admin_login_failures (key, at)",
                """
                CREATE TABLE segments (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '',
                    rule TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))
                """,
                // The fact tables segment rules compile to (ReboundAnalytics.CustomerFactsTable): times in Unix seconds.
                """
                CREATE TABLE customer_facts (shop_id TEXT NOT NULL, customer_id TEXT NOT NULL, spend_minor BIGINT NOT NULL,
                    order_count INTEGER NOT NULL, last_order_at BIGINT, rfm_recency INTEGER, rfm_frequency INTEGER, rfm_monetary INTEGER,
                    rfm_cell TEXT, email_consent BOOLEAN NOT NULL, sms_consent BOOLEAN NOT NULL, country TEXT, last_opened_at BIGINT,
                    last_clicked_at BIGINT, PRIMARY KEY (shop_id, customer_id))
                """,
                "CREATE INDEX customer_facts_spend ON customer_facts (shop_id, spend_minor)",
                """
                CREATE TABLE customer_fact_tags (shop_id TEXT NOT NULL, customer_id TEXT NOT NULL, tag TEXT NOT NULL,
                    PRIMARY KEY (shop_id, customer_id, tag))
                """,
                """
                CREATE TABLE customer_fact_products (shop_id TEXT NOT NULL, customer_id TEXT NOT NULL, product_id TEXT NOT NULL,
                    PRIMARY KEY (shop_id, customer_id, product_id))
                """,
                "CREATE TABLE customer_facts_state (shop_id TEXT PRIMARY KEY, refreshed_at BIGINT NOT NULL, customers BIGINT NOT NULL)",
                // The latest count of each segment per UTC day, for the change and trend beside the live count.
                """
                CREATE TABLE segment_counts (shop_id TEXT NOT NULL, segment_id TEXT NOT NULL, day BIGINT NOT NULL, count BIGINT NOT NULL,
                    PRIMARY KEY (shop_id, segment_id, day))
                """,
                // Dashboard range scans.
                "CREATE INDEX carts_created ON carts (shop_id, created_at)",
                "CREATE INDEX conversations_created ON conversations (shop_id, created_at)",
                "CREATE INDEX messages_scheduled ON messages (shop_id, scheduled_at)",
            ]
        ),
        Migration(
            version: 8,
            name: "knowledge",
            statements: [
                // One row per article and locale: translations share the id, so help pages can switch language.
                """
                CREATE TABLE knowledge_articles (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, locale TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, url TEXT,
                    section TEXT, tags TEXT NOT NULL, intents TEXT NOT NULL, position BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                    PRIMARY KEY (shop_id, id, locale))
                """,
                // The shop's facts (shipping zones, returns, trust, incentive rules, synonyms, LLM) as one JSON document;
                // `version` moves on every change of articles, facts or examples, so each process rebuilds its cached
                // index and intent model when, and only when, something changed. `form_secret` signs the portal's forms
                // and order links, the same in every process.
                """
                CREATE TABLE knowledge_state (
                    shop_id TEXT PRIMARY KEY, version BIGINT NOT NULL, facts TEXT NOT NULL, form_secret TEXT NOT NULL,
                    updated_at BIGINT NOT NULL)
                """,
                """
                CREATE TABLE intent_examples (
                    shop_id TEXT NOT NULL, seq BIGINT NOT NULL, language TEXT NOT NULL, intent TEXT NOT NULL, text TEXT NOT NULL,
                    PRIMARY KEY (shop_id, seq))
                """,
                "CREATE INDEX conversations_resolved ON conversations (shop_id, resolved_at)",
            ]
        ),
        Migration(
            version: 9,
            name: "inbox",
            statements: [
                "CREATE TABLE teams (shop_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))",
                """
                CREATE TABLE team_members (shop_id TEXT NOT NULL, team_id TEXT NOT NULL, agent_id TEXT NOT NULL,
                    PRIMARY KEY (shop_id, team_id, agent_id))
                """,
                // Presence is what the agent set; `last_assigned_at` breaks ties between equally busy agents.
                "ALTER TABLE agents ADD COLUMN capacity BIGINT NOT NULL DEFAULT 5",
                "ALTER TABLE agents ADD COLUMN presence TEXT NOT NULL DEFAULT 'offline'",
                "ALTER TABLE agents ADD COLUMN last_seen_at BIGINT",
                "ALTER TABLE agents ADD COLUMN last_assigned_at BIGINT",
                // The existing `assignee` and `team` columns hold the agent's and the team's id.
                "ALTER TABLE conversations ADD COLUMN tags TEXT NOT NULL DEFAULT '[]'",
                "ALTER TABLE conversations ADD COLUMN snoozed_until BIGINT",
                "ALTER TABLE conversations ADD COLUMN next_response_due_at BIGINT",
                "ALTER TABLE conversations ADD COLUMN language TEXT",
                "CREATE INDEX conversations_assignee ON conversations (shop_id, assignee, status)",
                "CREATE INDEX conversations_team ON conversations (shop_id, team, status)",
                """
                CREATE TABLE macros (shop_id TEXT NOT NULL, id TEXT NOT NULL, name TEXT NOT NULL, body TEXT NOT NULL,
                    updated_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))
                """,
                // One rule per row; `conditions` is the rule as JSON, evaluated in `position` order (first match wins).
                """
                CREATE TABLE routing_rules (shop_id TEXT NOT NULL, id TEXT NOT NULL, position BIGINT NOT NULL, rule TEXT NOT NULL,
                    updated_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))
                """,
            ]
        ),
        Migration(
            version: 10,
            name: "recommendations",
            statements: [
                // Thresholds and placement settings per shop; a shop without a row uses the defaults.
                """
                CREATE TABLE recs_settings (
                    shop_id TEXT PRIMARY KEY, min_support DOUBLE PRECISION NOT NULL, min_confidence DOUBLE PRECISION NOT NULL,
                    document TEXT NOT NULL, updated_at BIGINT NOT NULL)
                """,
                // The additive model: baskets per product and per pair (`product_a < product_b`). An order is counted
                // once: `orders.recs_counted_at` is set in the transaction that adds it to the counts.
                """
                CREATE TABLE recs_state (
                    shop_id TEXT PRIMARY KEY, baskets BIGINT NOT NULL, built_at BIGINT, refreshed_at BIGINT NOT NULL)
                """,
                "ALTER TABLE orders ADD COLUMN recs_counted_at BIGINT",
                "CREATE INDEX orders_recs_pending ON orders (shop_id, recs_counted_at, created_at)",
                "CREATE TABLE recs_item_counts (shop_id TEXT NOT NULL, product_id TEXT NOT NULL, baskets BIGINT NOT NULL, PRIMARY KEY (shop_id, product_id))",
                """
                CREATE TABLE recs_pair_counts (
                    shop_id TEXT NOT NULL, product_a TEXT NOT NULL, product_b TEXT NOT NULL, baskets BIGINT NOT NULL,
                    PRIMARY KEY (shop_id, product_a, product_b))
                """,
                "CREATE INDEX recs_pair_counts_baskets ON recs_pair_counts (shop_id, baskets)",
                // The rules above the shop's thresholds, both directions, rebuilt from the counts after each refresh.
                """
                CREATE TABLE recs_rules (
                    shop_id TEXT NOT NULL, antecedent TEXT NOT NULL, consequent TEXT NOT NULL, support DOUBLE PRECISION NOT NULL,
                    confidence DOUBLE PRECISION NOT NULL, lift DOUBLE PRECISION NOT NULL, pair_count BIGINT NOT NULL,
                    antecedent_count BIGINT NOT NULL, consequent_count BIGINT NOT NULL, baskets BIGINT NOT NULL,
                    PRIMARY KEY (shop_id, antecedent, consequent))
                """,
                // Add-ons the shop sets: a product or a category → add-on products.
                """
                CREATE TABLE recs_addon_rules (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, trigger_kind TEXT NOT NULL, trigger_value TEXT NOT NULL, addons TEXT NOT NULL,
                    label TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))
                """,
                // One row per accepted one-click offer: the key makes a second click add nothing.
                """
                CREATE TABLE recs_offer_accepts (
                    shop_id TEXT NOT NULL, order_id TEXT NOT NULL, product_id TEXT NOT NULL, variant_id TEXT, status TEXT NOT NULL,
                    result TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (shop_id, order_id, product_id))
                """,
            ]
        ),
        Migration(version: 11, name: "dashboard rollups", statements: DashboardRollupSchema.statements),
        Migration(
            version: 12,
            name: "surveys and attachments",
            statements: [
                // One CSAT survey per conversation and one NPS survey per order at most (`subject_id`); the answer is
                // also an event (`csat_submitted`, `nps_submitted`), which the dashboard and reports read.
                """
                CREATE TABLE surveys (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, kind TEXT NOT NULL, subject_id TEXT NOT NULL, customer_id TEXT,
                    channel TEXT NOT NULL, recipient TEXT, created_at BIGINT NOT NULL, answered_at BIGINT, score BIGINT, comment TEXT,
                    PRIMARY KEY (shop_id, id))
                """,
                "CREATE UNIQUE INDEX surveys_subject ON surveys (shop_id, kind, subject_id)",
                "CREATE INDEX surveys_customer ON surveys (shop_id, kind, customer_id, created_at)",
                "CREATE INDEX orders_fulfilled ON orders (shop_id, fulfilled_at)",
                // Chat images, base64 in the row so every process serves them (no shared disk needed). `message_id` is
                // set when the shopper sends the message that carries the upload.
                """
                CREATE TABLE attachments (
                    shop_id TEXT NOT NULL, id TEXT NOT NULL, conversation_id TEXT, message_id TEXT, uploader TEXT NOT NULL,
                    content_type TEXT NOT NULL, size BIGINT NOT NULL, width BIGINT, height BIGINT, sha256 TEXT NOT NULL,
                    data TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (shop_id, id))
                """,
                "CREATE INDEX attachments_message ON attachments (shop_id, message_id)",
                "CREATE INDEX attachments_uploader ON attachments (shop_id, uploader, created_at)",
            ]
        ),
        Migration(
            version: 13,
            name: "visit risk model",
            statements: [
                // The shop's trained purchase-probability model for visits (JSON: weights, scalings, held-out AUC).
                "CREATE TABLE risk_models (shop_id TEXT PRIMARY KEY, document TEXT NOT NULL, trained_at BIGINT NOT NULL)"
            ]
        ),
        Migration(
            version: 14,
            name: "chat lookups",
            statements: [
                // A chat hello without a conversation id, and a visitor's first message, find the visitor's conversation.
                "CREATE INDEX conversations_visitor ON conversations (shop_id, visitor_id)"
            ]
        ),
        Migration(
            version: 15,
            name: "team business hours",
            statements: [
                // A team's own opening hours (JSON, see `BusinessHours`); NULL keeps the shop's.
                "ALTER TABLE teams ADD COLUMN business_hours TEXT"
            ]
        ),
        Migration(version: 16, name: "dashboard rollups per local day", statements: DashboardRollupSchema.zoneStatements),
        Migration(
            version: 17,
            name: "messages by send time",
            statements: [
                // A day's sends (the dashboard's flow steps and recipients) without scanning every message: B8 found
                // 14 s per day on SQLite at 1.45 M messages.
                "CREATE INDEX messages_sent ON messages (shop_id, sent_at)"
            ]
        ),
        Migration(version: 18, name: "dashboard wait histograms per row", statements: DashboardRollupSchema.histogramStatements),
    ]

    /// Applies every migration not yet applied; returns the versions it applied.
    @discardableResult
    public static func apply(on engine: any DatabaseEngine, now: Date, logger: Logger) async throws -> [Int] {
        let kind = engine.kind
        return try await engine.transaction { db in
            if kind == .postgres {
                // Two processes starting at once: the second waits here, then sees the versions applied.
                try await db.raw("SELECT pg_advisory_xact_lock(7279001)").run()
            }
            try await db.raw(
                "CREATE TABLE IF NOT EXISTS rebound_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)"
            ).run()
            let rows = try await db.raw("SELECT version FROM rebound_migrations").all()
            let applied = Set(try rows.map { try $0.decode(column: "version", as: Int64.self) })
            var done: [Int] = []
            for migration in all where !applied.contains(Int64(migration.version)) {
                for statement in migration.statements {
                    let sql = ddl(statement, kind)
                    if sql.isEmpty { continue }
                    try await db.raw(SQLQueryString(sql)).run()
                }
                try await db.raw(
                    """
                    INSERT INTO rebound_migrations (version, name, applied_at)
                    VALUES (\(bind: Int64(migration.version)), \(bind: migration.name), \(bind: now.epochMilliseconds))
                    """
                ).run()
                logger.info(
                    "applied migration",
                    metadata: ["rebound.migration.version": "\(migration.version)", "rebound.migration.name": "\(migration.name)"]
                )
                done.append(migration.version)
            }
            return done
        }
    }

    public static var latestVersion: Int { all.map(\.version).max() ?? 0 }
}

extension Date {
    /// UTC epoch milliseconds, the storage representation of time.
    public var epochMilliseconds: Int64 { Int64((timeIntervalSince1970 * 1000).rounded()) }

    public init(epochMilliseconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(epochMilliseconds) / 1000)
    }
}
