public import Foundation
public import ReboundCore
import SQLKit

/// A stored API key: the secret itself is never stored, only its hash.
public struct APIKeyRecord: Sendable, Hashable {
    public var id: String
    public var shopID: Shop.ID
    public var prefix: String
    public var hash: String
    public var label: String?
    public var createdAt: Date
    public var revokedAt: Date?

    public init(id: String, shopID: Shop.ID, prefix: String, hash: String, label: String?, createdAt: Date, revokedAt: Date?) {
        self.id = id
        self.shopID = shopID
        self.prefix = prefix
        self.hash = hash
        self.label = label
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

public enum Platform: String, Sendable, Hashable, CaseIterable {
    case shopify
    case woocommerce
}

extension Store {
    static let shopColumns = "id, name, currency, time_zone, settings, public_key, created_at"

    static func shop(from row: any SQLRow) throws -> Shop {
        guard let currency = Currency(rawValue: try row.string("currency")) else {
            throw StoreError(.invalid, "stored shop has a bad currency")
        }
        return Shop(
            id: Shop.ID(try row.string("id")),
            name: try row.string("name"),
            currency: currency,
            timeZone: try row.string("time_zone"),
            settings: try JSONColumn.decode(ShopSettings.self, from: try row.string("settings")),
            publicKey: try row.string("public_key"),
            createdAt: try row.date("created_at")
        )
    }

    /// Creates a shop with its public key and optional platform webhook secrets.
    public func createShop(_ shop: Shop, shopifySecret: String?, woocommerceSecret: String?) async throws {
        let s = shop.settings
        try await write { db in
            try await db.raw(
                """
                INSERT INTO shops (id, name, currency, time_zone, settings, public_key, shopify_secret, woocommerce_secret,
                    cart_abandon_ms, checkout_abandon_ms, browse_abandon_ms, expire_ms, created_at)
                VALUES (\(bind: shop.id.rawValue), \(bind: shop.name), \(bind: shop.currency.rawValue), \(bind: shop.timeZone),
                    \(bind: JSONColumn.encode(s)), \(bind: shop.publicKey), \(bind: shopifySecret), \(bind: woocommerceSecret),
                    \(bind: Int64(s.cartAbandonAfterSeconds) * 1000), \(bind: Int64(s.checkoutAbandonAfterSeconds) * 1000),
                    \(bind: Int64(s.browseAbandonAfterSeconds) * 1000), \(bind: Int64(s.cartExpireAfterSeconds) * 1000),
                    \(bind: shop.createdAt.epochMilliseconds))
                """
            ).run()
        }
    }

    public func shops() async throws -> [Shop] {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Store.shopColumns) FROM shops ORDER BY created_at, id").all().map(Store.shop(from:))
        }
    }

