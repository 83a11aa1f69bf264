public import Foundation
public import ReboundCore
import SQLKit

extension Store {
    /// Stores events and applies what they mean — identity, carts, browsing, orders — in one transaction.
    ///
    /// An event id already stored is a duplicate and changes nothing, so a client may retry a batch freely.
    public func ingest(_ events: [Event], shop: Shop, source: String, now: Date) async throws -> IngestResult {
        guard !events.isEmpty else { return IngestResult() }
        let policy = AbandonmentPolicy(shop.settings)
        return try await write { db in
            try await Store.ingest(events, shop: shop, policy: policy, source: source, now: now, in: db)
        }
    }

    static func ingest(
        _ events: [Event],
        shop: Shop,
        policy: AbandonmentPolicy,
        source: String,
        now: Date,
        in db: any SQLDatabase
    ) async throws -> IngestResult {
        let shopID = shop.id
        // Later duplicates inside one batch are duplicates too.
        var seen = Set<String>()
        var unique: [Event] = []
        var result = IngestResult()
        for event in events {
            if seen.insert(event.id.rawValue).inserted { unique.append(event) } else { result.duplicates.append(event.id) }
        }

        // 1. Who: resolve each named person once.
        // Consent given with an event (`email_consent` / `sms_consent` in its properties) is recorded with its time.
        var snapshots: [CustomerIdentity: CustomerSnapshot] = [:]
        for event in unique {
            guard let identity = event.customer, !identity.isEmpty else { continue }
            var snapshot = snapshots[identity] ?? CustomerSnapshot(identity: identity)
            if let granted = event.properties["email_consent"]?.boolValue {
                snapshot.emailConsent = Consent(granted: granted, source: source, at: event.occurredAt)
            }
            if let granted = event.properties["sms_consent"]?.boolValue {
                snapshot.smsConsent = Consent(granted: granted, source: source, at: event.occurredAt)
            }
            snapshots[identity] = snapshot
        }
        var customerByIdentity: [CustomerIdentity: Customer.ID] = [:]
        for (identity, snapshot) in snapshots {
            customerByIdentity[identity] = try await resolveCustomer(snapshot, shopID: shopID, now: now, in: db).id
        }

        // 2. Visitors: remember devices, and join anonymous ids to the people they turned out to be.
        var visitorCustomer = try await visitorLinks(Array(Set(unique.compactMap(\.anonymousID))), shopID: shopID, in: db)
        var newLinks: [(String, Customer.ID)] = []
        for event in unique {
            guard let anonymousID = event.anonymousID, let identity = event.customer, let customerID = customerByIdentity[identity]
            else { continue }
            if visitorCustomer[anonymousID] ?? nil != customerID {
                newLinks.append((anonymousID, customerID))
                visitorCustomer[anonymousID] = customerID
            }
        }
        try await saveVisitors(unique, links: visitorCustomer, shopID: shopID, in: db)
        for (anonymousID, customerID) in newLinks {
            try await stitch(anonymousID: anonymousID, to: customerID, shopID: shopID, in: db)
        }

        func customerID(for event: Event) -> Customer.ID? {
            if let identity = event.customer, let id = customerByIdentity[identity] { return id }
            if let anonymousID = event.anonymousID, let id = visitorCustomer[anonymousID] ?? nil { return id }
            return nil
        }

        // 3. The log: only events not seen before go on to change state.
        let inserted = try await appendEvents(
            unique.map { ($0, customerID(for: $0)) },
            shopID: shopID,
            source: source,
            now: now,
            in: db
        )
        let fresh = unique.filter { inserted.contains($0.id.rawValue) }.sorted { $0.occurredAt < $1.occurredAt }
        for event in unique {
            if inserted.contains(event.id.rawValue) { result.accepted.append(event.id) } else { result.duplicates.append(event.id) }
        }

        // 4. Carts.
        let cartEvents = fresh.filter { CartActivity.cartToken(of: $0) != nil }
        if !cartEvents.isEmpty {
            let tokens = Array(Set(cartEvents.compactMap(CartActivity.cartToken(of:))))
            var byToken: [String: Cart] = [:]
            for cart in try await carts(tokens: tokens, shopID: shopID, in: db) {
                byToken[cart.token] = cart
                if let checkoutToken = cart.checkoutToken { byToken[checkoutToken] = cart }
            }
            var changed: [String: Cart] = [:]
            for event in cartEvents {
                guard let token = CartActivity.cartToken(of: event) else { continue }
                let context = CartActivity.Context(
                    shopCurrency: shop.currency,
                    customerID: customerID(for: event),
                    newCartID: { Cart.ID.random(prefix: "cart") }
                )
                guard let cart = CartActivity.apply(event, to: byToken[token], context: context) else { continue }
                byToken[token] = cart
                byToken[cart.token] = cart
                if let checkoutToken = cart.checkoutToken { byToken[checkoutToken] = cart }
                changed[cart.id.rawValue] = cart
            }
            try await saveCarts(Array(changed.values), shopID: shopID, policy: policy, in: db)
        }

        // 5. Browsing.
        try await applyBrowsing(fresh, customerID: customerID(for:), shopID: shopID, policy: policy, in: db)

        // 6. Orders reported through the API.
        for event in fresh where event.type == EventType.orderPlaced {
            guard let snapshot = orderSnapshot(from: event, shop: shop) else { continue }
            _ = try await applyOrder(snapshot, shop: shop, policy: policy, now: now, appendEvent: false, in: db)
        }
        // 7. Shipments reported through the API mark the order fulfilled (the NPS survey counts from then).
        for event in fresh where event.type == EventType.orderFulfilled {
            guard let externalID = event.string("order_id") else { continue }
            try await db.raw(
                """
                UPDATE orders SET fulfillment_status = 'fulfilled', fulfilled_at = COALESCE(fulfilled_at, \(bind: event.occurredAt.epochMilliseconds)),
                    updated_at = \(bind: now.epochMilliseconds)
                WHERE shop_id = \(bind: shopID.rawValue) AND source = 'api' AND external_id = \(bind: externalID)
                """
            ).run()
        }
        return result
    }

