import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundApp
import ReboundCore
import ReboundStore
import ReboundTesting

/// A browser's view of `/admin`: its cookies and the page's CSRF token.
struct AdminBrowser {
    var cookie: String
    var csrf: String
}

enum AdminTestSupport {
    static let password = "correct horse battery"

    /// An agent of the app's shop (bcrypt cost 4: fast, and verification reads the cost from the hash).
    @discardableResult
    static func agent(_ app: TestApp, email: String = "ann@shop.example", shopID: Shop.ID? = nil) async throws -> Agent {
        try await ShopAdmin.createAgent(
            shopID: shopID ?? app.shop.id,
            email: email,
            name: "Ann Agent",
            role: .admin,
            password: password,
            cost: 4,
            store: app.store,
            now: app.clock.now
        )
    }

    static func cookieValue(_ response: TestResponse, _ name: String) -> String? {
        for header in response.headers[values: .setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2, pair[0] == name { return String(pair[1]) }
        }
        return nil
    }

    static func form(_ fields: [(String, String)]) -> [UInt8] {
        Array(
            fields.map { name, value in
                let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
                return (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name) + "="
                    + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
            }.joined(separator: "&").utf8
        )
    }

    /// The sign-in form's response to a POST with the login page's own CSRF cookie and field.
    static func postLogin(_ app: TestApp, email: String, password: String) async throws -> TestResponse {
        let page = try await app.request(.get, "/admin/login")
        let token = cookieValue(page, "rb_login_csrf") ?? ""
        return try await app.request(
            .post,
            "/admin/login",
            body: form([("_csrf", token), ("email", email), ("password", password)]),
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "rb_login_csrf=\(token)"]
        )
    }

    /// Signs in and reads the session's CSRF token from a page.
    static func signIn(_ app: TestApp, email: String = "ann@shop.example") async throws -> AdminBrowser {
        let response = try await postLogin(app, email: email, password: password)
        guard response.status == .seeOther, let session = cookieValue(response, "rb_admin") else {
            throw AdminTestError("sign-in failed with \(response.status)")
        }
        let page = try await app.request(.get, "/admin/customers", headers: [.cookie: "rb_admin=\(session)"])
        guard let csrf = csrfToken(page.text) else { throw AdminTestError("no csrf token on the page (\(page.status))") }
        return AdminBrowser(cookie: "rb_admin=\(session)", csrf: csrf)
    }

    static func csrfToken(_ html: String) -> String? {
        guard let range = html.range(of: "<meta name=\"csrf-token\" content=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func get(_ app: TestApp, _ browser: AdminBrowser, _ uri: String) async throws -> TestResponse {
        try await app.request(.get, uri, headers: [.cookie: browser.cookie])
    }

    static func post(_ app: TestApp, _ browser: AdminBrowser, _ uri: String, _ fields: [(String, String)], csrf: Bool = true) async throws
        -> TestResponse
    {
        try await app.request(
            .post,
            uri,
            body: form((csrf ? [("_csrf", browser.csrf)] : []) + fields),
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: browser.cookie]
        )
    }
}

struct AdminTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
