public import Foundation
public import ReboundAPI
public import ReboundCore
public import ReboundStore

/// Shop and key administration shared by the CLI, the demo and tests.
public enum ShopAdmin {
    public struct CreatedShop: Sendable {
        public var shop: Shop
        /// The secret API key, shown once.
        public var apiKey: String
    }

    public static func createShop(
        name: String,
        currency: Currency,
        timeZone: String,
        settings: ShopSettings = ShopSettings(),
        shopifySecret: String? = nil,
        woocommerceSecret: String? = nil,
        store: Store,
        now: Date
    ) async throws -> CreatedShop {
        let shop = Shop(
            id: .random(prefix: "shop"),
            name: name,
            currency: currency,
            timeZone: timeZone,
            settings: settings,
            publicKey: "pk_" + RandomToken.make(byteCount: 18),
            createdAt: now
        )
        try await store.createShop(shop, shopifySecret: shopifySecret, woocommerceSecret: woocommerceSecret)
        let issued = APIKeys.issue(shopID: shop.id, label: "default", now: now)
        try await store.createAPIKey(issued.record)
        return CreatedShop(shop: shop, apiKey: issued.plaintext)
    }

    public static func createKey(shopID: Shop.ID, label: String?, store: Store, now: Date) async throws -> APIKeys.Issued {
        guard try await store.shop(id: shopID) != nil else { throw StoreError.notFound("shop \(shopID)") }
        let issued = APIKeys.issue(shopID: shopID, label: label, now: now)
        try await store.createAPIKey(issued.record)
        return issued
    }

    public static func keyPrefix(of key: String) -> String? { APIKeys.prefix(of: key) }

    /// Adds an agent who signs in to `/admin` with `email` and `password` (stored as a bcrypt hash).
    public static func createAgent(
        shopID: Shop.ID,
        email: String,
        name: String,
        role: Agent.Role,
        password: String,
        cost: UInt8 = AdminConfiguration().bcryptCost,
        store: Store,
        now: Date
    ) async throws -> Agent {
        guard try await store.shop(id: shopID) != nil else { throw StoreError.notFound("shop \(shopID)") }
        let agent = Agent(
            shopID: shopID,
            id: "agt_" + RandomToken.make(byteCount: 12),
            email: email.trimmingCharacters(in: .whitespaces).lowercased(),
            name: name.trimmingCharacters(in: .whitespaces),
            role: role,
            passwordHash: try await AdminAuth.hashPassword(password, cost: cost),
            createdAt: now
        )
        try await store.createAgent(agent)
        return agent
    }
}
