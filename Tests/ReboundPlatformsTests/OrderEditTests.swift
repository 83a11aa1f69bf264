import Foundation
import ReboundPlatforms
import ReboundPlatformsFakes
import Testing

@Suite struct ShopifyOrderEditTests {
    func editor(_ base: String, _ shopify: FakeShopify) -> ShopifyOrderEditor {
        ShopifyOrderEditor(configuration: .init(shopURL: base, accessToken: shopify.accessToken))
    }

    @Test func addsADiscountedVariantInFourMutations() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            await shopify.addOrder(id: 450789469, lineItems: [(variantID: 111, quantity: 1, unitPrice: "40.00")])
            await shopify.addVariant(id: 222, price: "10.00")
            let result = try await editor(base, shopify).addToOrder(
                OrderAddition(orderID: "450789469", variantID: "222", discount: .percent(15), currency: "USD", staffNote: "Rebound thank-you offer")
            )

            let requests = await shopify.requests
            #expect(requests.count == 4)
            #expect(requests.allSatisfy { $0.method == "POST" && $0.path == "/admin/api/2024-10/graphql.json" })
            #expect(requests.allSatisfy { $0.header("X-Shopify-Access-Token") == shopify.accessToken })
            let bodies = try requests.map { try #require($0.json) }
            #expect(bodies[0]["query"]?.string?.contains("orderEditBegin(id: $id)") == true)
            #expect(bodies[0]["variables"] == ["id": "gid://shopify/Order/450789469"])
            let calculated = try #require(bodies[1]["variables"]?["id"]?.string)
            #expect(calculated.hasPrefix("gid://shopify/CalculatedOrder/"))
            #expect(bodies[1]["query"]?.string?.contains("orderEditAddVariant(id: $id, variantId: $variantId, quantity: $quantity") == true)
            #expect(bodies[1]["variables"] == ["id": .string(calculated), "variantId": "gid://shopify/ProductVariant/222", "quantity": 1])
            #expect(
                bodies[2]["query"]?.string?.contains("orderEditAddLineItemDiscount(id: $id, lineItemId: $lineItemId, discount: $discount)") == true
            )
            #expect(bodies[2]["variables"]?["discount"] == ["description": "Thank-you offer", "percentValue": 15.0])
            #expect(bodies[2]["variables"]?["lineItemId"]?.string?.hasPrefix("gid://shopify/CalculatedLineItem/") == true)
            #expect(bodies[3]["query"]?.string?.contains("orderEditCommit(id: $id, notifyCustomer: $notifyCustomer, staffNote: $staffNote)") == true)
            #expect(bodies[3]["variables"] == ["id": .string(calculated), "notifyCustomer": false, "staffNote": "Rebound thank-you offer"])

            #expect(result.orderID == "gid://shopify/Order/450789469")
            #expect(result.amountOutstanding == "8.50")
            #expect(result.paymentPending)
            let order = try #require(await shopify.order(id: 450789469))
            #expect(order.lineItems.count == 2)
            #expect(order.lineItems[1].variantID == 222)
            #expect(order.lineItems[1].discount == 150)
            #expect(order.staffNotes == ["Rebound thank-you offer"])
            #expect(order.committedEdits == 1)
        }
    }

    @Test func withoutDiscountThreeMutationsAndAFixedDiscountSendsMoney() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            await shopify.addOrder(id: 1001)
            _ = try await editor(base, shopify).addToOrder(
                OrderAddition(orderID: "gid://shopify/Order/1001", variantID: "5", quantity: 2, currency: "USD")
            )
            #expect(await shopify.requests.count == 3)

            _ = try await editor(base, shopify).addToOrder(
                OrderAddition(
                    orderID: "1001",
                    variantID: "gid://shopify/ProductVariant/6",
                    discount: .fixedAmount(200),
                    currency: "usd",
                    notifyCustomer: true
                )
            )
            let discount = try #require(await shopify.requests.dropFirst(3).first { $0.bodyText.contains("orderEditAddLineItemDiscount(") })
            #expect(
                discount.json?["variables"]?["discount"] == [
                    "description": "Thank-you offer", "fixedValue": ["amount": "2.00", "currencyCode": "USD"],
                ]
            )
            let order = try #require(await shopify.order(id: 1001))
            #expect(order.lineItems.map(\.variantID) == [5, 6])
            #expect(order.customerNotified)
        }
    }

    @Test func userErrorsAreRejections() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            let missing = try #require(
                await platformError { try await editor(base, shopify).addToOrder(OrderAddition(orderID: "999", variantID: "1", currency: "USD")) }
            )
            #expect(missing.code == .rejected)
            #expect(missing.message == "Shopify orderEditBegin: id: The order does not exist.")
            #expect(missing.platformCode == "id")

            await shopify.addOrder(id: 7)
            await shopify.addVariant(id: 1, price: "5.00")
            let unknownVariant = try #require(
                await platformError { try await editor(base, shopify).addToOrder(OrderAddition(orderID: "7", variantID: "42", currency: "USD")) }
            )
            #expect(unknownVariant.code == .rejected)
            #expect(unknownVariant.message.contains("orderEditAddVariant: variantId: Variant does not exist"))
            #expect(await shopify.order(id: 7)?.committedEdits == 0)
        }
    }

    @Test func throttlingAndBadInput() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            await shopify.addOrder(id: 7)
            await shopify.throttleNextGraphQL()
            let throttled = try #require(
                await platformError { try await editor(base, shopify).addToOrder(OrderAddition(orderID: "7", variantID: "1", currency: "USD")) }
            )
            #expect(throttled.code == .rateLimited)
            #expect(throttled.platformCode == "THROTTLED")

            let before = await shopify.requests.count
            #expect(
                await platformError { try await editor(base, shopify).addToOrder(OrderAddition(orderID: "#1001", variantID: "1", currency: "USD")) }?
                    .code == .invalidRequest
            )
            #expect(
                await platformError { try await editor(base, shopify).addToOrder(OrderAddition(orderID: "7", variantID: nil, currency: "USD")) }?.code
                    == .invalidRequest
            )
            #expect(
                await platformError {
                    try await editor(base, shopify).addToOrder(OrderAddition(orderID: "7", variantID: "1", quantity: 0, currency: "USD"))
                }?.code == .invalidRequest
            )
            #expect(await shopify.requests.count == before)
        }
    }
}

