import Foundation
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

@Suite struct IngestTests {
    let t0 = Date(timeIntervalSince1970: 1_795_687_200)

    func added(
        _ id: String,
        token: String = "c1",
        product: String = "p1",
        price: Int64 = 1500,
        anon: String = "a1",
        at: TimeInterval = 0,
        email: String? = nil
    ) -> Event {
        Event(
            id: Event.ID(id),
            type: EventType.addedToCart,
            anonymousID: anon,
            customer: email.map { CustomerIdentity(email: $0) },
            occurredAt: t0.addingTimeInterval(at),
            properties: ["cart_token": .string(token), "product_id": .string(product), "quantity": 1, "price": .int(price), "currency": "EUR"]
        )
    }

    @Test(arguments: TestEngine.available)
    func aSecondDeliveryOfAnEventIsANoOp(engine: TestEngine) async throws {
        try await withTestStore(engine) { store in
            let shop = try await makeTestShop(store, now: t0).shop
            let first = try await store.ingest([added("e1"), added("e2", product: "p2")], shop: shop, source: "api", now: t0)
            #expect(first.accepted.count == 2)
            let again = try await store.ingest([added("e1"), added("e3", product: "p3")], shop: shop, source: "api", now: t0)
            #expect(again.accepted == ["e3"])
            #expect(again.duplicates == ["e1"])
            let cart = try #require(try await store.cart(shopID: shop.id, token: "c1"))
            // e1 applied once: p1 quantity stays 1.
            #expect(cart.lines.first(where: { $0.productID == "p1" })?.quantity == 1)
            #expect(cart.value == 4500)
        }
    }

    @Test(arguments: TestEngine.available)
    func cartAbandonmentIsDetectedOncePerEpisode(engine: TestEngine) async throws {
        try await withTestStore(engine) { store in
            let shop = try await makeTestShop(store, now: t0, settings: ShopSettings(cartAbandonAfterSeconds: 60)).shop
            _ = try await store.ingest([added("e1", email: "jane@example.com")], shop: shop, source: "api", now: t0)
            #expect(try await store.detectAbandonment(now: t0.addingTimeInterval(59)).isEmpty)
            let detected = try await store.detectAbandonment(now: t0.addingTimeInterval(60))
            #expect(detected.map(\.type) == [EventType.cartAbandoned])
            #expect(try await store.detectAbandonment(now: t0.addingTimeInterval(600)).isEmpty)
            let abandoned = try await store.carts(shopID: shop.id, filter: .init(state: .abandoned), cursor: nil, limit: 10)
            #expect(abandoned.items.count == 1)
            #expect(abandoned.items[0].abandonedAt == t0.addingTimeInterval(60))
            // Coming back starts episode 2, which is detected again.
            _ = try await store.ingest([added("e2", product: "p2", at: 700)], shop: shop, source: "api", now: t0.addingTimeInterval(700))
            let second = try await store.detectAbandonment(now: t0.addingTimeInterval(760))
            #expect(second.count == 1)
            #expect(second.first?.properties["episode"] == .int(2))
            #expect(try await store.countEvents(shopID: shop.id, type: EventType.cartAbandoned) == 2)
        }
    }

