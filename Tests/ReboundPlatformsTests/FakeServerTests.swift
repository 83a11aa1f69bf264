import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ReboundPlatformsFakes
import Testing

/// The fakes are what the app's tests run against, so they must refuse what the real services refuse.
@Suite struct FakeServerTests {
    func post(_ url: String, headers: [(String, String)], body: String) async throws -> (Int, FakeJSON?) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let bytes = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), FakeJSON(parsing: bytes.readableBytesView))
    }

    @Test func fakeShopifyValidatesPriceRulesAsTheReferenceDoes() async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            let url = base + "/admin/api/2024-10/price_rules.json"
            let auth = [("X-Shopify-Access-Token", shopify.accessToken)]
            let positive = try await post(
                url,
                headers: auth,
                body:
                    #"{"price_rule":{"title":"X","target_type":"line_item","target_selection":"all","allocation_method":"across","value_type":"percentage","value":"10.0","customer_selection":"all","starts_at":"2024-10-01T12:00:00Z"}}"#
            )
            #expect(positive.0 == 422)
            #expect(positive.1?["errors"]?["value"] == ["must be less than 0"])

            let shipping = try await post(
                url,
                headers: auth,
                body:
                    #"{"price_rule":{"title":"X","target_type":"shipping_line","target_selection":"all","allocation_method":"across","value_type":"fixed_amount","value":"-5.0","customer_selection":"all","starts_at":"2024-10-01T12:00:00Z"}}"#
            )
            #expect(shipping.0 == 422)
            #expect(shipping.1?["errors"]?["allocation_method"] == ["must be each when target_type is shipping_line"])
            #expect(shipping.1?["errors"]?["value_type"] == ["must be percentage when target_type is shipping_line"])

            let noToken = try await post(url, headers: [], body: "{}")
            #expect(noToken.0 == 401)
            let wrongVersion = try await post(base + "/admin/api/2023-01/price_rules.json", headers: auth, body: "{}")
            #expect(wrongVersion.0 == 404)
            #expect(await shopify.priceRules().isEmpty)
        }
    }

    @Test func fakeWooCommerceWantsStringAmountsAndBasicAuth() async throws {
        let woo = FakeWooCommerce()
        try await woo.run { site in
            let url = site + "/wp-json/wc/v3/coupons"
            let auth = [("Authorization", "Basic " + Data("\(woo.consumerKey):\(woo.consumerSecret)".utf8).base64EncodedString())]
            let number = try await post(url, headers: auth, body: #"{"code":"a","discount_type":"percent","amount":10}"#)
            #expect(number.0 == 400)
            #expect(number.1?["code"] == "rest_invalid_param")
            let badType = try await post(url, headers: auth, body: #"{"code":"a","discount_type":"percent_cart","amount":"10"}"#)
            #expect(badType.0 == 400)
            let noAuth = try await post(url, headers: [], body: #"{"code":"a"}"#)
            #expect(noAuth.0 == 401)
            #expect(noAuth.1?["data"]?["status"] == 401)
            #expect(await woo.coupons().isEmpty)
        }
    }

    @Test func fakeOpenAIAnswersInOrderAndRecordsRequests() async throws {
        let openAI = FakeOpenAI(replies: ["one", "two"])
        try await openAI.run { base in
            let auth = [("Authorization", "Bearer \(openAI.apiKey)")]
            let body = #"{"model":"m","messages":[{"role":"user","content":"hi"}]}"#
            let first = try await post(base + "/v1/chat/completions", headers: auth, body: body)
            let second = try await post(base + "/v1/chat/completions", headers: auth, body: body)
            let third = try await post(base + "/v1/chat/completions", headers: auth, body: body)
            #expect([first, second, third].map { $0.1?["choices"]?[0]?["message"]?["content"] } == ["one", "two", "two"])
            let invalid = try await post(base + "/v1/chat/completions", headers: auth, body: #"{"model":"m","messages":[]}"#)
            #expect(invalid.0 == 400)
            #expect(await openAI.requests.count == 4)
        }
    }
}
