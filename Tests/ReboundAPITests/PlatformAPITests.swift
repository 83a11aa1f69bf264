import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundPlatforms
import ReboundPlatformsFakes
import ReboundStore
import ReboundTesting
import Testing

/// Rebound against the services it talks to, through fakes that speak their documented wire formats: discount
/// codes pushed to Shopify, Meta messaging webhooks, and signed outbound event webhooks.
@Suite struct PlatformAPITests {
    @Test(arguments: TestEngine.available)
    func issuedCodesArePushedToShopify(engine: TestEngine) async throws {
        let shopify = FakeShopify()
        try await shopify.run { base in
            try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
                let patched = try await app.request(
                    .patch,
                    "/v1/settings",
                    json: ["platform_api": ["kind": "shopify", "base_url": .string(base), "access_token": .string(shopify.accessToken)]]
                )
                #expect(patched.status == .ok)
                #expect(!patched.text.contains(shopify.accessToken))
                try await app.request(.post, "/v1/flows", json: ["template": "cart_recovery"])
                try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e1", email: "kim@example.com", emailConsent: true))
                app.clock.advance(by: 60)
                try await app.detect()
                try await app.runFlows()
                // The third step issues the code 48 h after abandonment.
                app.clock.advance(by: 48 * 3600 + 60)
                try await app.runFlows()
                let pending = try #require(try await app.request(.get, "/v1/discount-codes").json["data"]?.arrayValue?.first)
                #expect(pending["status"] == "pending" && pending["platform"] == "shopify")
                try await app.dispatch()
                let code = try #require(pending["code"]?.stringValue)
                let codes = await shopify.discountCodes()
                #expect(codes.contains { $0["code"]?.string == code })
                let rules = await shopify.priceRules()
                #expect(rules.first?["value_type"]?.string == "percentage" && rules.first?["value"]?.string == "-10.0")
                #expect(rules.first?["usage_limit"]?.int == 1)
                let pushed = try #require(try await app.request(.get, "/v1/discount-codes").json["data"]?.arrayValue?.first)
                #expect(pushed["status"] == "issued")
                let message = try #require(
                    try await app.request(.get, "/v1/messages?flow_id=cart_recovery").json["data"]?.arrayValue?.first { $0["channel"] == "discount" }
                )
                #expect(message["status"] == "sent")
            }
        }
    }

    @Test(arguments: TestEngine.available)
    func metaWebhooksVerifyAndLandInConversations(engine: TestEngine) async throws {
        let meta = FakeMeta()
        try await meta.run { graph in try await Self.metaRoundTrip(engine: engine, meta: meta, graph: graph) }
    }

    static func metaRoundTrip(engine: TestEngine, meta: FakeMeta, graph: String) async throws {
        try await withTestApp(engine) { app in
            try await app.request(
                .patch,
                "/v1/settings",
                json: [
                    "meta": [
                        "app_secret": "app-secret", "verify_token": "verify-me", "page_access_token": .string(meta.pageAccessToken),
                        "graph_base_url": .string(graph),
                    ]
                ]
            )
            let shop = app.shop.id.rawValue
            let handshake = try await app.request(
                .get,
                "/webhooks/meta/\(shop)?hub.mode=subscribe&hub.verify_token=verify-me&hub.challenge=1158201444"
            )
            #expect(handshake.status == .ok && handshake.text == "1158201444")
            let wrong = try await app.request(.get, "/webhooks/meta/\(shop)?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1")
            #expect(wrong.status == .forbidden)

            let payload = """
                {"object":"page","entry":[{"id":"PAGE_ID","time":1764160000000,"messaging":[{"sender":{"id":"PSID_1"},"recipient":{"id":"PAGE_ID"},\
                "timestamp":1764160000000,"message":{"mid":"m_1","text":"Do you ship to Austria?"}}]}]}
                """
            let body = Array(payload.utf8)
            let signed = MetaSignature.header(body: body, appSecret: "app-secret")
            let forged = try await app.request(
                .post,
                "/webhooks/meta/\(shop)",
                body: body,
                headers: [HTTPField.Name("X-Hub-Signature-256")!: "sha256=00"]
            )
            #expect(forged.status == .unauthorized)
            for _ in 0..<2 {
                let accepted = try await app.request(
                    .post,
                    "/webhooks/meta/\(shop)",
                    body: body,
                    headers: [HTTPField.Name("X-Hub-Signature-256")!: signed]
                )
                #expect(accepted.status == .ok)
            }
            let conversations = try await app.request(.get, "/v1/conversations").json["data"]?.arrayValue ?? []
            #expect(conversations.count == 1 && conversations.first?["channel"] == "messenger")
            let id = try #require(conversations.first?["id"]?.stringValue)
            let thread = try await app.request(.get, "/v1/conversations/\(id)").json
            #expect(thread["messages"]?.arrayValue?.count == 1)
            #expect(thread["messages"]?.arrayValue?.first?["text"] == "Do you ship to Austria?")
            // The agent's answer goes back through the Send API to the same person.
            let reply = try await app.request(.post, "/v1/conversations/\(id)/messages", json: ["text": "Yes, in 3–5 days."])
            #expect(reply.status == .created)
            try await app.dispatch()
            let sent = await meta.sentMessages
            #expect(sent.count == 1 && sent.first?.recipient == "PSID_1" && sent.first?.text == "Yes, in 3–5 days.")
        }
    }

    @Test(arguments: TestEngine.available)
    func subscribedEventsArePostedSigned(engine: TestEngine) async throws {
        let receiver = try FixtureServer(script: "fake_http.py", arguments: [])
        defer { receiver.stop() }
        try await withTestApp(engine, settings: ShopSettings(cartAbandonAfterSeconds: 60)) { app in
            try await app.request(
                .patch,
                "/v1/settings",
                json: ["webhook_url": .string("http://127.0.0.1:\(receiver.port)/hook"), "webhook_events": ["cart_abandoned"]]
            )
            // The receiver checks signatures with the secret "whsec".
            var settings = try await app.store.channelSettings(shopID: app.shop.id)
            settings.webhookSecret = "whsec"
            try await app.store.saveChannelSettings(shopID: app.shop.id, settings, now: app.clock.now)
            try await app.request(.post, "/v1/events", json: EventAPITests.cartEvent("e1"))
            app.clock.advance(by: 60)
            try await app.detect()
            try await app.runFlows()
            try await app.runFlows()
            try await app.dispatch()
            let hooks = try await app.request(.get, "/v1/messages?status=sent").json["data"]?.arrayValue ?? []
            #expect(hooks.count == 1 && hooks.first?["channel"] == "webhook" && hooks.first?["provider_id"] == "http 200")
            let seen = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(receiver.port)/requests"), timeout: .seconds(5))
            let text = String(buffer: try await seen.body.collect(upTo: 1 << 20))
            #expect(text.contains("cart_abandoned"))
        }
    }
}
