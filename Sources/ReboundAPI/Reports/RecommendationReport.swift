import Foundation
import Hummingbird
import ReboundAnalytics
import ReboundCore
import ReboundStore

/// `GET /v1/reports/recommendations`: per placement, impressions, clicks, added items, attach rate, revenue added,
/// and the lift of conversion and order value against the placement's holdout with 95 % intervals.
///
/// A shopper is a customer id, or the visitor id while the visitor is not known as a customer. Shoppers with a
/// `recommendation_shown` event form the exposed arm, shoppers with a `recommendation_holdout` event the holdout;
/// a shopper converts with an order placed after their first exposure and before `to` plus the attribution window.
/// Attach rate = exposed shoppers who added at least one recommended item ÷ exposed shoppers.
struct RecommendationReport {
    struct Arm {
        var firstSeen: [String: Date] = [:]
    }

    struct Placement {
        var impressions = 0
        var clicks = 0
        var added = 0
        var revenue: Int64 = 0
        var adders = Set<String>()
        var exposed = Arm()
        var holdout = Arm()
    }

    static func response(_ request: Request, shop: Shop, environment: APIEnvironment) async throws -> JSONResponse {
        let query = Query(request)
        let to = try query.date("to") ?? environment.clock.now()
        let from = try query.date("from") ?? to.addingTimeInterval(-30 * 86400)
        guard from < to else { throw ProblemDetails.badQuery("from", "must be before to") }
        let store = environment.store
        let events = try await store.recsEvents(shopID: shop.id, from: from, to: to)
        let anonymous = Array(Set(events.filter { $0.customerID == nil }.compactMap(\.anonymousID)))
        let links = try await store.recsVisitorCustomers(shopID: shop.id, anonymousIDs: anonymous)
        func subject(_ event: Store.RecsEventRow) -> String? {
            if let customer = event.customerID ?? event.anonymousID.flatMap({ links[$0] }) { return "c:" + customer }
            return event.anonymousID.map { "v:" + $0 }
        }
        var placements: [String: Placement] = [:]
        for placement in RecsSettings.placements { placements[placement] = Placement() }
        for event in events {
            let name = event.properties["placement"]?.stringValue ?? "unknown"
            var row = placements[name] ?? Placement()
            let who = subject(event)
            switch event.type {
            case "recommendation_shown":
                row.impressions += 1
                if let who, row.exposed.firstSeen[who].map({ $0 > event.occurredAt }) ?? true { row.exposed.firstSeen[who] = event.occurredAt }
            case "recommendation_holdout":
                if let who, row.holdout.firstSeen[who].map({ $0 > event.occurredAt }) ?? true { row.holdout.firstSeen[who] = event.occurredAt }
            case "recommendation_clicked":
                row.clicks += 1
            default:
                let quantity = max(1, event.properties["quantity"]?.int64Value ?? 1)
                row.added += 1
                row.revenue += event.properties["revenue"]?.int64Value ?? max(0, event.properties["price"]?.int64Value ?? 0) * quantity
                if let who { row.adders.insert(who) }
            }
            placements[name] = row
        }
        let window = TimeInterval(shop.settings.attributionWindowSeconds)
        var ordersByCustomer: [String: [(total: Int64, placedAt: Date)]] = [:]
        for order in try await store.recsOrders(shopID: shop.id, from: from, to: to.addingTimeInterval(window)) {
            if let customer = order.customerID { ordersByCustomer["c:" + customer, default: []].append((order.total, order.placedAt)) }
        }
        func outcome(_ arm: Arm) -> (result: VariantResult, orderValues: [Double]) {
            var conversions = 0
            var perShopper: [Double] = []
            var values: [Double] = []
            for (who, first) in arm.firstSeen {
                let orders = (ordersByCustomer[who] ?? []).filter { $0.placedAt >= first && $0.placedAt < first.addingTimeInterval(window) }
                if !orders.isEmpty { conversions += 1 }
                perShopper.append(Double(orders.reduce(0) { $0 + $1.total }))
                values += orders.map { Double($0.total) }
            }
            return (
                VariantResult(name: "", recipients: arm.firstSeen.count, conversions: conversions, revenue: SampleMoments(values: perShopper)), values
            )
        }
        let order = RecsSettings.placements
        let names = placements.keys.sorted { (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1) }
        let rows: [JSONValue] = names.map { name in
            let row = placements[name]!
            var exposed = outcome(row.exposed)
            exposed.result.name = "recommendations"
            var holdout = outcome(row.holdout)
            holdout.result.name = "holdout"
            var object: [String: JSONValue] = [
                "placement": .string(name), "impressions": .int(Int64(row.impressions)), "clicks": .int(Int64(row.clicks)),
                "added": .int(Int64(row.added)), "revenue_added": .int(row.revenue),
                "attach_rate": row.exposed.firstSeen.isEmpty ? .null : .double(Double(row.adders.count) / Double(row.exposed.firstSeen.count)),
                "click_rate": row.impressions == 0 ? .null : .double(Double(row.clicks) / Double(row.impressions)),
                "exposed": arm(exposed.result, orderValues: exposed.orderValues),
                "holdout_arm": arm(holdout.result, orderValues: holdout.orderValues),
                "lift": .null,
            ]
            if exposed.result.recipients > 0 && holdout.result.recipients > 0 {
                let comparison = ExperimentComparison(variant: exposed.result, holdout: holdout.result)
                var lift: [String: JSONValue] = [
                    "conversion_difference": .double(comparison.absoluteLift),
                    "conversion_relative": comparison.relativeLift.map(JSONValue.double) ?? .null,
                    "conversion_interval_95": interval(comparison.newcombeInterval), "p_value": .double(comparison.pValue),
                    "verdict": .string(comparison.verdict.description),
                    "revenue_per_shopper_difference": .null, "revenue_per_shopper_interval_95": .null,
                    "order_value_difference": .null, "order_value_interval_95": .null,
                ]
                if let welch = comparison.revenuePerRecipient {
                    lift["revenue_per_shopper_difference"] = .double(welch.difference)
                    lift["revenue_per_shopper_interval_95"] = interval(welch.interval)
                }
                if let welch = WelchComparison(SampleMoments(values: exposed.orderValues), SampleMoments(values: holdout.orderValues)) {
                    lift["order_value_difference"] = .double(welch.difference)
                    lift["order_value_interval_95"] = interval(welch.interval)
                }
                object["lift"] = .object(lift)
            }
            return .object(object)
        }
        return JSONResponse(
            .object([
                "from": .string(RFC3339.format(from)), "to": .string(RFC3339.format(to)), "currency": .string(shop.currency.rawValue),
                "placements": .array(rows),
            ])
        )
    }

    static func arm(_ result: VariantResult, orderValues: [Double]) -> JSONValue {
        .object([
            "shoppers": .int(Int64(result.recipients)), "converted": .int(Int64(result.conversions)),
            "conversion_rate": result.recipients == 0 ? .null : .double(result.conversionRate),
            "average_order_value": orderValues.isEmpty ? .null : .double(orderValues.reduce(0, +) / Double(orderValues.count)),
        ])
    }

    static func interval(_ value: ConfidenceInterval) -> JSONValue { .object(["lower": .double(value.lower), "upper": .double(value.upper)]) }
}
