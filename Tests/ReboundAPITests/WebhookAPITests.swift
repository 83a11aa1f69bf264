import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

@Suite struct WebhookAPITests {
    func shopifyBody(_ topic: String) throws -> [UInt8] {
        Array(
            try Data(
                contentsOf: sharedDataURL().appendingPathComponent("shopify/webhooks/2026-04/\(topic.replacingOccurrences(of: "/", with: "__")).json")
            )
        )
    }

    func shopifyHeaders(_ topic: String, body: [UInt8], secret: String = "shopify-secret", id: String = UUID().uuidString) -> HTTPFields {
        [
            HTTPField.Name("X-Shopify-Topic")!: topic, HTTPField.Name("X-Shopify-Hmac-Sha256")!: WebhookSignature.sign(body: body, secret: secret),
            HTTPField.Name("X-Shopify-Webhook-Id")!: id, .contentType: "application/json",
        ]
    }

    @Test func signaturesMatchThePlatformsPublishedVectors() throws {
        let shopify = try JSONDecoder().decode(
            JSONValue.self,
            from: Data(contentsOf: sharedDataURL().appendingPathComponent("shopify/hmac_vectors.json"))
        )
        let vector = try #require(shopify["webhook_vectors"]?.arrayValue?.first)
        let body = Array(try #require(vector["body"]?.stringValue).utf8)
        let secret = try #require(vector["secret"]?.stringValue)
        #expect(WebhookSignature.sign(body: body, secret: secret) == vector["expected_header"]?.stringValue)
        #expect(WebhookSignature.isValid(header: vector["expected_header"]?.stringValue, body: body, secret: secret))
        #expect(!WebhookSignature.isValid(header: vector["expected_header"]?.stringValue, body: body + [32], secret: secret))

        let woo = try JSONDecoder().decode(
            JSONValue.self,
            from: Data(contentsOf: sharedDataURL().appendingPathComponent("woocommerce/hmac_vectors.json"))
        )
        let wooVector = try #require(woo["vectors"]?.arrayValue?.first)
        #expect(
            WebhookSignature.sign(
                body: Array(try #require(wooVector["payload"]?.stringValue).utf8),
                secret: try #require(wooVector["secret"]?.stringValue)
            )
                == wooVector["expected_signature"]?.stringValue
        )
    }

    @Test(arguments: TestEngine.available)
    func shopifyCheckoutThenOrderConvertsTheCart(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let path = "/webhooks/shopify/\(app.shop.id)"
            let checkout = try shopifyBody("checkouts/create")
            let first = try await app.request(.post, path, body: checkout, headers: shopifyHeaders("checkouts/create", body: checkout, id: "d-1"))
            #expect(first.status == .ok)
            #expect(try first.json["status"] == "applied")
            let redelivery = try await app.request(
                .post,
                path,
                body: checkout,
                headers: shopifyHeaders("checkouts/create", body: checkout, id: "d-1")
            )
            #expect(try redelivery.json["status"] == "duplicate")

            let carts = try await app.request(.get, "/v1/checkouts").json["data"]?.arrayValue ?? []
            #expect(carts.count == 1)
            #expect(carts.first?["value"] == .int(2 * 19900))
            #expect(carts.first?["currency"] == "USD")
            #expect(carts.first?["customer"]?["email"] == "example@email.com")

            // The order sample carries no checkout token, so connect it the way a real order does.
            var order = try JSONDecoder().decode(JSONValue.self, from: Data(try shopifyBody("orders/create")))
            if case .object(var fields) = order {
                fields["checkout_token"] = "123123123"
                order = .object(fields)
            }
            let orderBody = Array(try JSONEncoder().encode(order))
            let placed = try await app.request(.post, path, body: orderBody, headers: shopifyHeaders("orders/create", body: orderBody))
            #expect(placed.status == .ok)
            let converted = try await app.request(.get, "/v1/carts?state=converted").json["data"]?.arrayValue ?? []
            #expect(converted.count == 1)
            #expect(try await app.request(.get, "/v1/orders").json["data"]?.arrayValue?.first?["external_id"] == "820982911946154500")
        }
    }

