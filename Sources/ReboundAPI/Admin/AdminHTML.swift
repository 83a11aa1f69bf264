import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReboundAdmin
import ReboundCore
import ReboundStore

/// Responses of the admin: HTML with a strict Content-Security-Policy (only the page's own nonce runs), never cached.
enum AdminHTML {
    static func response(_ html: HTML, nonce: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "text/html; charset=utf-8"
        fields[.contentSecurityPolicy] =
            "default-src 'none'; style-src 'nonce-\(nonce)'; script-src 'nonce-\(nonce)'; img-src 'self' data:; connect-src 'self'; "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
        fields[.cacheControl] = "no-store"
        fields[.xContentTypeOptions] = "nosniff"
        fields[HTTPField.Name("Referrer-Policy")!] = "same-origin"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: html.rendered)))
    }

    /// An error page, inside the admin shell when an agent is signed in.
    static func problem(
        status: HTTPResponse.Status,
        title: String,
        detail: String,
        action: ProblemViewModel.Action? = nil,
        context: AdminContext? = nil,
        headers: HTTPFields = [:]
    ) -> Response {
        let nonce = context?.cspNonce ?? RandomToken.make(byteCount: 16)
        let model = ProblemViewModel(
            status: Int(status.code),
            title: title,
            detail: detail,
            action: action,
            context: context,
            cspNonce: nonce
        )
        return response(AdminPages.problem(model), nonce: nonce, status: status, headers: headers)
    }

    static func redirect(_ location: String, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.location] = location
        fields[.cacheControl] = "no-store"
        return Response(status: .seeOther, headers: fields)
    }

    static func csv(_ table: DataTable) -> Response {
        CSV.response(table.csv, filename: table.csvFileName)
    }

    /// The page context of a signed-in agent.
    static func context(_ context: ReboundRequestContext, section: AdminSection, now: Date, dateRange: DateRangeSelection? = nil) throws
        -> AdminContext
    {
        guard let shop = context.shop, let agent = context.agent, let session = context.adminSession else {
            throw ProblemDetails(.unauthorized, type: "unauthorized", title: "Sign in first")
        }
        return AdminContext(
            shopName: shop.name,
            agentName: agent.name,
            agentEmail: agent.email,
            csrfToken: session.csrfToken,
            section: section,
            format: AdminFormat(currency: shop.currency.rawValue, timeZone: TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!),
            now: now,
            cspNonce: RandomToken.make(byteCount: 16),
            dateRange: dateRange
        )
    }
}
