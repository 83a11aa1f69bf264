public import Foundation
public import ReboundCore
public import ReboundStore

/// Simulated shoppers for `rebound demo`: real products, a seeded random walk through view → cart → checkout → order.
public struct DemoSimulator: Sendable {
    public struct Tally: Sendable {
        public var shoppers = 0
        public var carts = 0
        public var orders = 0
    }

    let data: DemoData
    let store: Store
    let shop: Shop

    public init(data: DemoData, store: Store, shop: Shop) {
        self.data = data
        self.store = store
        self.shop = shop
    }

    /// One shopper's visit at simulated time `now`. The shopper may come back later (returned events are due then).
    public func visit(number: Int, now: Date, random: inout some RandomNumberGenerator) async throws -> Tally {
        var tally = Tally()
        tally.shoppers = 1
        let anonymousID = "demo-visitor-\(number)"
        let device = Bool.random(using: &random) ? "mobile" : "desktop"
        var events: [Event] = []
        var clock = now
        func add(_ type: String, _ properties: [String: JSONValue], customer: CustomerIdentity? = nil) {
            clock = clock.addingTimeInterval(Double.random(in: 5...40, using: &random))
            var props = properties
            props["device"] = .string(device)
            events.append(
                Event(
                    id: .random(prefix: "evt"),
                    type: type,
                    anonymousID: anonymousID,
                    customer: customer,
                    occurredAt: min(clock, now),
                    properties: props
                )
            )
        }
        let viewed = (0..<Int.random(in: 1...4, using: &random)).map { _ in data.products.randomElement(using: &random)! }
        for item in viewed { add(EventType.viewedProduct, ["product_id": .string(item.productID)]) }
        let customerID = data.customerIDs.randomElement(using: &random) ?? "\(number)"
        let identity = CustomerIdentity(email: "customer-\(customerID)@demo.rebound.invalid")
        let identifies = Double.random(in: 0..<1, using: &random) < 0.55
        // Most shoppers who type their email tick the newsletter box; the rest get no marketing email.
        let consent: [String: JSONValue] = Double.random(in: 0..<1, using: &random) < 0.7 ? ["email_consent": true] : [:]
        if identifies && Double.random(in: 0..<1, using: &random) < 0.3 {
            add(EventType.identified, consent, customer: identity)
        }
        guard Double.random(in: 0..<1, using: &random) < 0.65 else {
            _ = try await store.ingest(events, shop: shop, source: "demo", now: now)
            return tally
        }
        let cartToken = "demo-cart-\(number)"
        tally.carts = 1
        var lines: [JSONValue] = []
        for item in viewed.prefix(Int.random(in: 1...max(1, viewed.count), using: &random)) {
            let quantity = Int64.random(in: 1...6, using: &random)
            add(
                EventType.addedToCart,
                [
                    "cart_token": .string(cartToken), "product_id": .string(item.productID), "quantity": .int(quantity),
                    "price": .int(item.price), "currency": .string(shop.currency.rawValue), "title": .string(item.title),
                ]
            )
            lines.append(.object(["product_id": .string(item.productID), "quantity": .int(quantity), "price": .int(item.price)]))
        }
        if identifies { add(EventType.identified, consent, customer: identity) }
        if identifies && Double.random(in: 0..<1, using: &random) < 0.5 {
            add(
                EventType.startedCheckout,
                ["cart_token": .string(cartToken), "checkout_token": .string("demo-checkout-\(number)")],
                customer: identity
            )
            if Double.random(in: 0..<1, using: &random) < 0.4 {
                add(
                    EventType.orderPlaced,
                    [
                        "order_id": .string("demo-order-\(number)"), "cart_token": .string(cartToken), "lines": .array(lines),
                        "currency": .string(shop.currency.rawValue),
                    ],
                    customer: identity
                )
                tally.orders = 1
            }
        }
        _ = try await store.ingest(events, shop: shop, source: "demo", now: now)
        return tally
    }

    /// Loads the catalogue and a history of real orders into the demo shop.
    public func seed(now: Date, progress: @Sendable (String) -> Void) async throws {
        let products = data.products.map { item in
            Product(
                id: Product.ID(item.productID),
                title: item.title,
                category: item.category,
                url: "/products/\(item.productID)",
                variants: [
                    Variant(
                        id: Variant.ID(item.productID),
                        title: "Default",
                        price: Money(minorUnits: item.price, currency: shop.currency),
                        stock: 100
                    )
                ],
                updatedAt: now
            )
        }
        try await store.saveProducts(products, shopID: shop.id)
        progress("catalogue: \(products.count) products from the UCI Online Retail data")
        let snapshots = data.orders.map { order in
            let total = order.lines.reduce(Int64(0)) { $0 + $1.price * Int64($1.quantity) }
            return OrderSnapshot(
                order: Order(
                    id: .random(prefix: "ord"),
                    externalID: order.id,
                    lines: order.lines,
                    subtotal: Money(minorUnits: total, currency: shop.currency),
                    total: Money(minorUnits: total, currency: shop.currency),
                    source: "import",
                    placedAt: order.placedAt
                ),
                customer: order.customerID.map {
                    CustomerSnapshot(identity: CustomerIdentity(email: "customer-\($0)@demo.rebound.invalid", externalID: $0))
                }
            )
        }
        var created = 0
        for start in stride(from: 0, to: snapshots.count, by: 500) {
            created += try await store.importOrders(Array(snapshots[start..<min(start + 500, snapshots.count)]), shop: shop, now: now)
        }
        progress("history: \(created) real orders imported")
    }
}

extension DemoSimulator {
    /// Some shoppers open a recovery email, click it and buy the cart; returns how many bought.
    public func answerMessages(seen: inout Set<String>, now: Date, random: inout some RandomNumberGenerator) async throws -> Int {
        let messages = try await store.messages(shopID: shop.id, filter: .init(status: "intended"), cursor: nil, limit: 100).items
        var bought = 0
        for message in messages where message.channel == "email" && seen.insert(message.key).inserted {
            guard Double.random(in: 0..<1, using: &random) < 0.3 else { continue }
            try await store.recordEngagement(shopID: shop.id, messageKey: message.key, clicked: true, at: now)
            guard Double.random(in: 0..<1, using: &random) < 0.5, let cartID = message.cartID,
                let cart = try await store.cart(shopID: shop.id, id: cartID), !cart.state.isClosed, let email = message.recipient
            else { continue }
            let lines: [JSONValue] = cart.lines.map { line in
                .object(["product_id": .string(line.productID), "quantity": .int(Int64(line.quantity)), "price": .int(line.price)])
            }
            let order = Event(
                id: .random(prefix: "evt"),
                type: EventType.orderPlaced,
                anonymousID: cart.anonymousID,
                customer: CustomerIdentity(email: email),
                occurredAt: now,
                properties: [
                    "order_id": .string("demo-recovered-\(cart.id.rawValue)"), "cart_token": .string(cart.token), "lines": .array(lines),
                    "currency": .string(shop.currency.rawValue),
                ]
            )
            _ = try await store.ingest([order], shop: shop, source: "demo", now: now)
            bought += 1
        }
        return bought
    }
}
