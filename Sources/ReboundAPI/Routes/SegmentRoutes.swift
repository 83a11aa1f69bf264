import Foundation
import Hummingbird
import NIOCore
import ReboundAnalytics
import ReboundCore
import ReboundStore

/// Saved rule-based segments with live counts, and their customers (paged JSON or streamed CSV).
struct SegmentRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.get("segments") { _, context in try await self.list(context: context) }
        group.post("segments") { request, context in try await self.save(request, context: context, id: nil) }
        group.get("segments/:id") { _, context in
            let shop = try context.requireShop()
            let segment = try await self.find(shop, try context.parameters.require("id"))
            return try await self.describe(segment, shop: shop)
        }
        group.put("segments/:id") { request, context in try await self.save(request, context: context, id: try context.parameters.require("id")) }
        group.delete("segments/:id") { _, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            if SegmentCatalog.builtIns.contains(where: { $0.id == id }) { throw Self.builtInProblem }
            guard try await store.deleteSegment(shopID: shop.id, id: id) else { throw ProblemDetails.notFound("segment \(id)") }
            return Response(status: .noContent)
        }
        group.get("segments/:id/customers") { request, context in try await self.customers(request, context: context) }
    }

    static let builtInProblem = ProblemDetails(
        .conflict,
        type: "built-in-segment",
        title: "Built-in segments cannot be changed",
        detail: "VIP tiers follow the spend thresholds; save a segment of your own instead"
    )

    func find(_ shop: Shop, _ id: String) async throws -> SegmentDefinition {
        guard let segment = try await SegmentCatalog.find(store: store, shopID: shop.id, id: id) else {
            throw ProblemDetails.notFound("segment \(id)")
        }
        return segment
    }

    /// Brings the shop's facts up to date and counts the segment in the database.
    func count(_ segment: SegmentDefinition, shop: Shop) async throws -> (count: Int, at: Date) {
        let now = environment.clock.now()
        let snapshot = try await CustomerValues.snapshot(store: store, shop: shop, cache: environment.customerValues, now: now)
        let count = try await SegmentCatalog.liveCount(store: store, shopID: shop.id, segment: segment, now: now)
        return (count, snapshot.computedAt)
    }

    func json(_ segment: SegmentDefinition, count: Int, countedAt: Date, currency: String) -> JSONValue {
        .object([
            "id": .string(segment.id), "name": .string(segment.name), "description": .string(segment.description),
            "rule": SegmentCatalog.json(segment.rule), "summary": .string(SegmentCatalog.summary(segment.rule, currency: currency)),
            "built_in": .bool(segment.builtIn),
            "count": .int(Int64(count)), "counted_at": .string(RFC3339.format(countedAt)),
            "updated_at": segment.updatedAt.map { .string(RFC3339.format($0)) } ?? .null,
        ])
    }

    func describe(_ segment: SegmentDefinition, shop: Shop, status: HTTPResponse.Status = .ok) async throws -> JSONResponse {
        let counted = try await count(segment, shop: shop)
        return JSONResponse(json(segment, count: counted.count, countedAt: counted.at, currency: shop.currency.rawValue), status: status)
    }

    func list(context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        var items: [JSONValue] = []
        for segment in try await SegmentCatalog.all(store: store, shopID: shop.id) {
            let counted = try await count(segment, shop: shop)
            items.append(json(segment, count: counted.count, countedAt: counted.at, currency: shop.currency.rawValue))
        }
        return JSONResponse(DTO.list(items, nextCursor: nil))
    }

    /// Validates a segment document: `name` (1–120 characters), `description`, `rule` (every problem with its path).
    static func parse(_ body: JSONValue) throws -> (name: String, description: String, rule: SegmentRule) {
        guard case .object(let object) = body else { throw ProblemDetails.validation(field: "(body)", "must be an object with name and rule") }
        var errors: [ProblemDetails.FieldError] = []
        let name = object["name"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if name.isEmpty || name.count > 120 { errors.append(.init(field: "name", detail: "must be 1 to 120 characters")) }
        let description = object["description"]?.stringValue ?? ""
        if description.count > 500 { errors.append(.init(field: "description", detail: "must be at most 500 characters")) }
        var rule: SegmentRule?
        if let ruleValue = object["rule"] {
            var bytes: [UInt8] = []
            ruleValue.write(into: &bytes)
            do {
                rule = try SegmentRule.parse(jsonData: Data(bytes))
            } catch let error as AnalyticsError {
                errors += error.issues.map { .init(field: $0.path == "$" ? "rule" : "rule." + $0.path, detail: $0.message) }
            }
        } else {
            errors.append(.init(field: "rule", detail: "is required"))
        }
        guard errors.isEmpty, let rule else { throw ProblemDetails.validation(errors) }
        return (name, description, rule)
    }

    func save(_ request: Request, context: ReboundRequestContext, id: String?) async throws -> JSONResponse {
        let shop = try context.requireShop()
        if let id, SegmentCatalog.builtIns.contains(where: { $0.id == id }) { throw Self.builtInProblem }
        let parsed = try Self.parse(try await RequestBody.json(request, limit: 256 * 1024))
        let now = environment.clock.now()
        var createdAt = now
        if let id {
            guard let existing = try await store.segment(shopID: shop.id, id: id) else { throw ProblemDetails.notFound("segment \(id)") }
            createdAt = existing.createdAt
        }
        let stored = StoredSegment(
            id: id ?? "seg_" + RandomToken.make(byteCount: 12),
            name: parsed.name,
            description: parsed.description,
            rule: SegmentCatalog.json(parsed.rule).jsonText,
            createdAt: createdAt,
            updatedAt: now
        )
        try await store.saveSegment(stored, shopID: shop.id)
        let definition = SegmentDefinition(
            id: stored.id,
            name: stored.name,
            description: stored.description,
            rule: parsed.rule,
            builtIn: false,
            updatedAt: now
        )
        return try await describe(definition, shop: shop, status: id == nil ? .created : .ok)
    }

    /// One page of members (keyset by customer id), or with `format=csv` every member, streamed page by page.
    func customers(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let segment = try await find(shop, try context.parameters.require("id"))
        let query = Query(request)
        let now = environment.clock.now()
        _ = try await CustomerValues.snapshot(store: store, shop: shop, cache: environment.customerValues, now: now)
        let filter = SegmentCatalog.filter(segment.rule, now: now)
        if query.string("format") == "csv" {
            let store = self.store, currency = shop.currency.rawValue
            let body = ResponseBody { writer in
                try await writer.write(ByteBuffer(string: CSV.document(header: Self.csvHeader, rows: [])))
                var after: String?
                // Pages of 1,000 keep memory flat however large the segment is.
                while true {
                    let page = try await store.segmentMembers(shopID: shop.id, matching: filter, after: after, limit: 1000)
                    guard let last = page.last else { break }
                    let text = page.map { CSV.document(header: Self.csvRow($0, currency: currency), rows: []) }.joined()
                    try await writer.write(ByteBuffer(string: text))
                    after = last.customerID
                    if page.count < 1000 { break }
                }
                try await writer.finish(nil)
            }
            return Response(
                status: .ok,
                headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"segment-\(segment.id).csv\""],
                body: body
            )
        }
        let limit = try query.limit(default: 100, max: 1000)
        let page = try await store.segmentMembers(shopID: shop.id, matching: filter, after: query.string("cursor"), limit: limit + 1)
        let items = Array(page.prefix(limit))
        return try JSONResponse(
            DTO.list(items.map { Self.member($0) }, nextCursor: page.count > limit ? items.last?.customerID : nil)
        ).response(from: request, context: context)
    }

    static let csvHeader = ["customer_id", "email", "first_name", "last_name", "country", "orders", "spend", "currency", "last_order_at", "rfm_cell"]

    static func csvRow(_ m: SegmentMember, currency: String) -> [String] {
        [
            m.customerID, m.email ?? "", m.firstName ?? "", m.lastName ?? "", m.country ?? "", String(m.orderCount), String(m.spendMinor), currency,
            m.lastOrderAt.map(RFC3339.format) ?? "", m.rfmCell ?? "",
        ]
    }

    static func member(_ m: SegmentMember) -> JSONValue {
        .object([
            "customer_id": .string(m.customerID), "email": DTO.string(m.email), "first_name": DTO.string(m.firstName),
            "last_name": DTO.string(m.lastName), "country": DTO.string(m.country), "orders": .int(Int64(m.orderCount)), "spend": .int(m.spendMinor),
            "last_order_at": DTO.time(m.lastOrderAt), "rfm_cell": DTO.string(m.rfmCell),
        ])
    }
}
