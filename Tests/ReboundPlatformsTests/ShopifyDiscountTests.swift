import Foundation
import ReboundPlatforms
import ReboundPlatformsFakes
import Testing

@Suite struct ShopifyDiscountTests {
    @Test func createsAPercentCodeWithThePriceRuleAsDocumented() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: base, accessToken: shopify.accessToken))
            let issued = try await platform.createCode(Fixture.request())

            let requests = await shopify.requests
            #expect(requests.map(\.method) == ["POST", "POST"])
            #expect(requests[0].path == "/admin/api/2024-10/price_rules.json")
            #expect(requests[0].header("X-Shopify-Access-Token") == shopify.accessToken)
            #expect(requests[0].header("Content-Type") == "application/json")
            let rule = try #require(requests[0].json?["price_rule"])
            #expect(
                rule
                    == [
                        "title": "RB-7KQ4-MX2P",
                        "target_type": "line_item",
                        "target_selection": "all",
                        "allocation_method": "across",
                        "value_type": "percentage",
                        "value": "-10.0",
                        "customer_selection": "all",
                        "once_per_customer": true,
                        "usage_limit": 1,
                        "starts_at": "2024-10-01T12:00:00Z",
                        "ends_at": "2024-10-03T12:00:00Z",
                        "prerequisite_subtotal_range": ["greater_than_or_equal_to": "50.00"],
                    ]
            )
            let ruleID = try #require(await shopify.priceRules().first?["id"]?.int)
            #expect(requests[1].path == "/admin/api/2024-10/price_rules/\(ruleID)/discount_codes.json")
            #expect(requests[1].json == ["discount_code": ["code": "RB-7KQ4-MX2P"]])

            let code = try #require(await shopify.discountCodes().first)
            #expect(issued == IssuedDiscountCode(code: "RB-7KQ4-MX2P", platformCodeID: String(code["id"]!.int!), platformRuleID: String(ruleID)))
        }
    }

    @Test func fixedAmountAndFreeShippingUseTheDocumentedTargets() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: base, accessToken: shopify.accessToken))
            _ = try await platform.createCode(Fixture.request(code: "RB-FIXED", value: .fixedAmount(550), minimum: nil))
            _ = try await platform.createCode(Fixture.request(code: "RB-SHIP", value: .freeShipping, minimum: 7500))

            let rules = await shopify.requests.filter { $0.path.hasSuffix("/price_rules.json") }.compactMap { $0.json?["price_rule"] }
            #expect(rules.count == 2)
            #expect(rules[0]["value_type"] == "fixed_amount")
            #expect(rules[0]["value"] == "-5.50")
            #expect(rules[0]["target_type"] == "line_item")
            #expect(rules[0]["allocation_method"] == "across")
            #expect(rules[0]["prerequisite_subtotal_range"] == nil)
            // The reference's FREESHIPPING example.
            #expect(rules[1]["target_type"] == "shipping_line")
            #expect(rules[1]["allocation_method"] == "each")
            #expect(rules[1]["value_type"] == "percentage")
            #expect(rules[1]["value"] == "-100.0")
            #expect(rules[1]["prerequisite_subtotal_range"] == ["greater_than_or_equal_to": "75.00"])
        }
    }

    @Test func waitsAsRetryAfterSaysOn429() async throws {
        let shopify = FakeShopify()
        let waits = RecordedWaits()
        try await shopify.run { base in
            await shopify.failNextRequests(1, status: 429, retryAfter: "1.5")
            let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: base, accessToken: shopify.accessToken), retry: waits.policy())
            let issued = try await platform.createCode(Fixture.request())
            #expect(issued.code == "RB-7KQ4-MX2P")
            #expect(await waits.waits == [.milliseconds(1500)])
            #expect(await shopify.requests.count == 3)
        }
    }

    @Test func givesUpWhenRetriesRunOutOrTheWaitIsTooLong() async throws {
        let shopify = FakeShopify()
        let waits = RecordedWaits()
        try await shopify.run { base in
            let configuration = ShopifyConfiguration(shopURL: base, accessToken: shopify.accessToken)
            await shopify.failNextRequests(3, status: 429, retryAfter: nil)
            let exhausted = try #require(
                await platformError {
                    try await ShopifyDiscountPlatform(configuration: configuration, retry: waits.policy(maxAttempts: 3)).createCode(Fixture.request())
                }
            )
            #expect(exhausted.code == .rateLimited)
            #expect(await waits.waits == [.seconds(2), .seconds(2)])

            await shopify.failNextRequests(1, status: 429, retryAfter: "120")
            let tooLong = try #require(
                await platformError {
                    try await ShopifyDiscountPlatform(configuration: configuration, retry: waits.policy()).createCode(Fixture.request())
                }
            )
            #expect(tooLong.retryAfter == .seconds(120))
            #expect(await waits.waits.count == 2)
        }
    }

    @Test func reports429WithoutRetryPolicy() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            await shopify.failNextRequests(1, status: 429, retryAfter: "2.0")
            let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: base, accessToken: shopify.accessToken))
            let error = try #require(await platformError { try await platform.createCode(Fixture.request()) })
            #expect(error.code == .rateLimited)
            #expect(error.status == 429)
            #expect(error.retryAfter == .seconds(2))
            #expect(error.isTransient)
            #expect(error.message.contains("Exceeded 2 calls per second"))
        }
    }

    @Test func surfaces422ErrorsText() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            await shopify.answerNextRequests(
                status: 422,
                body: ["errors": ["ends_at": ["must be after starts_at"], "value": ["must be less than 0"]]]
            )
            let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: base, accessToken: shopify.accessToken))
            let error = try #require(await platformError { try await platform.createCode(Fixture.request()) })
            #expect(error.code == .rejected)
            #expect(error.status == 422)
            #expect(error.message == "Shopify: ends_at must be after starts_at; value must be less than 0")
        }
    }

    @Test func aRetriedCreateReturnsTheExistingCodeAndRemovesTheSpareRule() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: base, accessToken: shopify.accessToken))
            let first = try await platform.createCode(Fixture.request())
            let second = try await platform.createCode(Fixture.request())
            #expect(first == second)
            #expect(await shopify.priceRules().count == 1)
            #expect(await shopify.discountCodes().count == 1)
            let methods = await shopify.requests.map { "\($0.method) \($0.path)" }
            #expect(methods.contains { $0.hasPrefix("DELETE /admin/api/2024-10/price_rules/") })
            #expect(methods.contains("GET /admin/api/2024-10/discount_codes/lookup.json"))
        }
    }

    @Test func readsRedemptionsAndLooksUpCodes() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: base, accessToken: shopify.accessToken))
            let issued = try await platform.createCode(Fixture.request())
            #expect(try await platform.redemptions(of: issued) == 0)
            await shopify.setUsageCount(code: issued.code, to: 1)
            #expect(try await platform.redemptions(of: issued) == 1)

            // Lookup answers 303 See Other; the adapter ends up at the code either way.
            #expect(try await platform.lookup(code: "rb-7kq4-mx2p") == issued)
            #expect(try await platform.lookup(code: "NOPE") == nil)
            let lookup = try #require(await shopify.requests.last { $0.path.hasSuffix("lookup.json") })
            #expect(lookup.query["code"] == "NOPE")
        }
    }

    @Test func wrongTokenIsAnAuthenticationFailure() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: base, accessToken: "wrong"))
            let error = try #require(await platformError { try await platform.createCode(Fixture.request()) })
            #expect(error.code == .authenticationFailed)
            #expect(error.status == 401)
            #expect(error.message.contains("Invalid API key or access token"))
        }
    }

    @Test func badRequestsFailBeforeAnyCall() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: base, accessToken: shopify.accessToken))
            #expect(await platformError { try await platform.createCode(Fixture.request(value: .percent(0))) }?.code == .invalidRequest)
            #expect(await platformError { try await platform.createCode(Fixture.request(value: .fixedAmount(-1))) }?.code == .invalidRequest)
            #expect(await platformError { try await platform.createCode(Fixture.request(code: " ")) }?.code == .invalidRequest)
            var backwards = Fixture.request()
            backwards.expiresAt = Fixture.now
            #expect(await platformError { try await platform.createCode(backwards) }?.code == .invalidRequest)
            let unconfigured = ShopifyDiscountPlatform(configuration: .init(shopURL: base, accessToken: ""))
            #expect(await platformError { try await unconfigured.createCode(Fixture.request()) }?.code == .invalidConfiguration)
            #expect(await shopify.requests.isEmpty)
        }
    }

    @Test func unreachableShopIsAConnectionFailure() async throws {
        // Port 9 on loopback (discard) has no listener here.
        let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: "http://127.0.0.1:9", accessToken: "token", timeout: .seconds(1)))
        let error = try #require(await platformError { try await platform.createCode(Fixture.request()) })
        #expect(error.code == .connectionFailed)
        #expect(error.isTransient)
    }
}
