public import Foundation
public import ReboundCore
import SQLKit

/// What applying a webhook did.
public enum PlatformApplyResult: Sendable, Hashable {
    case applied
    /// The delivery id was seen before: a redelivery, and a no-op.
    case duplicate
    case ignored
}

extension Store {
    /// Applies one platform webhook and records its delivery id in the same transaction, so a redelivery is a no-op
    /// and a failure leaves no half-applied state.
    public func applyPlatformUpdate(
        _ update: PlatformUpdate,
        platform: Platform,
        topic: String,
        deliveryID: String?,
        shop: Shop,
        now: Date
    ) async throws -> PlatformApplyResult {
        let policy = AbandonmentPolicy(shop.settings)
        return try await write { db in
            if let deliveryID {
                let fresh = try await db.raw(
                    """
                    INSERT INTO webhook_deliveries (shop_id, platform, delivery_id, topic, received_at)
                    VALUES (\(bind: shop.id.rawValue), \(bind: platform.rawValue), \(bind: deliveryID), \(bind: topic), \(bind: now.epochMilliseconds))
                    ON CONFLICT (shop_id, platform, delivery_id) DO NOTHING RETURNING delivery_id
                    """
                ).all()
                if fresh.isEmpty { return .duplicate }
            }
            let source = platform.rawValue
            switch update {
            case .ignored:
                return .ignored
            case .checkout(let snapshot):
                try await Store.applyCheckout(snapshot, source: source, shop: shop, policy: policy, now: now, in: db)
            case .order(var snapshot):
                snapshot.order.source = source
                _ = try await Store.applyOrder(snapshot, shop: shop, policy: policy, now: now, appendEvent: true, in: db)
            case .orderFulfilled(let externalID, let at):
                let rows = try await db.raw(
                    """
                    UPDATE orders SET fulfillment_status = 'fulfilled', fulfilled_at = \(bind: at.epochMilliseconds), updated_at = \(bind: now.epochMilliseconds)
                    WHERE shop_id = \(bind: shop.id.rawValue) AND source = \(bind: source) AND external_id = \(bind: externalID)
                    RETURNING customer_id
                    """
                ).all()
                let customerID = try rows.first?.optionalString("customer_id").map { Customer.ID($0) }
                _ = try await Store.appendEvents(
                    [
                        (
                            Event(
                                id: Event.ID("\(source):fulfilled:\(externalID)"),
                                type: EventType.orderFulfilled,
                                occurredAt: at,
                                properties: ["order_id": .string(externalID)]
                            ), customerID
                        )
                    ],
                    shopID: shop.id,
                    source: source,
                    now: now,
                    in: db
                )
            case .refund(let orderID, let amount, let at):
                let rows = try await db.raw(
                    """
                    UPDATE orders SET refunded_total = refunded_total + \(bind: amount), updated_at = \(bind: now.epochMilliseconds)
                    WHERE shop_id = \(bind: shop.id.rawValue) AND source = \(bind: source) AND external_id = \(bind: orderID)
                    RETURNING customer_id
                    """
                ).all()
                let customerID = try rows.first?.optionalString("customer_id").map { Customer.ID($0) }
                _ = try await Store.appendEvents(
                    [
                        (
                            Event(
                                id: Event.ID("\(source):refund:\(orderID):\(deliveryID ?? String(at.epochMilliseconds))"),
                                type: EventType.orderRefunded,
                                occurredAt: at,
                                properties: ["order_id": .string(orderID), "amount": .int(amount)]
                            ), customerID
                        )
                    ],
                    shopID: shop.id,
                    source: source,
                    now: now,
                    in: db
                )
            case .customer(let snapshot):
                let resolved = try await Store.resolveCustomer(snapshot, shopID: shop.id, now: now, in: db)
                if resolved.created {
                    _ = try await Store.appendEvents(
                        [
                            (
                                Event(
                                    id: Event.ID("customer_created:\(resolved.id.rawValue)"),
                                    type: EventType.customerCreated,
                                    occurredAt: now,
                                    properties: ["source": .string(source)]
                                ), resolved.id
                            )
                        ],
                        shopID: shop.id,
                        source: source,
                        now: now,
                        in: db
                    )
                }
            case .product(let product):
                try await Store.saveProduct(product, shopID: shop.id, in: db)
            case .redactCustomer(let identity):
                try await Store.redact(identity, shopID: shop.id, now: now, in: db)
            case .uninstalled:
                try await db.raw("UPDATE shops SET installed = 0 WHERE id = \(bind: shop.id.rawValue)").run()
            }
            return .applied
        }
    }

