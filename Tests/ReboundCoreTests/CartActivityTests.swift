import Foundation
import ReboundCore
import Testing

@Suite struct CartActivityTests {
    let t0 = Date(timeIntervalSince1970: 1_795_687_200)
    let context = CartActivity.Context(shopCurrency: .eur, customerID: nil, newCartID: { "cart_1" })

    func event(_ type: String, _ at: TimeInterval, _ properties: [String: JSONValue]) -> Event {
        Event(id: .random(prefix: "e"), type: type, anonymousID: "anon", occurredAt: t0.addingTimeInterval(at), properties: properties)
    }

    func add(_ product: String, qty: Int64 = 1, price: Int64 = 1000, at: TimeInterval = 0) -> Event {
        event(EventType.addedToCart, at, ["cart_token": "c1", "product_id": .string(product), "quantity": .int(qty), "price": .int(price)])
    }

    @Test func addingAndRemovingChangesLinesAndValue() throws {
        var cart = try #require(CartActivity.apply(add("p1", qty: 2), to: nil, context: context))
        cart = try #require(CartActivity.apply(add("p2", price: 550, at: 10), to: cart, context: context))
        cart = try #require(CartActivity.apply(add("p1", at: 20), to: cart, context: context))
        #expect(cart.lines.count == 2)
        #expect(cart.value == 3 * 1000 + 550)
        #expect(cart.lastActivityAt == t0.addingTimeInterval(20))
        cart = try #require(
            CartActivity.apply(
                event(EventType.removedFromCart, 30, ["cart_token": "c1", "product_id": "p1", "quantity": 2]),
                to: cart,
                context: context
            )
        )
        #expect(cart.value == 1000 + 550)
        cart = try #require(
            CartActivity.apply(event(EventType.removedFromCart, 40, ["cart_token": "c1", "product_id": "p2"]), to: cart, context: context)
        )
        #expect(cart.lines.map(\.productID) == ["p1"])
        #expect(cart.state == .active)
    }

    @Test func activityOnAnAbandonedCartStartsANewEpisode() throws {
        var cart = try #require(CartActivity.apply(add("p1"), to: nil, context: context))
        cart.state = .abandoned
        cart.abandonedAt = t0.addingTimeInterval(3600)
        cart = try #require(CartActivity.apply(add("p2", at: 7200), to: cart, context: context))
        #expect(cart.state == .active)
        #expect(cart.episode == 2)
        #expect(cart.abandonedAt == nil)
        #expect(cart.lines.count == 2)
    }

    @Test func aConvertedCartTokenReusedStartsEmpty() throws {
        var cart = try #require(CartActivity.apply(add("p1"), to: nil, context: context))
        cart.state = .converted
        cart = try #require(CartActivity.apply(add("p9", at: 100), to: cart, context: context))
        #expect(cart.lines.map(\.productID) == ["p9"])
        #expect(cart.episode == 2)
    }

    @Test func checkoutMarksKindAndFullSnapshotsReplaceLines() throws {
        var cart = try #require(CartActivity.apply(add("p1"), to: nil, context: context))
        let snapshot = event(
            EventType.startedCheckout,
            60,
            ["cart_token": "c1", "checkout_token": "k1", "lines": .array([.object(["product_id": "p3", "quantity": 2, "price": 700])])]
        )
        cart = try #require(CartActivity.apply(snapshot, to: cart, context: context))
        #expect(cart.kind == .checkout)
        #expect(cart.checkoutToken == "k1")
        #expect(cart.value == 1400)
    }

    @Test func nonCartEventsAreIgnored() {
        #expect(CartActivity.apply(event(EventType.viewedProduct, 0, ["product_id": "p1"]), to: nil, context: context) == nil)
    }
}

@Suite struct AbandonmentPolicyTests {
    let t0 = Date(timeIntervalSince1970: 1_795_687_200)
    let policy = AbandonmentPolicy(cartAfter: 3600, checkoutAfter: 1800, browseAfter: 600, expireAfter: 86400 * 7)

    func cart(kind: Cart.Kind = .cart, contact: Bool = false, lines: [CartLine] = [CartLine(productID: "p", quantity: 1, price: 500)]) -> Cart {
        Cart(id: "cart_1", token: "t", kind: kind, lines: lines, currency: .eur, hasContact: contact, createdAt: t0)
    }

    @Test func waitsUntilTheThresholdThenAbandons() {
        let c = cart()
        #expect(policy.decide(c, now: t0.addingTimeInterval(3599)) == .wait)
        #expect(policy.decide(c, now: t0.addingTimeInterval(3600)) == .abandon(eventType: EventType.cartAbandoned))
        #expect(policy.dueDate(for: c) == t0.addingTimeInterval(3600))
    }