@Suite struct WooCommerceOrderEditTests {
    @Test func putsTheLineItemWithVariationAndDiscount() async throws {
        let woo = FakeWooCommerce()
        try await woo.run { site in
            await woo.addProduct(id: 22, variationID: 23, price: "20.00")
            await woo.addOrder(id: 727)
            let editor = WooCommerceOrderEditor(configuration: .init(siteURL: site, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret))
            let result = try await editor.addToOrder(
                OrderAddition(orderID: "727", variantID: "23", productID: "22", discount: .percent(15), currency: "USD", unitPrice: 2000)
            )
            let request = try #require(await woo.requests.first)
            #expect(request.method == "PUT")
            #expect(request.path == "/wp-json/wc/v3/orders/727")
            #expect(request.header("Authorization") == "Basic Y2tfZmFrZTpjc19mYWtl")
            #expect(request.json == ["line_items": [["product_id": 22, "variation_id": 23, "quantity": 1, "subtotal": "20.00", "total": "17.00"]]])
            let order = try #require(await woo.order(id: 727))
            #expect(order.total == 1700)
            #expect(
                result == OrderEditResult(orderID: "727", lineItemID: String(order.lineItems[0].id), amountOutstanding: nil, paymentPending: true)
            )
        }
    }

    @Test func simpleProductWithoutDiscount() async throws {
        let woo = FakeWooCommerce()
        try await woo.run { site in
            await woo.addOrder(id: 5)
            let editor = WooCommerceOrderEditor(configuration: .init(siteURL: site, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret))
            _ = try await editor.addToOrder(OrderAddition(orderID: "5", variantID: nil, productID: "93", quantity: 2, currency: "USD"))
            #expect(await woo.requests.first?.json == ["line_items": [["product_id": 93, "quantity": 2]]])
        }
    }

    @Test func refusalsAndBadInput() async throws {
        let woo = FakeWooCommerce()
        try await woo.run { site in
            await woo.addProduct(id: 22, price: "20.00")
            await woo.addOrder(id: 727)
            let editor = WooCommerceOrderEditor(configuration: .init(siteURL: site, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret))
            let unknownProduct = try #require(
                await platformError { try await editor.addToOrder(OrderAddition(orderID: "727", variantID: nil, productID: "99", currency: "USD")) }
            )
            #expect(unknownProduct.code == .rejected)
            #expect(unknownProduct.platformCode == "woocommerce_rest_invalid_product_id")
            let unknownOrder = try #require(
                await platformError { try await editor.addToOrder(OrderAddition(orderID: "1", variantID: nil, productID: "22", currency: "USD")) }
            )
            #expect(unknownOrder.code == .notFound)

            let before = await woo.requests.count
            #expect(
                await platformError {
                    try await editor.addToOrder(
                        OrderAddition(orderID: "727", variantID: nil, productID: "22", discount: .percent(10), currency: "USD")
                    )
                }?.code == .invalidRequest
            )
            #expect(
                await platformError { try await editor.addToOrder(OrderAddition(orderID: "727", variantID: nil, productID: nil, currency: "USD")) }?
                    .code == .invalidRequest
            )
            #expect(
                await platformError { try await editor.addToOrder(OrderAddition(orderID: "abc", variantID: nil, productID: "22", currency: "USD")) }?
                    .code == .invalidRequest
            )
            #expect(await woo.requests.count == before)
        }
    }
}
