import Foundation
public import ReboundAdmin
public import ReboundCore
import ReboundStore

extension DashboardReport {
    /// Every figure the dashboard page shows, as `GET /v1/reports/dashboard` answers it. Rates are null (never 0 or
    /// NaN) while their denominator is 0, so "no data yet" is told apart from "none".
    public func json(_ model: DashboardViewModel) -> JSONValue {
        func int(_ value: Int) -> JSONValue { .int(Int64(value)) }
        func double(_ value: Double?) -> JSONValue { value.map { $0.isFinite ? .double($0) : .null } ?? .null }
        func proportion(_ p: Proportion) -> JSONValue { .object(["part": int(p.part), "whole": int(p.whole), "rate": double(p.value)]) }
        func figure(_ f: PeriodFigure<Int>) -> JSONValue {
            .object(["current": int(f.current), "previous": f.previous.map(int) ?? .null, "daily": .array(f.daily.map(int))])
        }
        func money(_ f: PeriodFigure<Int64>) -> JSONValue {
            .object(["current": .int(f.current), "previous": f.previous.map(JSONValue.int) ?? .null, "daily": .array(f.daily.map(JSONValue.int))])
        }
        func rate(_ f: PeriodFigure<Proportion>) -> JSONValue {
            .object([
                "current": proportion(f.current), "previous": f.previous.map(proportion) ?? .null,
                "daily": .array(f.daily.map { double($0.value) }),
            ])
        }
        func funnel(_ f: FunnelCounts) -> JSONValue {
            .object(["viewed": int(f.viewed), "carted": int(f.carted), "checkout": int(f.checkout), "ordered": int(f.ordered)])
        }
        func slices(_ list: [AbandonmentSlice]) -> JSONValue {
            .array(
                list.map {
                    .object(["label": .string($0.label), "abandoned": int($0.rate.part), "carts": int($0.rate.whole), "rate": double($0.rate.value)])
                }
            )
        }
        func series(_ values: [Double?]?) -> JSONValue { values.map { .array($0.map(double)) } ?? .null }
        let k = model.kpis, s = model.support, sat = model.satisfaction
        let perRecipientKnown = current.recipients > 0
        var revenuePerRecipient = money(k.revenuePerRecipient)
        if !perRecipientKnown, case .object(var object) = revenuePerRecipient {
            object["current"] = .null
            revenuePerRecipient = .object(object)
        }
        return .object([
            "shop_id": .string(shop.id.rawValue),
            "currency": .string(shop.currency.rawValue),
            "from": .string(RFC3339.format(period.from)),
            "to": .string(RFC3339.format(period.to)),
            "compare": .bool(period.compare),
            "previous": period.compare
                ? JSONValue.object(["from": .string(RFC3339.format(period.previous.from)), "to": .string(RFC3339.format(period.previous.to))])
                : .null,
            "days": .array(model.days.map { .string(RFC3339.format($0)) }),
            "kpis": .object([
                "abandoned_carts": figure(k.abandonedCarts), "abandonment_rate": rate(k.abandonmentRate),
                "recovered_carts": figure(k.recoveredCarts), "recovery_rate": rate(k.recoveryRate),
                "recovered_revenue": money(k.recoveredRevenue), "revenue_per_recipient": revenuePerRecipient,
                "recipients": int(current.recipients), "carts_created": int(current.cartsCreated),
            ]),
            "abandonment": .object([
                "by_device": slices(model.abandonment.byDevice), "by_category": slices(model.abandonment.byCategory),
                "benchmark": double(model.abandonment.benchmark),
            ]),
            "funnel": .object(["current": funnel(model.funnel.current), "previous": model.funnel.previous.map(funnel) ?? .null]),
            "flow_steps": .array(
                model.flowSteps.rows.map { row in
                    .object([
                        "flow": .string(row.flowName), "step": int(row.step), "step_label": .string(row.stepLabel), "channel": .string(row.channel),
                        "sent": int(row.sent), "opened": int(row.opened), "clicked": int(row.clicked),
                        "open_rate": double(Proportion(row.opened, of: row.sent).value),
                        "click_rate": double(Proportion(row.clicked, of: row.sent).value),
                        "recovered": int(row.recovered), "revenue": .int(row.revenue),
                    ])
                }
            ),
            "chat": .object([
                "engagement": proportion(model.chat.engagement), "conversion_with_chat": proportion(model.chat.conversionWithChat),
                "conversion_without_chat": proportion(model.chat.conversionWithoutChat),
            ]),
            "support": .object([
                "channels": .array(
                    s.channels.map { row in
                        .object([
                            "channel": .string(row.channel), "conversations": int(row.conversations),
                            "first_response_median_s": double(row.firstResponseMedian), "first_response_p90_s": double(row.firstResponseP90),
                            "first_response_target_s": double(row.firstResponseTarget), "resolution_median_s": double(row.resolutionMedian),
                            "resolution_target_s": double(row.resolutionTarget), "sla_met": proportion(row.slaMet),
                        ])
                    }
                ),
                "sla_compliance": proportion(s.slaCompliance), "sla_target": double(s.slaTarget), "deflection": proportion(s.deflection),
            ]),
            "satisfaction": .object([
                "csat": double(sat.csat), "csat_responses": int(sat.csatResponses), "csat_target": double(sat.csatTarget),
                "csat_daily": series(sat.csatDaily), "csat_previous_daily": series(sat.csatPreviousDaily),
                "nps": double(sat.nps), "nps_responses": int(sat.npsResponses), "nps_target": double(sat.npsTarget),
                "nps_daily": series(sat.npsDaily), "nps_previous_daily": series(sat.npsPreviousDaily),
            ]),
            "tickets": .array(model.ticketVolume.categories.map { .object(["category": .string($0.name), "daily": .array($0.daily.map(int))]) }),
            "upsell": .array(
                model.upsell.placements.map {
                    .object(["placement": .string($0.placement), "shown": int($0.shown), "accepted": int($0.accepted), "revenue": .int($0.revenue)])
                }
            ),
            "tables": .array(AdminPages.dashboardTables(model).map { .string($0.id) }),
        ])
    }
}
