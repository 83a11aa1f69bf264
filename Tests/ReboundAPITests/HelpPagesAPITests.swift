import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// The public help centre and self-service portal: pages escaped under a strict Content-Security-Policy, order
/// lookup with CSRF token and rate limit, signed order links, return requests within the policy and the invoice.
@Suite struct HelpPagesAPITests {
    static func field(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// The first link whose address starts with `prefix`, with `&amp;` undone.
    static func link(_ prefix: String, in html: String) -> String? {
        guard let range = html.range(of: "href=\"\(prefix)") else { return nil }
        let rest = html[range.lowerBound...].dropFirst("href=\"".count)
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]).replacingOccurrences(of: "&amp;", with: "&") }
    }

    static func form(_ fields: [(String, String)]) -> [UInt8] {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        return Array(
            fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? $0.1)" }.joined(separator: "&").utf8
        )
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    @Test(arguments: TestEngine.available)
    func helpPagesListSearchAndShowArticlesEscapedUnderAStrictPolicy(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await BotAPITests.prepare(app)
            try await app.request(
                .put,
                "/v1/knowledge/articles/xss",
                json: [
                    "title": "<script>alert(1)</script> Tips", "body": "Hello <img src=x onerror=alert(1)> [link](javascript:alert(2))",
                    "section": "Tips",
                ]
            )
            let shop = app.shop.id.rawValue
            let index = try await app.request(.get, "/help/\(shop)")
            #expect(index.status == .ok)
            #expect(index.headers[.contentType] == "text/html; charset=utf-8")
            let policy = try #require(index.headers[.contentSecurityPolicy])
            #expect(policy.contains("default-src 'none'") && !policy.contains("script-src"))
            #expect(index.text.contains("Orders and shipping") && index.text.contains("How can I create an account?"))
            #expect(!index.text.contains("<script>alert(1)"))
            #expect(index.text.contains("&lt;script&gt;"))

            let article = try await app.request(.get, "/help/\(shop)/articles/xss")
            #expect(!article.text.contains("<img") && !article.text.contains("javascript:"))
            #expect(try await app.request(.get, "/help/\(shop)/articles/nope").status == .notFound)
            #expect(try await app.request(.get, "/help/no-such-shop").status == .notFound)

            let search = try await app.request(.get, "/help/\(shop)/search?q=payment%20methods")
            #expect(search.text.contains("What payment methods do you accept?"))
            let hostile = try await app.request(.get, "/help/\(shop)/search?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E")
            #expect(!hostile.text.contains("<script>alert(1)"))
        }
    }

    @Test(arguments: TestEngine.available)
    func theOrderLookupNeedsTheFormTokenTreatsWrongEmailsLikeUnknownOrdersAndIsRateLimited(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await BotAPITests.prepare(app)
            let placed = app.clock.now.addingTimeInterval(-3 * 86_400)
            try await app.request(
                .post,
                "/v1/events",
                json: ["events": .array(BotTestSupport.orderEvents(number: "1001", email: "ann@example.com", at: placed))]
            )
            let shop = app.shop.id.rawValue
            let page = try await app.request(.get, "/help/\(shop)/orders")
            let token = try #require(Self.field("csrf_token", in: page.text))

            let forged = try await app.request(
                .post,
                "/help/\(shop)/orders",
                body: Self.form([("order_number", "1001"), ("email", "ann@example.com")]),
                headers: Self.formHeaders
            )
            #expect(forged.status == .forbidden)
            let tampered = try await app.request(
                .post,
                "/help/\(shop)/orders",
                body: Self.form([("csrf_token", token + "x"), ("order_number", "1001"), ("email", "ann@example.com")]),
                headers: Self.formHeaders
            )
            #expect(tampered.status == .forbidden)

            func lookup(_ number: String, _ email: String) async throws -> (HTTPResponse.Status, String) {
                let response = try await app.request(
                    .post,
                    "/help/\(shop)/orders",
                    body: Self.form([("csrf_token", token), ("order_number", number), ("email", email)]),
                    headers: Self.formHeaders
                )
                // The page carries a fresh form token; take it out before comparing pages.
                var text = response.text
                if let fresh = Self.field("csrf_token", in: text) { text = text.replacingOccurrences(of: fresh, with: "TOKEN") }
                return (response.status, text)
            }
            let found = try await lookup("#1001", "ANN@example.com")
            #expect(found.0 == .ok)
            #expect(found.1.contains("https://www.dhl.de/track?id=00340434161234567890"))
            let orderLink = try #require(Self.link("/help/\(shop)/orders/1001/invoice?t=", in: found.1))

            let wrongEmail = try await lookup("1001", "eve@example.com")
            let unknown = try await lookup("9999", "eve@example.com")
            #expect(wrongEmail.0 == unknown.0)
            #expect(wrongEmail.1.replacingOccurrences(of: "1001", with: "N") == unknown.1.replacingOccurrences(of: "9999", with: "N"))
            #expect(!wrongEmail.1.contains("dhl.de"))

            // Five checks per client and email, then 429 until time passes.
            for _ in 0..<3 { _ = try await lookup("1002", "eve@example.com") }
            #expect(try await lookup("1003", "eve@example.com").0 == .tooManyRequests)
            #expect(try await lookup("1001", "ann@example.com").0 == .ok)
            app.clock.advance(by: 600)
            #expect(try await lookup("1003", "eve@example.com").0 == .ok)

            // An expired form token is refused.
            app.clock.advance(by: 3 * 3_600)
            #expect(try await lookup("1001", "ann@example.com").0 == .forbidden)

            let invoice = try await app.request(.get, orderLink)
            #expect(invoice.status == .ok)
            #expect(invoice.text.contains("INV-1001") && invoice.text.contains("DE123456789"))
            #expect(try await app.request(.get, "/help/\(shop)/orders/1001/invoice").status == .notFound)
            #expect(try await app.request(.get, "/help/\(shop)/orders/1002/invoice?" + orderLink.split(separator: "?")[1]).status == .notFound)
            app.clock.advance(by: 8 * 86_400)
            #expect(try await app.request(.get, orderLink).status == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func aReturnRequestWithinThePolicyBecomesAConversationAndAnEvent(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await BotAPITests.prepare(app)
            let placed = app.clock.now.addingTimeInterval(-3 * 86_400)
            try await app.request(
                .post,
                "/v1/events",
                json: ["events": .array(BotTestSupport.orderEvents(number: "1001", email: "ann@example.com", at: placed))]
            )
            let shop = app.shop.id.rawValue
            let page = try await app.request(.get, "/help/\(shop)/orders")
            let status = try await app.request(
                .post,
                "/help/\(shop)/orders",
                body: Self.form([
                    ("csrf_token", try #require(Self.field("csrf_token", in: page.text))), ("order_number", "1001"), ("email", "ann@example.com"),
                ]),
                headers: Self.formHeaders
            )
            let returnLink = try #require(Self.link("/help/\(shop)/orders/1001/return?t=", in: status.text))
            let form = try await app.request(.get, returnLink)
            #expect(form.status == .ok)
            let csrf = try #require(Self.field("csrf_token", in: form.text))

            let noCSRF = try await app.request(
                .post,
                returnLink,
                body: Self.form([("item_1", "1"), ("reason", "too_small")]),
                headers: Self.formHeaders
            )
            #expect(noCSRF.status == .forbidden)
            let invalid = try await app.request(
                .post,
                returnLink,
                body: Self.form([("csrf_token", csrf), ("item_1", "5"), ("reason", "other"), ("resolution", "refund")]),
                headers: Self.formHeaders
            )
            #expect(invalid.status == .unprocessableContent)
            #expect(invalid.text.contains("only 1 ordered") && invalid.text.contains("please explain the reason"))

            let sent = try await app.request(
                .post,
                returnLink,
                body: Self.form([
                    ("csrf_token", csrf), ("item_1", "1"), ("reason", "too_small"), ("resolution", "exchange"), ("comment", "<b>M</b> please"),
                ]),
                headers: Self.formHeaders
            )
            #expect(sent.status == .created)
            #expect(sent.text.contains("Return request received"))
            let events = try await app.store.events(shopID: app.shop.id, filter: .init(type: "return_requested"), limit: 5)
            #expect(events.count == 1)
            #expect(events.first?.event.properties["resolution"] == "exchange")
            let conversationID = try #require(events.first?.event.properties["conversation_id"]?.stringValue)
            let conversation = try #require(try await app.store.conversation(shopID: app.shop.id, id: conversationID))
            #expect(conversation.channel == "portal" && conversation.intent == "return_request" && conversation.customerID != nil)
            let messages = try await app.store.conversationMessages(shopID: app.shop.id, conversationID: conversationID)
            #expect(messages.first?.body.contains("1 × Linen shirt") == true)

            // An order past the 30-day window offers no return.
            let old = app.clock.now.addingTimeInterval(-35 * 86_400)
            try await app.request(
                .post,
                "/v1/events",
                json: ["events": .array(BotTestSupport.orderEvents(number: "1002", email: "ann@example.com", at: old))]
            )
            let oldStatus = try await app.request(
                .post,
                "/help/\(shop)/orders",
                body: Self.form([
                    ("csrf_token", try #require(Self.field("csrf_token", in: page.text))), ("order_number", "1002"), ("email", "ann@example.com"),
                ]),
                headers: Self.formHeaders
            )
            #expect(oldStatus.text.contains("Order #1002") || oldStatus.text.contains("#1002"))
            #expect(Self.link("/help/\(shop)/orders/1002/return?t=", in: oldStatus.text) == nil)
        }
    }
}
