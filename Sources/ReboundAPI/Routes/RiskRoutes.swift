import Foundation
import HTTPTypes
import Hummingbird
import ReboundAnalytics
import ReboundCore
import ReboundStore

/// The optional visit model: a shop trains it on its own visits (`POST /v1/risk-model/train`), reads how well it did
/// on visits it held out (`GET /v1/risk-model`), and the storefront script asks it, on the cart page, when to offer the
/// chat (`POST /v1/widget/risk`, when the `proactive_chat` tactic has `risk_timing: true`).
struct RiskRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    /// How far back training looks, and how many events it reads at most.
    static let trainingDays = 90
    static let trainingEventLimit = 2_000_000

    func add(to router: Router<ReboundRequestContext>) {
        router.on("v1/widget/risk", method: .options) { request, _ in
            Response(status: .noContent, headers: TrackRoutes.corsHeaders(origin: request.headers[.origin], preflight: true))
        }
        router.post("v1/widget/risk") { request, _ in
            let (shop, origin) = try await WidgetRoutes(environment: environment).shop(request)
            return WidgetRoutes.cors(JSONResponse(try await score(request, shop: shop)), origin)
        }
    }

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.post("risk-model/train") { _, context in
            let shop = try context.requireShop()
            return JSONResponse(Self.summary(try await train(shop)), status: .created)
        }
        group.get("risk-model") { _, context in
            let shop = try context.requireShop()
            guard let model = try await Self.model(store, shop.id) else {
                throw ProblemDetails.notFound("risk model (train one with POST /v1/risk-model/train)")
            }
            return JSONResponse(Self.summary(model))
        }
    }

    static func model(_ store: Store, _ shopID: Shop.ID) async throws -> SessionRiskModel? {
        guard let document = try await store.riskModelDocument(shopID: shopID) else { return nil }
        return try? JSONDecoder().decode(SessionRiskModel.self, from: Data(document.utf8))
    }

    static func calendar(_ shop: Shop) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!
        return calendar
    }

    /// Cuts the shop's last 90 days of events into visits, trains, stores the model; 422 with too little to learn from.
    func train(_ shop: Shop) async throws -> SessionRiskModel {
        let now = environment.clock.now()
        let records = try await store.visitEvents(
            shopID: shop.id,
            since: now.addingTimeInterval(-Double(Self.trainingDays) * 86_400),
            limit: Self.trainingEventLimit
        )
        let events = records.compactMap { record -> SessionEvent? in
            guard let visitor = record.anonymousID ?? record.customerID.map({ "customer:" + $0 }) else { return nil }
            return SessionEvent(
                visitor: visitor,
                customer: record.customerID,
                type: record.type,
                at: record.occurredAt,
                lineValue: record.lineValue.map { Double($0) / 100 },
                device: record.device
            )
        }
        let model: SessionRiskModel
        do {
            model = try SessionRiskModel.train(StorefrontSession.sessions(from: events), calendar: Self.calendar(shop), now: now)
        } catch let error as AnalyticsError {
            throw ProblemDetails.validation(field: "events", error.description)
        }
        let document = String(decoding: try JSONEncoder().encode(model), as: UTF8.self)
        try await store.saveRiskModel(shopID: shop.id, document: document, now: now)
        return model
    }

    static func summary(_ model: SessionRiskModel) -> JSONValue {
        .object([
            "sessions": .int(Int64(model.sessions)), "conversions": .int(Int64(model.conversions)),
            "conversion_rate": .double(Double(model.conversions) / Double(max(1, model.sessions))),
            "held_out_auc": model.heldOutAUC.map(JSONValue.double) ?? .null, "trained_at": .string(RFC3339.format(model.trainedAt)),
            "features": .array(
                StorefrontSession.schema.numeric.map { JSONValue.string($0.name) } + StorefrontSession.schema.categorical.map(JSONValue.string)
            ),
        ])
    }

    /// The visit so far, as the script counts it, scored; and when to offer the chat.
    func score(_ request: Request, shop: Shop) async throws -> JSONValue {
        guard case .object(let body) = try await RequestBody.json(request, limit: 4096) else {
            throw ProblemDetails.validation(field: "(body)", "must be a JSON object of the visit's counts")
        }
        let base = Int(try await store.channelSettings(shopID: shop.id).widget?["tactics"]?["proactive_chat"]?["delay_seconds"]?.int64Value ?? 45)
        guard let model = try await Self.model(store, shop.id) else {
            return .object(["probability": .null, "delay_seconds": .int(Int64(base)), "prompt": true, "reason": "no model trained"])
        }
        func number(_ name: String, max limit: Double) throws -> Double {
            guard let value = body[name] else { return 0 }
            let number: Double? = value.doubleValue ?? value.boolValue.map { $0 ? 1 : 0 }
            guard let number, number >= 0, number <= limit else {
                throw ProblemDetails.validation(field: name, "must be a number from 0 to \(Int(limit))")
            }
            return number
        }
        var visit = StorefrontSession(visitor: "live", start: environment.clock.now())
        visit.pageViews = Int(try number("page_views", max: 10_000))
        visit.productViews = Int(try number("product_views", max: 10_000))
        visit.cartViews = Int(try number("cart_views", max: 10_000))
        visit.cartAdds = Int(try number("cart_adds", max: 10_000))
        visit.cartRemoves = Int(try number("cart_removes", max: 10_000))
        visit.end = visit.start.addingTimeInterval(try number("minutes", max: 24 * 60) * 60)
        visit.cartValue = try number("cart_value", max: 10_000_000)
        visit.checkout = try number("checkout", max: 1) > 0
        visit.returning = try number("returning", max: 1) > 0
        visit.device = body["device"]?.stringValue.map { String($0.prefix(20)) }
        if let at = body["at"]?.stringValue.flatMap(RFC3339.parse) {
            visit.end = at.addingTimeInterval(visit.end.timeIntervalSince(visit.start))
            visit.start = at
        }
        let probability = model.model.probability(visit.row(calendar: Self.calendar(shop)))
        let rate = Double(model.conversions) / Double(max(1, model.sessions))
        let timing = RiskTiming.decide(probability: probability, baseRate: rate, baseDelay: base)
        return .object([
            "probability": .double((probability * 10_000).rounded() / 10_000), "delay_seconds": timing.delay.map { .int(Int64($0)) } ?? .null,
            "prompt": .bool(timing.delay != nil), "reason": .string(timing.reason),
        ])
    }
}

/// When to offer the chat on the cart page, from the visit's purchase probability against the shop's usual rate.
public enum RiskTiming {
    /// Likely to leave without buying (under half the usual rate): offer help early, a third of the usual delay (at least
    /// 10 s). Likely to buy anyway (twice the usual rate and over 50 %): don't interrupt. Otherwise the usual delay.
    public static func decide(probability: Double, baseRate: Double, baseDelay: Int) -> (delay: Int?, reason: String) {
        if probability < baseRate / 2 { return (max(10, baseDelay / 3), "unlikely to buy: offer help early") }
        if probability > max(0.5, baseRate * 2) { return (nil, "likely to buy: no interruption") }
        return (baseDelay, "usual timing")
    }
}