    @Test(arguments: TestEngine.available)
    func checkoutAndBrowseAbandonment(engine: TestEngine) async throws {
        try await withTestStore(engine) { store in
            let settings = ShopSettings(cartAbandonAfterSeconds: 600, checkoutAbandonAfterSeconds: 120, browseAbandonAfterSeconds: 300)
            let shop = try await makeTestShop(store, now: t0, settings: settings).shop
            let checkout = Event(
                id: "k1",
                type: EventType.startedCheckout,
                anonymousID: "a9",
                customer: CustomerIdentity(email: "k@example.com"),
                occurredAt: t0,
                properties: [
                    "cart_token": "c9", "checkout_token": "k9", "lines": .array([.object(["product_id": "p1", "quantity": 1, "price": 999])]),
                ]
            )
            let views = [
                Event(id: "v1", type: EventType.viewedProduct, anonymousID: "b1", occurredAt: t0, properties: ["product_id": "p5"]),
                Event(
                    id: "v2",
                    type: EventType.viewedProduct,
                    anonymousID: "b1",
                    occurredAt: t0.addingTimeInterval(10),
                    properties: ["product_id": "p6"]
                ),
                // An anonymous browser who never identifies is not followed up.
                Event(id: "v3", type: EventType.viewedProduct, anonymousID: "b2", occurredAt: t0, properties: ["product_id": "p5"]),
            ]
            _ = try await store.ingest([checkout] + views, shop: shop, source: "api", now: t0)
            // The browser identifies later: their earlier views count.
            _ = try await store.ingest(
                [
                    Event(
                        id: "i1",
                        type: EventType.identified,
                        anonymousID: "b1",
                        customer: CustomerIdentity(email: "b@example.com"),
                        occurredAt: t0.addingTimeInterval(20)
                    )
                ],
                shop: shop,
                source: "api",
                now: t0.addingTimeInterval(20)
            )
            let detected = try await store.detectAbandonment(now: t0.addingTimeInterval(400))
            #expect(Set(detected.map(\.type)) == [EventType.checkoutAbandoned, EventType.browseAbandoned])
            let browse = try #require(detected.first { $0.type == EventType.browseAbandoned })
            #expect(browse.properties["product_ids"] == .array(["p6", "p5"]))
        }
    }

    @Test(arguments: TestEngine.available)
    func identityStitchingAcrossDevices(engine: TestEngine) async throws {
        try await withTestStore(engine) { store in
            let shop = try await makeTestShop(store, now: t0).shop
            _ = try await store.ingest([added("m1", token: "mobile-cart", anon: "phone")], shop: shop, source: "api", now: t0)
            _ = try await store.ingest(
                [
                    Event(
                        id: "m2",
                        type: EventType.identified,
                        anonymousID: "phone",
                        customer: CustomerIdentity(email: "Jo@Example.com"),
                        occurredAt: t0.addingTimeInterval(5)
                    )
                ],
                shop: shop,
                source: "api",
                now: t0
            )
            _ = try await store.ingest(
                [
                    Event(
                        id: "d1",
                        type: EventType.viewedProduct,
                        anonymousID: "laptop",
                        customer: CustomerIdentity(email: "jo@example.com"),
                        occurredAt: t0.addingTimeInterval(9),
                        properties: ["product_id": "p2"]
                    )
                ],
                shop: shop,
                source: "api",
                now: t0
            )
            let customers = try await store.customers(shopID: shop.id, filter: .init(email: "jo@example.com"), cursor: nil, limit: 10)
            #expect(customers.items.count == 1)
            let customer = try #require(customers.items.first)
            let cart = try #require(try await store.cart(shopID: shop.id, token: "mobile-cart"))
            #expect(cart.customerID == customer.id)
            #expect(cart.hasContact)
            let timeline = try await store.timeline(shopID: shop.id, customerID: customer.id, limit: 50)
            #expect(Set(timeline.map(\.event.id.rawValue)) == ["m1", "m2", "d1"])
        }
    }