    @Test func checkoutsWithContactUseTheirOwnThreshold() {
        #expect(
            policy.decide(cart(kind: .checkout, contact: true), now: t0.addingTimeInterval(1800)) == .abandon(eventType: EventType.checkoutAbandoned)
        )
        // Without contact details a checkout is followed up as a cart, if at all.
        #expect(
            policy.decide(cart(kind: .checkout, contact: false), now: t0.addingTimeInterval(1800)) == .abandon(eventType: EventType.cartAbandoned)
        )
    }

    @Test func emptyCartsAreNeverAbandoned() {
        #expect(policy.dueDate(for: cart(lines: [])) == nil)
        #expect(policy.decide(cart(lines: []), now: t0.addingTimeInterval(1e7)) == .wait)
    }

    @Test func abandonedCartsExpireAndClosedCartsStay() {
        var c = cart()
        c.state = .abandoned
        #expect(policy.decide(c, now: t0.addingTimeInterval(86400 * 7 - 1)) == .wait)
        #expect(policy.decide(c, now: t0.addingTimeInterval(86400 * 7)) == .expire)
        c.state = .converted
        #expect(policy.decide(c, now: t0.addingTimeInterval(1e9)) == .wait)
    }

    @Test func applyingADecisionRecordsTheEventWithAStableID() throws {
        var c = cart()
        let now = t0.addingTimeInterval(4000)
        let id = AbandonmentPolicy.detectionEventID(type: EventType.cartAbandoned, cartID: c.id, episode: c.episode)
        let event = try #require(policy.apply(.abandon(eventType: EventType.cartAbandoned), to: &c, now: now, newEventID: id))
        #expect(c.state == .abandoned)
        // Abandoned when the threshold passed (t0 + 1 h), even though the worker noticed later.
        #expect(c.abandonedAt == t0.addingTimeInterval(3600))
        #expect(event.occurredAt == t0.addingTimeInterval(3600))
        #expect(event.id.rawValue == "cart_abandoned:cart_1:1")
        #expect(event.properties["value"] == .int(500))
    }

    @Test func browseSessionsNeedAKnownShopperAndQuiet() {
        var session = BrowseSession(id: "b1", anonymousID: "a", state: .open, startedAt: t0, lastViewAt: t0)
        session = session.recordingView(of: "p1", at: t0.addingTimeInterval(10), newID: "b2")
        #expect(session.id == "b1")
        #expect(!session.isAbandoned(now: t0.addingTimeInterval(10_000), after: 600))
        session.customerID = "cus_1"
        #expect(!session.isAbandoned(now: t0.addingTimeInterval(609), after: 600))
        #expect(session.isAbandoned(now: t0.addingTimeInterval(610), after: 600))
        session.state = .abandoned
        let fresh = session.recordingView(of: "p2", at: t0.addingTimeInterval(2000), newID: "b3")
        #expect(fresh.id == "b3")
        #expect(fresh.productIDs == ["p2"])
        #expect(fresh.state == .open)
    }
}

@Suite struct OrderMatchingTests {
    let t0 = Date(timeIntervalSince1970: 1_795_687_200)

    func order(cartToken: String? = nil, customer: Customer.ID? = nil, products: [String] = ["p1"]) -> Order {
        Order(
            id: "ord_1",
            externalID: "1",
            customerID: customer,
            lines: products.map { OrderLine(productID: $0, variantID: nil, title: $0, quantity: 1, price: 100) },
            subtotal: Money(minorUnits: 100, currency: .eur),
            total: Money(minorUnits: 100, currency: .eur),
            source: "api",
            cartToken: cartToken,
            placedAt: t0
        )
    }

    @Test func matchesByTokenFirst() {
        let a = Cart(
            id: "a",
            token: "ta",
            customerID: "c",
            lines: [CartLine(productID: "p1", quantity: 1, price: 100)],
            currency: .eur,
            createdAt: t0
        )
        let b = Cart(
            id: "b",
            token: "tb",
            customerID: "c",
            lines: [CartLine(productID: "p1", quantity: 1, price: 100)],
            currency: .eur,
            createdAt: t0,
            lastActivityAt: t0.addingTimeInterval(5)
        )
        #expect(OrderMatching.cart(for: order(cartToken: "ta", customer: "c"), among: [a, b])?.id == "a")
        // Without a token: the customer's most recent open cart sharing a product.
        #expect(OrderMatching.cart(for: order(customer: "c"), among: [a, b])?.id == "b")
        #expect(OrderMatching.cart(for: order(customer: "c", products: ["zzz"]), among: [a, b]) == nil)
        #expect(OrderMatching.cart(for: order(customer: "other"), among: [a, b]) == nil)
    }
}
