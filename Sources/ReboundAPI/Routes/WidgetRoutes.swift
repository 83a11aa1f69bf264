import Foundation
import HTTPTypes
import Hummingbird
import ReboundChat
import ReboundCore
import ReboundStore

/// What the storefront script reads, by the shop's public key (CORS, no credentials): its configuration per
/// visitor, social proof from real orders. Recommendations (and the free-shipping gap) are in `RecommendationRoutes`.
struct WidgetRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to router: Router<ReboundRequestContext>) {
        router.get("v1/widget/config") { request, _ in
            let (shop, origin) = try await shop(request)
            let query = Query(request)
            let visitor = String((query.string("visitor") ?? "anonymous").prefix(100))
            let channels = try await store.channelSettings(shopID: shop.id)
            let now = environment.clock.now()
            let online = await environment.chatHub.agentsOnline(shopID: shop.id, now: now)
            // Open or not is the queue's: a chat from this page goes where the routing rules send it.
            let facts = RoutingFacts(
                channel: "chat",
                page: query.string("page").map { String($0.prefix(40)) },
                language: HelpRoutes.acceptedLocale(request)
            )
            // The shop and its channel settings are in hand: only a routed team's own hours need a read.
            var hours = ServiceSchedule.shopHours(channels, zone: shop.timeZone)
            if let team = InboxRouter.route(facts, rules: try await store.routingRules(shopID: shop.id)).teamID,
                let own = try await store.teams(shopID: shop.id).first(where: { $0.id == team })?.businessHours
            {
                hours = BusinessHours(own, defaultZone: shop.timeZone) ?? hours
            }
            return Self.cors(
                JSONResponse(
                    WidgetSettings.configuration(shop: shop, channels: channels, visitor: visitor, agentsOnline: online, hours: hours, now: now)
                ),
                origin
            )
        }
        router.get("v1/widget/social-proof") { request, _ in
            let (shop, origin) = try await shop(request)
            let query = Query(request)
            guard let product = query.string("product"), !product.isEmpty else { throw ProblemDetails.badQuery("product", "is required") }
            let tactic = try await store.channelSettings(shopID: shop.id).widget?["tactics"]?["social_proof"]
            let hours = Int(max(1, min(168, tactic?["hours"]?.int64Value ?? 24)))
            let minimum = Int(max(1, tactic?["min_count"]?.int64Value ?? 5))
            let count = try await store.recentOrderCount(
                shopID: shop.id,
                productID: product,
                since: environment.clock.now().addingTimeInterval(-Double(hours) * 3600)
            )
            // Below the threshold nothing is shown: social proof is never invented or inflated.
            let body: JSONValue = .object(["count": count >= minimum ? .int(Int64(count)) : .null, "hours": .int(Int64(hours))])
            return Self.cors(JSONResponse(body), origin)
        }
    }

    /// The shop named by `key`, checked against its allowed origins.
    func shop(_ request: Request) async throws -> (Shop, String?) {
        let origin = request.headers[.origin]
        guard let key = Query(request).string("key"), let shop = try await store.shop(publicKey: key) else {
            throw ProblemDetails(.unauthorized, type: "unknown-key", title: "Unknown public key", detail: "Pass the shop's public key as ?key=pk_…")
        }
        if let origin, !shop.settings.allowedOrigins.isEmpty, !shop.settings.allowedOrigins.contains(origin) {
            throw ProblemDetails(.forbidden, type: "origin-not-allowed", title: "Origin not allowed", detail: "\(origin) is not in allowed_origins")
        }
        return (shop, origin)
    }

    static func cors(_ response: JSONResponse, _ origin: String?) -> JSONResponse {
        var response = response
        for field in TrackRoutes.corsHeaders(origin: origin) { response.headers.append(field) }
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
