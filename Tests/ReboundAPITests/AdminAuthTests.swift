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

/// Sign-in, sessions, CSRF and shop isolation of `/admin`.
@Suite struct AdminAuthTests {
    @Test(arguments: TestEngine.available)
    func anAgentSignsInWorksAndSignsOut(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let agent = try await AdminTestSupport.agent(app)
            #expect(agent.passwordHash.hasPrefix("$2"))
            #expect(!agent.passwordHash.contains(AdminTestSupport.password))

            let page = try await app.request(.get, "/admin/login")
            #expect(page.status == .ok)
            let loginCookie = page.headers[values: .setCookie].first { $0.hasPrefix("rb_login_csrf=") } ?? ""
            #expect(loginCookie.contains("HttpOnly") && loginCookie.contains("SameSite=Lax"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)

            let response = try await AdminTestSupport.postLogin(app, email: "ANN@shop.example", password: AdminTestSupport.password)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/admin")
            let sessionCookie = response.headers[values: .setCookie].first { $0.hasPrefix("rb_admin=") } ?? ""
            #expect(sessionCookie.contains("HttpOnly") && sessionCookie.contains("SameSite=Lax") && sessionCookie.contains("Path=/admin"))
            // The test app is published at https://rebound.test, so the cookie only travels over HTTPS.
            #expect(sessionCookie.contains("Secure"))
            let token = AdminTestSupport.cookieValue(response, "rb_admin") ?? ""
            #expect(Array(token.utf8).count >= 43, "32 random bytes, base64")
            // Only a hash of the token is stored.
            #expect(try await app.store.session(tokenHash: token, now: app.clock.now) == nil)

            let browser = try await AdminTestSupport.signIn(app)
            let dashboard = try await AdminTestSupport.get(app, browser, "/admin")
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("Test Shop") && dashboard.text.contains("Ann Agent"))

            let refused = try await AdminTestSupport.post(app, browser, "/admin/logout", [], csrf: false)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("This form has expired"))
            let headerToken = try await app.request(
                .post,
                "/admin/logout",
                headers: [.cookie: browser.cookie, HTTPField.Name("X-CSRF-Token")!: "wrong"]
            )
            #expect(headerToken.status == .forbidden)

            let out = try await AdminTestSupport.post(app, browser, "/admin/logout", [])
            #expect(out.status == .seeOther)
            #expect(out.headers[.location] == "/admin/login")
            let after = try await AdminTestSupport.get(app, browser, "/admin")
            #expect(after.status == .unauthorized)
        }
    }

    @Test(arguments: TestEngine.available)
    func badSignInsAreRefusedAndRateLimited(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await AdminTestSupport.agent(app)
            let wrong = try await AdminTestSupport.postLogin(app, email: "ann@shop.example", password: "not the password")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Email or password is wrong."))
            #expect(AdminTestSupport.cookieValue(wrong, "rb_admin") == nil)
            let unknown = try await AdminTestSupport.postLogin(app, email: "nobody@shop.example", password: "whatever")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.text.contains("Email or password is wrong."), "an unknown email reads like a wrong password")

            // A POST without the form's cookie (a cross-site form) is refused before the password is looked at.
            let forgedForm = try await app.request(
                .post,
                "/admin/login",
                body: AdminTestSupport.form([("_csrf", "abc"), ("email", "ann@shop.example"), ("password", AdminTestSupport.password)]),
                headers: [.contentType: "application/x-www-form-urlencoded"]
            )
            #expect(forgedForm.status == .forbidden)

            for _ in 0..<4 { _ = try await AdminTestSupport.postLogin(app, email: "ann@shop.example", password: "guess") }
            let limited = try await AdminTestSupport.postLogin(app, email: "ann@shop.example", password: AdminTestSupport.password)
            #expect(limited.status == .tooManyRequests)
            #expect(limited.headers[.retryAfter] != nil)
            #expect(limited.text.contains("Too many failed attempts"))
            // The window passes (the clock is the test's): the right password works again.
            app.clock.advance(by: 16 * 60)
            let ok = try await AdminTestSupport.postLogin(app, email: "ann@shop.example", password: AdminTestSupport.password)
            #expect(ok.status == .seeOther)
        }
    }

    @Test(arguments: TestEngine.available)
    func forgedAndExpiredSessionsGetClearPages(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await AdminTestSupport.agent(app)
            let anonymous = try await app.request(.get, "/admin/customers?q=x")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location]?.hasPrefix("/admin/login?next=") == true)
            let anonymousPost = try await app.request(.post, "/admin/segments/new")
            #expect(anonymousPost.status == .unauthorized)

            let forged = try await app.request(.get, "/admin", headers: [.cookie: "rb_admin=" + String(repeating: "A", count: 43)])
            #expect(forged.status == .unauthorized)
            #expect(forged.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(forged.text.contains("Your session is not valid"))
            #expect(forged.text.contains("/admin/login"))

            let browser = try await AdminTestSupport.signIn(app)
            app.clock.advance(by: 13 * 3600)
            let expired = try await AdminTestSupport.get(app, browser, "/admin")
            #expect(expired.status == .unauthorized)
        }
    }

    @Test(arguments: TestEngine.available)
    func anAgentSeesOnlyTheirOwnShop(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            try await AdminTestSupport.agent(app)
            let other = try await makeTestShop(app.store, now: app.clock.now)
            let otherAgent = try await AdminTestSupport.agent(app, email: "bob@other.example", shopID: other.shop.id)
            #expect(otherAgent.shopID == other.shop.id)
            // A customer and a segment of the other shop.
            let event: JSONValue = [
                "id": "b1", "type": "identified", "anonymous_id": "b-anon", "customer": ["email": "secret@other.example"],
            ]
            #expect(try await app.request(.post, "/v1/events", json: event, key: other.apiKey).status == .accepted)
            let customers = try await app.request(.get, "/v1/customers", key: other.apiKey).json["data"]?.arrayValue ?? []
            let theirCustomer = try #require(customers.first?["id"]?.stringValue)
            let segment = try await app.request(
                .post,
                "/v1/segments",
                json: ["name": "Theirs", "rule": ["match": "all", "rules": [["field": "orderCount", "op": "gte", "value": 0]]]],
                key: other.apiKey
            )
            #expect(segment.status == .created)
            let theirSegment = try #require(try segment.json["id"]?.stringValue)

            let browser = try await AdminTestSupport.signIn(app)
            let customer = try await AdminTestSupport.get(app, browser, "/admin/customers/" + theirCustomer)
            #expect(customer.status == .notFound)
            #expect(!customer.text.contains("secret@other.example"))
            #expect(customer.text.contains("Customer not found"))
            let list = try await AdminTestSupport.get(app, browser, "/admin/customers?q=secret")
            #expect(list.status == .ok && !list.text.contains("secret@other.example"))
            #expect(try await AdminTestSupport.get(app, browser, "/admin/segments/" + theirSegment).status == .notFound)
            let delete = try await AdminTestSupport.post(app, browser, "/admin/segments/\(theirSegment)/delete", [])
            #expect(delete.status == .notFound)
            #expect(try await app.store.segment(shopID: other.shop.id, id: theirSegment) != nil)
            // The same through the API: the key of this shop does not reach the other shop's segment.
            #expect(try await app.request(.get, "/v1/segments/" + theirSegment).status == .notFound)
        }
    }
}
