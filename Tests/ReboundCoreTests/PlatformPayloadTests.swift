import Foundation
import ReboundCore
import ReboundTesting
import Testing

/// The real sample payloads Shopify and WooCommerce publish (shared/data), parsed into Rebound's terms.
@Suite struct PlatformPayloadTests {
    let now = Date(timeIntervalSince1970: 1_795_687_200)

    func shopify(_ topic: String) throws -> JSONValue {
        let url = sharedDataURL().appendingPathComponent("shopify/webhooks/2026-04/\(topic.replacingOccurrences(of: "/", with: "__")).json")
        return try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
    }

    func woo(_ file: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: sharedDataURL().appendingPathComponent("woocommerce/\(file).json")))
    }

    @Test func shopifyCheckout() throws {
        guard
            case .checkout(let checkout) = try ShopifyPayload.parse(
                topic: "checkouts/create",
                body: try shopify("checkouts/create"),
                shopCurrency: .eur,
                receivedAt: now
            )
        else {
            Issue.record("not a checkout")
            return
        }
        #expect(checkout.token == "123123123")
        #expect(checkout.cartToken == "eeafa272cebfd4b22385bc4b645e762c")
        #expect(checkout.currency.rawValue == "USD")
        #expect(checkout.lines.count == 2)
        #expect(checkout.lines[0].productID == "632910392")
        #expect(checkout.lines[0].price == 19900)
        #expect(checkout.customer?.identity.email == "example@email.com")
        #expect(checkout.restoreURL?.hasPrefix("https://checkout.local/548380009/checkouts/123123123/recover") == true)
        #expect(checkout.isCheckout)
    }

    @Test func shopifyOrderKeepsLargeIDsExact() throws {
        guard
            case .order(let snapshot) = try ShopifyPayload.parse(
                topic: "orders/create",
                body: try shopify("orders/create"),
                shopCurrency: .eur,
                receivedAt: now
            )
        else {
            Issue.record("not an order")
            return
        }
        // The sample's id as it is in the file: an 18-digit integer, never rounded through Double again.
        #expect(snapshot.order.externalID == "820982911946154500")
        #expect(snapshot.order.total.minorUnits == 40495)
        #expect(snapshot.order.total.currency.rawValue == "USD")
        #expect(snapshot.order.lines.first?.price == 8999)
        #expect(snapshot.order.lines.first?.productID == "788032119674292900")
        #expect(snapshot.customer?.identity.email == "john@example.com")
        #expect(snapshot.order.cancelledAt != nil)
    }

    @Test func shopifyOtherTopics() throws {
        if case .product(let product) = try ShopifyPayload.parse(
            topic: "products/update",
            body: try shopify("products/update"),
            shopCurrency: .usd,
            receivedAt: now
        ) {
            #expect(product.title == "Example T-Shirt")
            #expect(product.category == "Shirts")
            #expect(product.variants.first?.price.minorUnits == 1999)
            #expect(product.variants.first?.stock == 75)
        } else {
            Issue.record("not a product")
        }
        if case .customer(let customer) = try ShopifyPayload.parse(
            topic: "customers/create",
            body: try shopify("customers/create"),
            shopCurrency: .usd,
            receivedAt: now
        ) {
            #expect(customer.identity.email == "bob@biller.com")
            #expect(customer.identity.externalID == "706405506930370000")
            #expect(customer.country == "CA")
        } else {
            Issue.record("not a customer")
        }
        if case .refund(let orderID, let amount, _) = try ShopifyPayload.parse(
            topic: "refunds/create",
            body: try shopify("refunds/create"),
            shopCurrency: .usd,
            receivedAt: now
        ) {
            #expect(orderID == "820982911946154500")
            #expect(amount >= 0)
        } else {
            Issue.record("not a refund")
        }
        #expect(
            try ShopifyPayload.parse(topic: "orders/fulfilled", body: try shopify("orders/fulfilled"), shopCurrency: .usd, receivedAt: now)
                == .orderFulfilled(externalID: "820982911946154500", at: RFC3339.parse("2021-12-31T19:00:00-05:00")!)
        )
        #expect(
            try ShopifyPayload.parse(topic: "app/uninstalled", body: try shopify("app/uninstalled"), shopCurrency: .usd, receivedAt: now)
                == .uninstalled
        )
        #expect(
            try ShopifyPayload.parse(topic: "shop/redact", body: try shopify("shop/redact"), shopCurrency: .usd, receivedAt: now)
                == .ignored(topic: "shop/redact")
        )
    }

    @Test func everySampleParsesWithoutError() throws {
        let folder = sharedDataURL().appendingPathComponent("shopify/webhooks/2026-04")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }
        #expect(files.count == 18)
        for file in files {
            let topic = file.dropLast(5).replacingOccurrences(of: "__", with: "/")
            _ = try ShopifyPayload.parse(topic: topic, body: try shopify(topic), shopCurrency: .usd, receivedAt: now)
        }
    }

    @Test func malformedPayloadsNameTheProblem() {
        #expect(throws: PayloadError.self) { try ShopifyPayload.parse(topic: "orders/create", body: .array([]), shopCurrency: .eur, receivedAt: now) }
        #expect(throws: PayloadError("order has no id")) {
            try ShopifyPayload.parse(topic: "orders/create", body: .object(["total_price": "1.00"]), shopCurrency: .eur, receivedAt: now)
        }
        #expect(throws: PayloadError("checkout has no token")) {
            try ShopifyPayload.parse(topic: "checkouts/update", body: .object([:]), shopCurrency: .eur, receivedAt: now)
        }
    }

    @Test func wooCommerceOrderCustomerProduct() throws {
        guard
            case .order(let snapshot) = try WooCommercePayload.parse(
                topic: "order.created",
                body: try woo("order.created__727"),
                shopCurrency: .eur,
                receivedAt: now
            )
        else {
            Issue.record("not an order")
            return
        }
        #expect(snapshot.order.externalID == "727")
        #expect(snapshot.order.total.minorUnits == 2935)
        #expect(snapshot.order.lines.first?.price == 300)
        #expect(snapshot.order.lines.first?.quantity == 2)
        #expect(snapshot.customer?.identity.email == "john.doe@example.com")
        #expect(snapshot.order.placedAt == RFC3339.parse("2017-03-22T19:28:02Z"))
        guard
            case .order(let updated) = try WooCommercePayload.parse(
                topic: "order.updated",
                body: try woo("order.updated__727"),
                shopCurrency: .eur,
                receivedAt: now
            )
        else {
            Issue.record("not an order")
            return
        }
        #expect(updated.order.fulfillmentStatus == "fulfilled")
        if case .customer(let customer) = try WooCommercePayload.parse(
            topic: "customer.created",
            body: try woo("customer.created__25"),
            shopCurrency: .eur,
            receivedAt: now
        ) {
            #expect(customer.identity.externalID == "25")
        } else {
            Issue.record("not a customer")
        }
        if case .product(let product) = try WooCommercePayload.parse(
            topic: "product.created",
            body: try woo("product.created__794"),
            shopCurrency: .usd,
            receivedAt: now
        ) {
            #expect(product.title == "Premium Quality")
            #expect(product.category == "Clothing")
            #expect(product.variants.first?.price.minorUnits == 2199)
        } else {
            Issue.record("not a product")
        }
        #expect(
            try WooCommercePayload.parse(topic: "coupon.created", body: .object([:]), shopCurrency: .eur, receivedAt: now)
                == .ignored(topic: "coupon.created")
        )
    }
}