    /// A platform checkout becomes a cart event in the log and goes through the same cart rules as storefront events.
    static func applyCheckout(
        _ snapshot: CheckoutSnapshot,
        source: String,
        shop: Shop,
        policy: AbandonmentPolicy,
        now: Date,
        in db: any SQLDatabase
    ) async throws {
        var customerID: Customer.ID?
        if let customer = snapshot.customer, !customer.identity.isEmpty {
            customerID = try await resolveCustomer(customer, shopID: shop.id, now: now, in: db).id
        }
        let tokens = [snapshot.token, snapshot.cartToken].compactMap { $0 }
        let existing = try await carts(tokens: tokens, shopID: shop.id, in: db).first
        // A completed checkout is closed by its order; don't reopen it.
        if let existing, existing.state.isClosed, snapshot.completedAt != nil { return }
        var properties: [String: JSONValue] = [
            "cart_token": .string(existing?.token ?? snapshot.cartToken ?? snapshot.token),
            "currency": .string(snapshot.currency.rawValue),
            "lines": .array(
                snapshot.lines.map { line in
                    .object([
                        "product_id": .string(line.productID), "variant_id": line.variantID.map(JSONValue.string) ?? .null,
                        "title": line.title.map(JSONValue.string) ?? .null, "quantity": .int(Int64(line.quantity)), "price": .int(line.price),
                    ])
                }
            ),
        ]
        if snapshot.isCheckout { properties["checkout_token"] = .string(snapshot.token) }
        if let url = snapshot.restoreURL { properties["restore_url"] = .string(url) }
        let event = Event(
            id: Event.ID("\(source):\(snapshot.isCheckout ? "checkout" : "cart"):\(snapshot.token):\(snapshot.updatedAt.epochMilliseconds)"),
            type: snapshot.isCheckout ? EventType.startedCheckout : EventType.cartUpdated,
            customer: snapshot.customer?.identity,
            occurredAt: snapshot.updatedAt,
            properties: properties
        )
        let inserted = try await appendEvents([(event, customerID)], shopID: shop.id, source: source, now: now, in: db)
        guard inserted.contains(event.id.rawValue) else { return }
        let context = CartActivity.Context(shopCurrency: shop.currency, customerID: customerID, newCartID: { Cart.ID.random(prefix: "cart") })
        guard var cart = CartActivity.apply(event, to: existing, context: context) else { return }
        if let customerID { cart.customerID = customerID }
        try await saveCarts([cart], shopID: shop.id, policy: policy, in: db)
    }
}

extension Store {
    /// Erases a customer's personal data (email, phone, names, address facts, consents) and the email on their
    /// orders; the anonymous history stays, joined to nobody who can be named.
    static func redact(_ identity: CustomerIdentity, shopID: Shop.ID, now: Date, in db: any SQLDatabase) async throws {
        let shop = shopID.rawValue
        var query = SQLQueryString("SELECT id FROM customers WHERE shop_id = \(bind: shop) AND (1 = 0")
        if let external = identity.externalID { query += " OR external_id = \(bind: external)" }
        if let email = identity.email { query += " OR email = \(bind: email)" }
        if let phone = identity.phone { query += " OR phone = \(bind: phone)" }
        query += ")"
        for row in try await db.raw(query).all() {
            let id = try row.string("id")
            try await db.raw(
                """
                UPDATE customers SET email = NULL, phone = NULL, external_id = NULL, first_name = NULL, last_name = NULL, locale = NULL,
                    country = NULL, time_zone = NULL, tags = '[]', email_consent = NULL, email_consent_source = NULL, email_consent_at = NULL,
                    sms_consent = NULL, sms_consent_source = NULL, sms_consent_at = NULL, updated_at = \(bind: now.epochMilliseconds)
                WHERE shop_id = \(bind: shop) AND id = \(bind: id)
                """
            ).run()
            try await db.raw("UPDATE orders SET email = NULL WHERE shop_id = \(bind: shop) AND customer_id = \(bind: id)").run()
            try await db.raw("UPDATE messages SET recipient = NULL WHERE shop_id = \(bind: shop) AND customer_id = \(bind: id)").run()
        }
    }
}
