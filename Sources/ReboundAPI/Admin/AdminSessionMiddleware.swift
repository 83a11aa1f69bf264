import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import ReboundAdmin
import ReboundCore
import ReboundStore

/// Signs `/admin` requests in from the session cookie and checks the CSRF token of every POST.
///
/// No cookie: a GET is sent to the sign-in page, anything else answers 401. A cookie that names no live session
/// (forged, expired, signed out) answers a 401 page and clears it. A POST without the session's token in the `_csrf`
/// field or the `X-CSRF-Token` header answers 403 and changes nothing. Problems thrown by a page become HTML pages.
struct AdminSessionMiddleware: RouterMiddleware {
    typealias Context = ReboundRequestContext
    let environment: APIEnvironment

    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let store = environment.store
        let now = environment.clock.now()
        let signIn = ProblemViewModel.Action(title: "Sign in", url: "/admin/login")
        guard let token = AdminAuth.cookies(request.headers)[AdminAuth.sessionCookie], !token.isEmpty else {
            if request.method == .get {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return AdminHTML.redirect("/admin/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/admin"))
            }
            return AdminHTML.problem(status: .unauthorized, title: "Sign in first", detail: "This page needs a signed-in agent.", action: signIn)
        }
        guard let session = try await store.session(tokenHash: AdminAuth.tokenHash(token), now: now),
            let agent = try await store.agent(shopID: session.shopID, id: session.agentID),
            let shop = try await store.shop(id: session.shopID)
        else {
            context.logger.notice("admin session refused", metadata: ["rebound.admin.reason": "unknown or expired session"])
            return AdminHTML.problem(
                status: .unauthorized,
                title: "Your session is not valid",
                detail: "It has expired or was signed out. Please sign in again.",
                action: signIn,
                headers: [.setCookie: AdminAuth.setCookie(AdminAuth.sessionCookie, "", maxAge: 0, secure: false)]
            )
        }
        var context = context
        context.shop = shop
        context.agent = agent
        context.adminSession = session
        context.logger[metadataKey: "rebound.shop.id"] = .string(shop.id.rawValue)
        context.logger[metadataKey: "rebound.agent.id"] = .string(agent.id)
        var request = request
        if request.method != .get && request.method != .head {
            var sent = request.headers[Self.csrfHeader]
            if sent == nil, request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
                let buffer = try await request.collectBody(upTo: 256 * 1024)
                sent = FormBody(Array(buffer.readableBytesView))["_csrf"]
            }
            guard let sent, AdminAuth.constantTimeEquals(sent, session.csrfToken) else {
                context.logger.notice("admin POST refused", metadata: ["rebound.admin.reason": "missing or wrong CSRF token"])
                return AdminHTML.problem(
                    status: .forbidden,
                    title: "This form has expired",
                    detail: "The request did not carry this session's security token, so nothing was changed. Reload the page and try again.",
                    context: try? AdminHTML.context(context, section: .dashboard, now: now)
                )
            }
        }
        do {
            return try await next(request, context)
        } catch let problem as ProblemDetails {
            return AdminHTML.problem(
                status: problem.status,
                title: problem.title,
                detail: problem.detail ?? problem.title,
                context: try? AdminHTML.context(context, section: .dashboard, now: now)
            )
        } catch let error as HTTPError where error.status == .notFound {
            return AdminHTML.problem(
                status: .notFound,
                title: "Not found",
                detail: "There is no such page in this shop's admin.",
                context: try? AdminHTML.context(context, section: .dashboard, now: now)
            )
        }
    }
}
