import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ReboundAdmin
import ReboundCore
import ReboundStore

/// `/admin`: sign-in, the dashboard, experiments, customers and segments, server-rendered from ReboundAdmin's pages.
/// Every query is scoped to the signed-in agent's shop: another shop's ids answer 404.
struct AdminRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to router: Router<ReboundRequestContext>) {
        router.get("admin/login") { request, context in self.loginPage(request, context: context) }
        router.post("admin/login") { request, context in try await self.login(request, context: context) }
        let admin = router.group("admin").add(middleware: AdminSessionMiddleware(environment: environment))
        admin.post("logout") { request, context in try await self.logout(request, context: context) }
        admin.get { request, context in try await self.dashboard(request, context: context) }
        admin.get("experiments") { request, context in try await self.experiments(request, context: context) }
        admin.get("customers") { request, context in try await self.customers(request, context: context) }
        admin.get("customers/:id") { request, context in try await self.customer(request, context: context) }
        admin.get("segments") { request, context in try await self.segments(request, context: context) }
        admin.get("segments/new") { request, context in try await self.editSegment(request, context: context, id: nil) }
        admin.post("segments/new") { request, context in try await self.submitSegment(request, context: context, id: nil) }
        admin.get("segments/:id") { request, context in
            try await self.editSegment(request, context: context, id: try context.parameters.require("id"))
        }
        admin.post("segments/:id") { request, context in
            try await self.submitSegment(request, context: context, id: try context.parameters.require("id"))
        }
        admin.post("segments/:id/delete") { request, context in try await self.deleteSegment(request, context: context) }
        admin.get("segments/:id/customers") { request, context in try await self.segmentCustomers(request, context: context) }
        addInbox(to: admin)
    }

    /// Whether cookies get `Secure`: the server is published over HTTPS, or a proxy says the request came that way.
    func secure(_ request: Request) -> Bool {
        environment.publicURL?.hasPrefix("https://") == true || request.headers[HTTPField.Name("X-Forwarded-Proto")!] == "https"
    }

    // MARK: Sign-in

    func loginPage(
        _ request: Request,
        context: ReboundRequestContext,
        email: String = "",
        error: String? = nil,
        status: HTTPResponse.Status = .ok,
        next: String? = nil
    ) -> Response {
        let token = AdminAuth.newToken()
        let nonce = RandomToken.make(byteCount: 16)
        let model = LoginViewModel(
            email: email,
            errorMessage: error,
            csrfToken: token,
            next: next ?? request.uri.queryParameters.get("next"),
            cspNonce: nonce
        )
        return AdminHTML.response(
            AdminPages.login(model),
            nonce: nonce,
            status: status,
            headers: [.setCookie: AdminAuth.setCookie(AdminAuth.loginCookie, token, maxAge: 3600, secure: secure(request))]
        )
    }

    func login(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let form = FormBody(try await RequestBody.bytes(request, limit: 16 * 1024))
        let cookie = AdminAuth.cookies(request.headers)[AdminAuth.loginCookie] ?? ""
        guard let sent = form["_csrf"], AdminAuth.constantTimeEquals(sent, cookie) else {
            return AdminHTML.problem(
                status: .forbidden,
                title: "This sign-in form has expired",
                detail: "The form's security token did not match. Open the sign-in page again.",
                action: .init(title: "Sign in", url: "/admin/login")
            )
        }
        let email = (form["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = form["password"] ?? ""
        let next = form["next"].flatMap { $0.hasPrefix("/admin") && !$0.hasPrefix("//") ? $0 : nil }
        let now = environment.clock.now()
        let settings = environment.admin
        let key = email + "|" + (context.remoteAddress ?? "unknown")
        if try await store.loginFailures(key: key, since: now.addingTimeInterval(-settings.failureWindow)) >= settings.maximumFailures {
            context.logger.notice("admin sign-in rate limited", metadata: ["rebound.admin.email": .string(email)])
            var response = loginPage(
                request,
                context: context,
                email: email,
                error: "Too many failed attempts. Please wait \(Int(settings.failureWindow / 60)) minutes and try again.",
                status: .tooManyRequests,
                next: next
            )
            response.headers[.retryAfter] = String(Int(settings.failureWindow))
            return response
        }
        var agent: Agent?
        if !email.isEmpty { agent = try await store.agent(email: email) }
        let matches = try await AdminAuth.verify(password, hash: agent?.passwordHash ?? AdminAuth.unknownAgentHash)
        guard let agent, matches else {
            try await store.recordLoginFailure(key: key, at: now, forgetBefore: now.addingTimeInterval(-settings.failureWindow))
            return loginPage(request, context: context, email: email, error: "Email or password is wrong.", status: .unauthorized, next: next)
        }
        try await store.clearLoginFailures(key: key)
        let token = AdminAuth.newToken()
        let session = AdminSession(
            tokenHash: AdminAuth.tokenHash(token),
            shopID: agent.shopID,
            agentID: agent.id,
            csrfToken: AdminAuth.newToken(),
            createdAt: now,
            expiresAt: now.addingTimeInterval(settings.sessionLifetime)
        )
        try await store.createSession(session, userAgent: request.headers[.userAgent])
        context.logger.info("agent signed in", metadata: ["rebound.shop.id": .string(agent.shopID.rawValue), "rebound.agent.id": .string(agent.id)])
        var fields = HTTPFields()
        fields.append(
            HTTPField(
                name: .setCookie,
                value: AdminAuth.setCookie(AdminAuth.sessionCookie, token, maxAge: Int(settings.sessionLifetime), secure: secure(request))
            )
        )
        fields.append(HTTPField(name: .setCookie, value: AdminAuth.setCookie(AdminAuth.loginCookie, "", maxAge: 0, secure: secure(request))))
        return AdminHTML.redirect(next ?? "/admin", headers: fields)
    }

    func logout(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        if let session = context.adminSession { try await store.deleteSession(tokenHash: session.tokenHash) }
        return AdminHTML.redirect(
            "/admin/login",
            headers: [.setCookie: AdminAuth.setCookie(AdminAuth.sessionCookie, "", maxAge: 0, secure: secure(request))]
        )
    }

    /// The period of a page from its query; on a first visit (no query at all) the comparison is on.
    func period(_ request: Request, shop: Shop, defaultDays: Int = 30) throws -> ReportPeriod {
        let query = Query(request)
        let fresh = query.string("from") == nil && query.string("to") == nil && query.string("days") == nil
        return try ReportPeriod.parse(
            from: query.string("from"),
            to: query.string("to"),
            days: fresh ? String(defaultDays) : query.string("days"),
            compare: fresh ? "1" : query.string("compare"),
            timeZone: TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!,
            now: environment.clock.now()
        )
    }

    func selection(_ period: ReportPeriod, action: String) -> DateRangeSelection {
        DateRangeSelection(
            from: period.from,
            to: period.to.addingTimeInterval(-1),
            presetDays: period.presetDays,
            compare: period.compare,
            action: action
        )
    }
}
