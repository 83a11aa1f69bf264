import Foundation
import ReboundPlatforms
import ReboundPlatformsFakes
import Testing

@Suite struct WooCommerceDiscountTests {
    @Test func createsASingleUseCouponAsDocumented() async throws {
        let woo = FakeWooCommerce()
        try await woo.run { site in
            let platform = WooCommerceDiscountPlatform(
                configuration: .init(siteURL: site, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret)
            )
            let issued = try await platform.createCode(Fixture.request(email: "ada@example.com"))

            let request = try #require(await woo.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/wp-json/wc/v3/coupons")
            // HTTP basic auth with the key pair: base64("ck_fake:cs_fake").
            #expect(request.header("Authorization") == "Basic Y2tfZmFrZTpjc19mYWtl")
            #expect(
                request.json
                    == [
                        "code": "RB-7KQ4-MX2P",
                        "description": "Rebound cart-48h",
                        "discount_type": "percent",
                        "amount": "10",
                        "individual_use": true,
                        "usage_limit": 1,
                        "usage_limit_per_user": 1,
                        "free_shipping": false,
                        "minimum_amount": "50.00",
                        "date_expires": "2024-10-03T12:00:00Z",
                        "email_restrictions": ["ada@example.com"],
                    ]
            )
            let stored = try #require(await woo.coupons().first)
            #expect(stored["code"] == "rb-7kq4-mx2p")
            #expect(issued == IssuedDiscountCode(code: "RB-7KQ4-MX2P", platformCodeID: String(stored["id"]!.int!)))
        }
    }

    @Test func fixedCartAndFreeShipping() async throws {
        let woo = FakeWooCommerce()
        try await woo.run { site in
            let platform = WooCommerceDiscountPlatform(
                configuration: .init(siteURL: site, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret)
            )
            _ = try await platform.createCode(Fixture.request(code: "RB-FIX", value: .fixedAmount(1000), minimum: nil))
            _ = try await platform.createCode(Fixture.request(code: "RB-SHIP", value: .freeShipping, minimum: nil))
            let bodies = await woo.requests.compactMap(\.json)
            #expect(bodies[0]["discount_type"] == "fixed_cart")
            #expect(bodies[0]["amount"] == "10.00")
            #expect(bodies[0]["minimum_amount"] == nil)
            #expect(bodies[0]["email_restrictions"] == nil)
            #expect(bodies[1]["discount_type"] == "fixed_cart")
            #expect(bodies[1]["amount"] == "0")
            #expect(bodies[1]["free_shipping"] == true)
        }
    }

    @Test func aRetriedCreateReturnsTheExistingCoupon() async throws {
        let woo = FakeWooCommerce()
        try await woo.run { site in
            let platform = WooCommerceDiscountPlatform(
                configuration: .init(siteURL: site, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret)
            )
            let first = try await platform.createCode(Fixture.request())
            let second = try await platform.createCode(Fixture.request())
            #expect(first == second)
            #expect(await woo.coupons().count == 1)
            let lookup = try #require(await woo.requests.last)
            #expect(lookup.method == "GET")
            #expect(lookup.path == "/wp-json/wc/v3/coupons")
            #expect(lookup.query["code"] == "RB-7KQ4-MX2P")
        }
    }

    @Test func readsRedemptionsAndLooksUpCodes() async throws {
        let woo = FakeWooCommerce()
        try await woo.run { site in
            let platform = WooCommerceDiscountPlatform(
                configuration: .init(siteURL: site, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret)
            )
            let issued = try await platform.createCode(Fixture.request())
            #expect(try await platform.redemptions(of: issued) == 0)
            await woo.setUsageCount(couponID: Int64(issued.platformCodeID)!, to: 1)
            #expect(try await platform.redemptions(of: issued) == 1)
            #expect(try await platform.lookup(code: "RB-7KQ4-MX2P")?.platformCodeID == issued.platformCodeID)
            #expect(try await platform.lookup(code: "RB-NONE") == nil)
        }
    }

    @Test func errorsCarryWooCommerceCodes() async throws {
        let woo = FakeWooCommerce()
        try await woo.run { site in
            let wrong = WooCommerceDiscountPlatform(configuration: .init(siteURL: site, consumerKey: woo.consumerKey, consumerSecret: "nope"))
            let auth = try #require(await platformError { try await wrong.createCode(Fixture.request()) })
            #expect(auth.code == .authenticationFailed)
            #expect(auth.platformCode == "woocommerce_rest_authentication_error")
            #expect(auth.message == "WooCommerce: Consumer key is invalid.")

            let platform = WooCommerceDiscountPlatform(
                configuration: .init(siteURL: site, consumerKey: woo.consumerKey, consumerSecret: woo.consumerSecret)
            )
            await woo.failNextRequests(1, status: 500)
            let server = try #require(await platformError { try await platform.createCode(Fixture.request()) })
            #expect(server.code == .transientFailure)
            #expect(server.isTransient)

            let missing = try #require(
                await platformError { try await platform.redemptions(of: IssuedDiscountCode(code: "X", platformCodeID: "999999")) }
            )
            #expect(missing.code == .notFound)
            #expect(missing.platformCode == "woocommerce_rest_shop_coupon_invalid_id")
        }
    }
}

@Suite struct ImportedDiscountCodesTests {
    @Test func handsOutEachCodeOnceInOrder() async throws {
        let list = ImportedDiscountCodes(codes: ["SPRING-A", " spring-a ", "", "SPRING-B"])
        #expect(await list.remaining == 2)
        let first = try await list.createCode(Fixture.request(code: "RB-1"))
        let again = try await list.createCode(Fixture.request(code: "RB-1"))
        let second = try await list.createCode(Fixture.request(code: "RB-2"))
        #expect(first == IssuedDiscountCode(code: "SPRING-A", platformCodeID: "0"))
        #expect(again == first)
        #expect(second.code == "SPRING-B")
        #expect(await list.remaining == 0)
        let error = try #require(await platformError { try await list.createCode(Fixture.request(code: "RB-3")) })
        #expect(error.code == .exhausted)
        #expect(await list.lookup(code: "spring-b")?.code == "SPRING-B")
        #expect(await list.lookup(code: "SUMMER") == nil)
        #expect(await list.redemptions(of: first) == nil)
    }
}
