import Foundation
import Hummingbird
import ReboundAdmin
import ReboundAnalytics
import ReboundCore
import ReboundStore

extension AdminRoutes {
    /// The dashboard for a period; `?format=csv&table=<id>` downloads one of its tables.
    func dashboard(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let now = environment.clock.now()
        let period = try period(request, shop: shop)
        let report = try await DashboardReport.load(store: store, shop: shop, period: period, now: now)
        let page = try AdminHTML.context(context, section: .dashboard, now: now, dateRange: selection(period, action: "/admin"))
        let timeZone = TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!
        let model = report.model(context: page, csvBase: "/admin?" + period.queryItems(timeZone: timeZone))
        if Query(request).string("format") == "csv" {
            return try ReportRoutes.csv(AdminPages.dashboardTables(model), table: Query(request).string("table"))
        }
        return AdminHTML.response(AdminPages.dashboard(model), nonce: page.cspNonce ?? "")
    }

    /// Every flow experiment of the period: arms, lift against the holdout, interval, p-value and verdict.
    func experiments(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let now = environment.clock.now()
        let period = try period(request, shop: shop, defaultDays: 90)
        let page = try AdminHTML.context(context, section: .experiments, now: now, dateRange: selection(period, action: "/admin/experiments"))
        let exposures = try await store.experimentExposures(
            shopID: shop.id,
            from: period.from,
            to: period.to,
            window: TimeInterval(shop.settings.attributionWindowSeconds)
        )
        let report = ExperimentReport(exposures: exposures)
        let flows = Dictionary(try await store.flows(shopID: shop.id).map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let currency = shop.currency.rawValue
        let summaries: [ExperimentSummary] = Array(Set(report.arms.map(\.flowID))).sorted().map { flowID in
            let arms = report.arms.filter { $0.flowID == flowID }
            return ExperimentSummary(
                id: flowID,
                name: flows[flowID]?.name ?? flowID,
                hypothesis: "Flow variants against the holdout that received nothing; conversion is an order within the attribution window.",
                status: flows[flowID]?.enabled == true ? "running" : "finished",
                arms: arms.map {
                    ExperimentArm(
                        name: $0.variant,
                        isHoldout: $0.variant == "holdout",
                        exposure: $0.recipients,
                        conversions: $0.conversions,
                        revenue: AdminMoney(minorUnits: $0.revenue, currency: currency)
                    )
                },
                comparisons: arms.compactMap { arm in
                    report.comparison(arm).map { c in
                        ArmComparison(
                            arm: arm.variant,
                            absoluteLift: c.absoluteLift,
                            relativeLift: c.relativeLift,
                            lower: c.newcombeInterval.lower,
                            upper: c.newcombeInterval.upper,
                            pValue: c.pValue,
                            verdict: c.verdict.description
                        )
                    }
                },
                rule: ExperimentRule().statement
            )
        }
        let timeZone = TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!
        let source = DataSource(
            apiPath: "/v1/reports/experiments?" + period.queryItems(timeZone: timeZone),
            csvURL: "/admin/experiments?" + period.queryItems(timeZone: timeZone)
        )
        let model = ExperimentsViewModel(context: page, experiments: summaries, source: source)
        if Query(request).string("format") == "csv" {
            return try ReportRoutes.csv(AdminPages.experimentTables(model), table: Query(request).string("table"))
        }
        return AdminHTML.response(AdminPages.experiments(model), nonce: page.cspNonce ?? "")
    }
}
