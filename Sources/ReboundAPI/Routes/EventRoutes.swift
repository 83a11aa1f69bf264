import Foundation
import Hummingbird
import ReboundCore
import ReboundStore

/// `POST /v1/events`: server-side events, one or a batch of up to 1,000.
struct EventRoutes {
    let environment: APIEnvironment

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.post("events") { request, context in try await self.ingest(request, context: context) }
        group.get("events") { request, context in try await self.list(request, context: context) }
    }

    func ingest(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let body = try await RequestBody.json(request, limit: environment.maxBodyBytes)
        let now = environment.clock.now()
        let (items, batched) = try EventParser.events(in: body)
        var events: [Event] = []
        var rejected: [EventParser.Rejection] = []
        for (index, item) in items.enumerated() {
            switch EventParser.parse(item, index: index, path: batched ? "events[\(index)]." : "", now: now) {
            case .success(let event): events.append(event)
            case .failure(let rejection): rejected.append(rejection)
            }
        }
        if events.isEmpty {
            ReboundMetrics.eventsRejected(rejected.count)
            throw ProblemDetails.validation(
                rejected.map { .init(field: $0.field, detail: $0.detail) },
                detail: batched ? "none of the \(items.count) events is valid" : nil
            )
        }
        let result = try await environment.ingest.ingest(events, shop: shop, source: "api")
        ReboundMetrics.eventsIngested(result.accepted.count, source: "api")
        ReboundMetrics.eventsDuplicate(result.duplicates.count)
        ReboundMetrics.eventsRejected(rejected.count)
        return JSONResponse(Self.summary(result, rejected: rejected), status: .accepted)
    }

    static func summary(_ result: IngestResult, rejected: [EventParser.Rejection]) -> JSONValue {
        .object([
            "accepted": .int(Int64(result.accepted.count)), "duplicates": .int(Int64(result.duplicates.count)),
            "rejected": .array(
                rejected.map { rejection in
                    .object([
                        "index": .int(Int64(rejection.index)), "id": rejection.id.map(JSONValue.string) ?? .null,
                        "field": .string(rejection.field), "detail": .string(rejection.detail),
                    ])
                }
            ),
            "duplicate_ids": .array(result.duplicates.prefix(100).map { .string($0.rawValue) }),
        ])
    }

    func list(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let query = Query(request)
        let limit = try query.limit(default: 100, max: 1000)
        let after = try query.int("after")
        let customerID = query.string("customer_id").map { Customer.ID($0) }
        let events = try await environment.store.events(
            shopID: shop.id,
            filter: .init(type: query.string("type"), customerID: customerID, anonymousID: query.string("anonymous_id"), afterSeq: after),
            limit: limit
        )
        let next = events.count == limit ? events.last.map { String($0.seq) } : nil
        return JSONResponse(DTO.list(events.map(DTO.event), nextCursor: next))
    }
}