    static func visitorLinks(_ anonymousIDs: [String], shopID: Shop.ID, in db: any SQLDatabase) async throws -> [String: Customer.ID?] {
        var links: [String: Customer.ID?] = [:]
        for chunk in anonymousIDs.chunked(into: 500) where !chunk.isEmpty {
            for row in try await db.raw(
                """
                SELECT anonymous_id, customer_id FROM visitors
                WHERE shop_id = \(bind: shopID.rawValue) AND anonymous_id IN (\(binds: Array(chunk)))
                """
            ).all() {
                links[try row.string("anonymous_id")] = try row.optionalString("customer_id").map { Customer.ID($0) }
            }
        }
        return links
    }

    static func saveVisitors(_ events: [Event], links: [String: Customer.ID?], shopID: Shop.ID, in db: any SQLDatabase) async throws {
        var visitors: [String: (first: Date, last: Date, device: String?)] = [:]
        for event in events {
            guard let anonymousID = event.anonymousID else { continue }
            let device = event.string("device")
            if let known = visitors[anonymousID] {
                visitors[anonymousID] = (min(known.first, event.occurredAt), max(known.last, event.occurredAt), device ?? known.device)
            } else {
                visitors[anonymousID] = (event.occurredAt, event.occurredAt, device)
            }
        }
        for chunk in Array(visitors).chunked(into: 300) where !chunk.isEmpty {
            var query = SQLQueryString("INSERT INTO visitors (shop_id, anonymous_id, customer_id, device, first_seen_at, last_seen_at) VALUES ")
            for (index, (anonymousID, visit)) in chunk.enumerated() {
                if index > 0 { query += ", " }
                let customerID = links[anonymousID] ?? nil
                query += """
                    (\(bind: shopID.rawValue), \(bind: anonymousID), \(bind: customerID?.rawValue), \(bind: visit.device),
                    \(bind: visit.first.epochMilliseconds), \(bind: visit.last.epochMilliseconds))
                    """
            }
            query += """
                 ON CONFLICT (shop_id, anonymous_id) DO UPDATE SET
                    customer_id = COALESCE(visitors.customer_id, excluded.customer_id),
                    device = COALESCE(excluded.device, visitors.device),
                    last_seen_at = CASE WHEN excluded.last_seen_at > visitors.last_seen_at THEN excluded.last_seen_at ELSE visitors.last_seen_at END
                """
            try await db.raw(query).run()
        }
    }

    /// An order from an `order_placed` event: `order_id`, `total`, `currency`, `lines`, optional tokens and codes.
    static func orderSnapshot(from event: Event, shop: Shop) -> OrderSnapshot? {
        guard let externalID = event.string("order_id") else { return nil }
        let currency = event.string("currency").flatMap(Currency.init(rawValue:)) ?? shop.currency
        let lines = (event.properties["lines"]?.arrayValue ?? []).compactMap { item -> OrderLine? in
            guard let object = item.objectValue, let line = CartActivity.line(from: object) else { return nil }
            return OrderLine(
                productID: line.productID,
                variantID: line.variantID,
                title: line.title ?? "",
                quantity: line.quantity,
                price: line.price
            )
        }
        let total = event.int("total") ?? lines.reduce(0) { $0 + $1.price * Int64($1.quantity) }
        let codes = (event.properties["discount_codes"]?.arrayValue ?? []).compactMap(\.stringValue)
        let order = Order(
            id: .random(prefix: "ord"),
            externalID: externalID,
            number: event.string("number"),
            email: event.customer?.email,
            lines: lines,
            subtotal: Money(minorUnits: event.int("subtotal") ?? total, currency: currency),
            total: Money(minorUnits: total, currency: currency),
            discountCodes: codes,
            source: "api",
            cartToken: event.string("cart_token"),
            checkoutToken: event.string("checkout_token"),
            placedAt: event.occurredAt
        )
        return OrderSnapshot(order: order, customer: event.customer.map { CustomerSnapshot(identity: $0) })
    }
}