    @Test(arguments: TestEngine.available)
    func anOrderClosesItsCart(engine: TestEngine) async throws {
        try await withTestStore(engine) { store in
            let shop = try await makeTestShop(store, now: t0, settings: ShopSettings(cartAbandonAfterSeconds: 60)).shop
            _ = try await store.ingest(
                [added("e1", token: "tok", email: "o@example.com"), added("e2", token: "other", product: "p7", anon: "a2", email: "o@example.com")],
                shop: shop,
                source: "api",
                now: t0
            )
            _ = try await store.detectAbandonment(now: t0.addingTimeInterval(100))
            let order = Event(
                id: "o1",
                type: EventType.orderPlaced,
                customer: CustomerIdentity(email: "o@example.com"),
                occurredAt: t0.addingTimeInterval(200),
                properties: [
                    "order_id": "1001", "cart_token": "tok", "total": 1500,
                    "lines": .array([.object(["product_id": "p1", "quantity": 1, "price": 1500])]),
                ]
            )
            _ = try await store.ingest([order], shop: shop, source: "api", now: t0.addingTimeInterval(200))
            let closed = try #require(try await store.cart(shopID: shop.id, token: "tok"))
            #expect(closed.state == .converted)
            #expect(closed.abandonedAt != nil)
            #expect(closed.orderID != nil)
            // The person's other cart is not closed by this order.
            #expect(try await store.cart(shopID: shop.id, token: "other")?.state == .abandoned)
            #expect(try await store.countEvents(shopID: shop.id, type: EventType.cartConverted) == 1)
            let orders = try await store.orders(shopID: shop.id, filter: .init(email: "o@example.com"), cursor: nil, limit: 10)
            #expect(orders.items.map(\.externalID) == ["1001"])
        }
    }

    @Test(arguments: TestEngine.available)
    func shopsAreIsolated(engine: TestEngine) async throws {
        try await withTestStore(engine) { store in
            let a = try await makeTestShop(store, now: t0).shop
            let b = try await makeTestShop(store, now: t0).shop
            _ = try await store.ingest([added("e1", token: "shared-token", email: "x@example.com")], shop: a, source: "api", now: t0)
            _ = try await store.ingest([added("e1", token: "shared-token", product: "p9", email: "x@example.com")], shop: b, source: "api", now: t0)
            let cartA = try #require(try await store.cart(shopID: a.id, token: "shared-token"))
            let cartB = try #require(try await store.cart(shopID: b.id, token: "shared-token"))
            #expect(cartA.id != cartB.id)
            #expect(cartA.lines.map(\.productID) == ["p1"])
            #expect(cartB.lines.map(\.productID) == ["p9"])
            #expect(try await store.cart(shopID: b.id, id: cartA.id) == nil)
            #expect(try await store.customers(shopID: a.id, filter: .init(), cursor: nil, limit: 10).items.count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func changingTheThresholdMovesDueTimes(engine: TestEngine) async throws {
        try await withTestStore(engine) { store in
            let shop = try await makeTestShop(store, now: t0).shop
            _ = try await store.ingest([added("e1")], shop: shop, source: "api", now: t0)
            #expect(try await store.detectAbandonment(now: t0.addingTimeInterval(30)).isEmpty)
            try await store.updateSettings(shopID: shop.id, ShopSettings(cartAbandonAfterSeconds: 5))
            #expect(try await store.nextDueDate() == t0.addingTimeInterval(5))
            #expect(try await store.detectAbandonment(now: t0.addingTimeInterval(30)).count == 1)
        }
    }

    @Test(arguments: TestEngine.available)
    func pagesWithCursors(engine: TestEngine) async throws {
        try await withTestStore(engine) { store in
            let shop = try await makeTestShop(store, now: t0).shop
            let events = (0..<7).map { added("e\($0)", token: "t\($0)", at: Double($0)) }
            _ = try await store.ingest(events, shop: shop, source: "api", now: t0)
            var seen: [String] = []
            var cursor: Cursor?
            repeat {
                let page = try await store.carts(shopID: shop.id, filter: .init(), cursor: cursor, limit: 3)
                seen += page.items.map(\.token)
                cursor = page.nextCursor.flatMap(Cursor.init(encoded:))
            } while cursor != nil
            #expect(seen == ["t6", "t5", "t4", "t3", "t2", "t1", "t0"])
        }
    }

    @Test(arguments: TestEngine.available)
    func migrationsAreIdempotent(engine: TestEngine) async throws {
        try await withTestStore(engine) { store in
            let applied = try await store.migrate(now: t0)
            #expect(applied.isEmpty)
        }
    }
}