    public func shop(id: Shop.ID) async throws -> Shop? {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Store.shopColumns) FROM shops WHERE id = \(bind: id.rawValue)").first().map(Store.shop(from:))
        }
    }

    public func shop(publicKey: String) async throws -> Shop? {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Store.shopColumns) FROM shops WHERE public_key = \(bind: publicKey)").first()
                .map(Store.shop(from:))
        }
    }

    /// The platform's webhook secret for the shop; `nil` when the shop has none configured.
    public func webhookSecret(shopID: Shop.ID, platform: Platform) async throws -> String? {
        try await read { db in
            let column = platform == .shopify ? "shopify_secret" : "woocommerce_secret"
            return try await db.raw("SELECT \(unsafeRaw: column) AS secret FROM shops WHERE id = \(bind: shopID.rawValue)").first()
                .flatMap { try $0.optionalString("secret") }
        }
    }

    public func setWebhookSecret(shopID: Shop.ID, platform: Platform, secret: String?) async throws {
        try await write { db in
            let column = platform == .shopify ? "shopify_secret" : "woocommerce_secret"
            try await db.raw("UPDATE shops SET \(unsafeRaw: column) = \(bind: secret) WHERE id = \(bind: shopID.rawValue)").run()
        }
    }

    /// Saves settings and moves the due time of every open cart and browse session to the new thresholds.
    public func updateSettings(shopID: Shop.ID, _ settings: ShopSettings) async throws {
        let cartMs = Int64(settings.cartAbandonAfterSeconds) * 1000
        let checkoutMs = Int64(settings.checkoutAbandonAfterSeconds) * 1000
        let browseMs = Int64(settings.browseAbandonAfterSeconds) * 1000
        let expireMs = Int64(settings.cartExpireAfterSeconds) * 1000
        try await write { db in
            try await db.raw(
                """
                UPDATE shops SET settings = \(bind: JSONColumn.encode(settings)), cart_abandon_ms = \(bind: cartMs),
                    checkout_abandon_ms = \(bind: checkoutMs), browse_abandon_ms = \(bind: browseMs), expire_ms = \(bind: expireMs)
                WHERE id = \(bind: shopID.rawValue)
                """
            ).run()
            try await db.raw(
                """
                UPDATE carts SET due_at = last_activity_at + CASE WHEN kind = 'checkout' THEN \(bind: checkoutMs) ELSE \(bind: cartMs) END
                WHERE shop_id = \(bind: shopID.rawValue) AND state = 'active' AND item_count > 0
                """
            ).run()
            try await db.raw(
                """
                UPDATE carts SET due_at = last_activity_at + \(bind: expireMs)
                WHERE shop_id = \(bind: shopID.rawValue) AND state = 'abandoned'
                """
            ).run()
            try await db.raw(
                """
                UPDATE browse_sessions SET due_at = last_view_at + \(bind: browseMs)
                WHERE shop_id = \(bind: shopID.rawValue) AND state = 'open'
                """
            ).run()
        }
    }

    /// Marks the shop uninstalled on a platform (Shopify `app/uninstalled`); its data stays.
    public func markUninstalled(shopID: Shop.ID) async throws {
        try await write { db in
            try await db.raw("UPDATE shops SET installed = 0 WHERE id = \(bind: shopID.rawValue)").run()
        }
    }

    // MARK: API keys

    public func createAPIKey(_ record: APIKeyRecord) async throws {
        try await write { db in
            try await db.raw(
                """
                INSERT INTO api_keys (id, shop_id, prefix, hash, label, created_at)
                VALUES (\(bind: record.id), \(bind: record.shopID.rawValue), \(bind: record.prefix), \(bind: record.hash),
                    \(bind: record.label), \(bind: record.createdAt.epochMilliseconds))
                """
            ).run()
        }
    }

    public func apiKey(prefix: String) async throws -> APIKeyRecord? {
        try await read { db in
            try await db.raw(
                "SELECT id, shop_id, prefix, hash, label, created_at, revoked_at FROM api_keys WHERE prefix = \(bind: prefix)"
            ).first().map(Store.apiKey(from:))
        }
    }

    public func apiKeys(shopID: Shop.ID) async throws -> [APIKeyRecord] {
        try await read { db in
            try await db.raw(
                """
                SELECT id, shop_id, prefix, hash, label, created_at, revoked_at FROM api_keys
                WHERE shop_id = \(bind: shopID.rawValue) ORDER BY created_at
                """
            ).all().map(Store.apiKey(from:))
        }
    }

    static func apiKey(from row: any SQLRow) throws -> APIKeyRecord {
        APIKeyRecord(
            id: try row.string("id"),
            shopID: Shop.ID(try row.string("shop_id")),
            prefix: try row.string("prefix"),
            hash: try row.string("hash"),
            label: try row.optionalString("label"),
            createdAt: try row.date("created_at"),
            revokedAt: try row.optionalDate("revoked_at")
        )
    }

    /// Revokes a key by id or prefix; returns whether a live key was revoked.
    @discardableResult
    public func revokeAPIKey(idOrPrefix: String, now: Date) async throws -> Bool {
        try await write { db in
            let rows = try await db.raw(
                """
                UPDATE api_keys SET revoked_at = \(bind: now.epochMilliseconds)
                WHERE (id = \(bind: idOrPrefix) OR prefix = \(bind: idOrPrefix)) AND revoked_at IS NULL RETURNING id
                """
            ).all()
            return !rows.isEmpty
        }
    }
}
