import Foundation
import Hummingbird
import ReboundAdmin
import ReboundCore
import ReboundStore

/// `GET /v1/reports/dashboard`: every figure of the admin dashboard as JSON, and each of its tables as CSV.
struct ReportRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.get("reports/dashboard") { request, context in try await self.dashboard(request, context: context) }
    }

    func dashboard(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let query = Query(request)
        let now = environment.clock.now()
        let timeZone = TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!
        let period = try ReportPeriod.parse(
            from: query.string("from"),
            to: query.string("to"),
            days: query.string("days"),
            compare: query.string("compare"),
            timeZone: timeZone,
            now: now
        )
        let report = try await DashboardReport.load(store: store, shop: shop, period: period, now: now)
        let model = report.model(context: Self.apiContext(shop: shop, now: now))
        if let format = query.string("format"), format != "json" {
            guard format == "csv" else { throw ProblemDetails.badQuery("format", "must be json or csv") }
            return try Self.csv(AdminPages.dashboardTables(model), table: query.string("table"))
        }
        return try JSONResponse(report.json(model)).response(from: request, context: context)
    }

    /// The page context for rendering outside a signed-in page (API and CLI): no agent, no CSRF.
    static func apiContext(shop: Shop, now: Date) -> AdminContext {
        AdminContext(
            shopName: shop.name,
            agentName: "API",
            csrfToken: "",
            section: .dashboard,
            format: AdminFormat(currency: shop.currency.rawValue, timeZone: TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!),
            now: now
        )
    }

    /// One table of a page as CSV; a missing or unknown `table` names the ones there are.
    static func csv(_ tables: [DataTable], table: String?) throws -> Response {
        let ids = tables.map(\.id).joined(separator: ", ")
        guard let table else { throw ProblemDetails.badQuery("table", "name the table to export: one of \(ids)") }
        guard let found = tables.first(where: { $0.id == table }) else { throw ProblemDetails.badQuery("table", "must be one of \(ids)") }
        return CSV.response(found.csv, filename: found.csvFileName)
    }
}
