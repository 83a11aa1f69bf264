import Foundation
import HTTPTypes
import Hummingbird
import ReboundCore
import ReboundStore

/// `POST /v1/track`: the storefront script's events, authenticated by the shop's public key, CORS-enabled,
/// and tolerant of `navigator.sendBeacon` bodies (sent as `text/plain`).
struct TrackRoutes {
    let environment: APIEnvironment
    let limiter: RateLimiter

    init(environment: APIEnvironment) {
        self.environment = environment
        self.limiter = RateLimiter(ratePerSecond: environment.trackRatePerSecond, burst: environment.trackRatePerSecond * 4)
    }

    static let maxBody = 256 * 1024

    func add(to router: Router<ReboundRequestContext>) {
        router.on("v1/track", method: .options) { request, _ in
            Response(status: .noContent, headers: Self.corsHeaders(origin: request.headers[.origin], preflight: true))
        }
        router.post("v1/track") { request, context in try await self.track(request, context: context) }
    }

    static func corsHeaders(origin: String?, preflight: Bool = false) -> HTTPFields {
        var fields = HTTPFields()
        fields[.accessControlAllowOrigin] = origin ?? "*"
        fields[.vary] = "Origin"
        if preflight {
            fields[.accessControlAllowMethods] = "POST, OPTIONS"
            fields[.accessControlAllowHeaders] = "Content-Type, X-Rebound-Key"
            fields[.accessControlMaxAge] = "86400"
        }
        return fields
    }

    func track(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let origin = request.headers[.origin]
        do {
            let body = try await RequestBody.json(request, limit: Self.maxBody)
            let key = body["public_key"]?.stringValue ?? request.headers[HTTPField.Name("X-Rebound-Key")!] ?? Query(request).string("key")
            guard let key, let shop = try await environment.store.shop(publicKey: key) else {
                throw ProblemDetails(.unauthorized, type: "unknown-public-key", title: "Unknown public key", detail: "send the shop's public_key")
            }
            if !shop.settings.allowedOrigins.isEmpty, let origin, !shop.settings.allowedOrigins.contains(origin) {
                throw ProblemDetails(
                    .forbidden,
                    type: "origin-not-allowed",
                    title: "Origin not allowed",
                    detail: "\(origin) is not in allowed_origins"
                )
            }
            guard await limiter.allow(key: key, now: environment.clock.now()) else {
                throw ProblemDetails(
                    .tooManyRequests,
                    type: "rate-limited",
                    title: "Too many requests",
                    detail: "slow down",
                    headers: [.retryAfter: "1"]
                )
            }
            let now = environment.clock.now()
            let (items, batched) = try EventParser.events(in: body.withoutKey("public_key"))
            guard items.count <= 100 else { throw ProblemDetails.validation(field: "events", "at most 100 events per storefront request") }
            var events: [Event] = []
            var rejected: [EventParser.Rejection] = []
            for (index, item) in items.enumerated() {
                switch EventParser.parse(item, index: index, path: batched ? "events[\(index)]." : "", now: now, allowedTypes: EventType.storefront) {
                case .success(let event):
                    if event.anonymousID == nil {
                        rejected.append(
                            .init(
                                index: index,
                                id: event.id.rawValue,
                                field: (batched ? "events[\(index)]." : "") + "anonymous_id",
                                detail: "is required"
                            )
                        )
                    } else {
                        events.append(event)
                    }
                case .failure(let rejection): rejected.append(rejection)
                }
            }
            if events.isEmpty {
                throw ProblemDetails.validation(rejected.map { .init(field: $0.field, detail: $0.detail) })
            }
            let result = try await environment.ingest.ingest(events, shop: shop, source: "storefront")
            ReboundMetrics.eventsIngested(result.accepted.count, source: "storefront")
            var response = try JSONResponse(EventRoutes.summary(result, rejected: rejected), status: .accepted).response(
                from: request,
                context: context
            )
            for field in Self.corsHeaders(origin: origin) { response.headers.append(field) }
            return response
        } catch let problem as ProblemDetails {
            var problem = problem
            for field in Self.corsHeaders(origin: origin) { problem.headers.append(field) }
            throw problem
        }
    }
}

extension JSONValue {
    func withoutKey(_ key: String) -> JSONValue {
        guard case .object(var object) = self else { return self }
        object[key] = nil
        return .object(object)
    }
}

/// A token bucket per key. In memory: each process limits its own share.
actor RateLimiter {
    let ratePerSecond: Double
    let burst: Double
    var buckets: [String: (tokens: Double, at: Date)] = [:]

    init(ratePerSecond: Double, burst: Double) {
        self.ratePerSecond = ratePerSecond
        self.burst = burst
    }

    func allow(key: String, now: Date) -> Bool {
        var bucket = buckets[key] ?? (burst, now)
        bucket.tokens = min(burst, bucket.tokens + max(0, now.timeIntervalSince(bucket.at)) * ratePerSecond)
        bucket.at = now
        guard bucket.tokens >= 1 else {
            buckets[key] = bucket
            return false
        }
        bucket.tokens -= 1
        buckets[key] = bucket
        if buckets.count > 100_000 { buckets.removeAll() }
        return true
    }
}