    @Test(arguments: TestEngine.available)
    func shopifyRefusesBadSignaturesAndUnknownShops(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let path = "/webhooks/shopify/\(app.shop.id)"
            let body = try shopifyBody("orders/create")
            let forged = try await app.request(.post, path, body: body, headers: shopifyHeaders("orders/create", body: body, secret: "wrong"))
            #expect(forged.status == .unauthorized)
            #expect(try forged.json["type"]?.stringValue?.hasSuffix("bad-signature") == true)
            var missing = shopifyHeaders("orders/create", body: body)
            missing[HTTPField.Name("X-Shopify-Hmac-Sha256")!] = nil
            #expect(try await app.request(.post, path, body: body, headers: missing).status == .unauthorized)
            // Signed for another body: refused.
            #expect(
                try await app.request(.post, path, body: body + [10], headers: shopifyHeaders("orders/create", body: body)).status == .unauthorized
            )
            #expect(
                try await app.request(.post, "/webhooks/shopify/shop_nope", body: body, headers: shopifyHeaders("orders/create", body: body)).status
                    == .notFound
            )
            // Nothing was stored by refused deliveries.
            #expect(try await app.request(.get, "/v1/orders").json["data"]?.arrayValue?.count == 0)

            let ignored = try shopifyBody("shop/redact")
            let answer = try await app.request(.post, path, body: ignored, headers: shopifyHeaders("shop/redact", body: ignored))
            #expect(answer.status == .ok)
            #expect(try answer.json["status"] == "ignored")

            let junk = Array("not json".utf8)
            #expect(try await app.request(.post, path, body: junk, headers: shopifyHeaders("orders/create", body: junk)).status == .badRequest)
            let noID = Array("{\"total_price\": \"1.00\"}".utf8)
            let unreadable = try await app.request(.post, path, body: noID, headers: shopifyHeaders("orders/create", body: noID))
            #expect(unreadable.status == .unprocessableContent)
        }
    }

    @Test(arguments: TestEngine.available)
    func everyShopifySampleIsAccepted(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let folder = sharedDataURL().appendingPathComponent("shopify/webhooks/2026-04")
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".json") {
                let topic = file.dropLast(5).replacingOccurrences(of: "__", with: "/")
                let body = try shopifyBody(topic)
                let response = try await app.request(
                    .post,
                    "/webhooks/shopify/\(app.shop.id)",
                    body: body,
                    headers: shopifyHeaders(topic, body: body)
                )
                #expect(response.status == .ok, "\(topic): \(response.text)")
            }
            #expect(try await app.request(.get, "/v1/products").json["data"]?.arrayValue?.first?["title"] == "Example T-Shirt")
        }
    }

    @Test(arguments: TestEngine.available)
    func wooCommerceOrdersAndRedeliveries(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let path = "/webhooks/woocommerce/\(app.shop.id)"
            for (file, topic) in [
                ("customer.created__25", "customer.created"), ("product.created__794", "product.created"), ("order.created__727", "order.created"),
                ("order.updated__727", "order.updated"),
            ] {
                let body = Array(try Data(contentsOf: sharedDataURL().appendingPathComponent("woocommerce/\(file).json")))
                let headers: HTTPFields = [
                    HTTPField.Name("X-WC-Webhook-Topic")!: topic,
                    HTTPField.Name("X-WC-Webhook-Signature")!: WebhookSignature.sign(body: body, secret: "woo-secret"),
                    HTTPField.Name("X-WC-Webhook-Delivery-ID")!: file, .contentType: "application/json",
                ]
                #expect(try await app.request(.post, path, body: body, headers: headers).json["status"] == "applied")
                #expect(try await app.request(.post, path, body: body, headers: headers).json["status"] == "duplicate")
                var forged = headers
                forged[HTTPField.Name("X-WC-Webhook-Signature")!] = "AAAA"
                #expect(try await app.request(.post, path, body: body, headers: forged).status == .unauthorized)
            }
            let orders = try await app.request(.get, "/v1/orders").json["data"]?.arrayValue ?? []
            #expect(orders.count == 1)
            #expect(orders.first?["fulfillment_status"] == "fulfilled")
            #expect(orders.first?["total"] == .int(2935))
        }
    }

    /// Shopify's `customers/redact` erases what identifies the person; their orders stay, without the email.
    @Test(arguments: TestEngine.available)
    func customersRedactErasesPersonalData(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e1", email: "john@example.com", emailConsent: true))
            let id = try #require(
                try await app.request(.get, "/v1/customers?email=john@example.com").json["data"]?.arrayValue?.first?["id"]?.stringValue
            )
            let body = try shopifyBody("customers/redact")
            let response = try await app.request(
                .post,
                "/webhooks/shopify/\(app.shop.id)",
                body: body,
                headers: shopifyHeaders("customers/redact", body: body)
            )
            #expect(try response.json["status"] == "applied")
            #expect(try await app.request(.get, "/v1/customers?email=john@example.com").json["data"]?.arrayValue?.count == 0)
            let customer = try await app.request(.get, "/v1/customers/\(id)").json
            #expect(customer["email"] == .null)
            #expect(customer["consents"]?["email"] == .null)
            // The cart is still there, joined to nobody who can be named.
            #expect(try await app.request(.get, "/v1/carts").json["data"]?.arrayValue?.count == 1)
        }
    }
}
