import Foundation
import Hummingbird
import ReboundCore
import ReboundFlows
import ReboundStore

/// `/v1/flow-templates`, `/v1/flows` and the message log `/v1/messages`.
struct FlowRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.get("flow-templates") { _, _ in
            JSONResponse(DTO.list(FlowTemplates.all.map(Self.template), nextCursor: nil))
        }
        group.post("flows") { request, context in try await self.create(request, context: context) }
        group.get("flows") { _, context in
            let shop = try context.requireShop()
            return JSONResponse(DTO.list(try await store.flows(shopID: shop.id).map(Self.flow), nextCursor: nil))
        }
        group.get("flows/:id") { request, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            let version = try Query(request).int("version").map { Int($0) }
            guard let flow = try await store.flow(shopID: shop.id, id: id, version: version) else { throw ProblemDetails.notFound("flow \(id)") }
            return JSONResponse(Self.flow(flow))
        }
        group.delete("flows/:id") { _, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            guard try await store.flow(shopID: shop.id, id: id) != nil else { throw ProblemDetails.notFound("flow \(id)") }
            try await store.disableFlow(shopID: shop.id, id: id)
            return Response(status: .noContent)
        }
        group.get("messages") { request, context in try await self.messages(request, context: context) }
        group.get("reports/recovery") { request, context in try await self.recoveryReport(request, context: context) }
        group.get("flow-runs") { request, context in
            let shop = try context.requireShop()
            let query = Query(request)
            let runs = try await store.flowRuns(
                shopID: shop.id,
                flowID: query.string("flow_id"),
                status: query.string("status"),
                limit: try query.limit(default: 100, max: 1000)
            )
            return JSONResponse(DTO.list(runs.map(Self.run), nextCursor: nil))
        }
    }

    static func template(_ document: FlowDocument) -> JSONValue {
        .object([
            "id": .string(document.id), "name": .string(document.name), "trigger": .string(document.trigger.type.rawValue),
            "description": document.description.map(JSONValue.string) ?? .null, "document": document.jsonValue(),
        ])
    }

    static func flow(_ flow: StoredFlow) -> JSONValue {
        .object([
            "id": .string(flow.id), "version": .int(Int64(flow.version)), "name": .string(flow.name), "trigger": .string(flow.triggerType),
            "enabled": .bool(flow.enabled), "created_at": .string(RFC3339.format(flow.createdAt)),
            "document": (try? JSONValue.parse(flow.document)) ?? .null,
        ])
    }

    func create(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        // JSON, or YAML when the client says so.
        let bytes = try await RequestBody.bytes(request, limit: 256 * 1024)
        let body: JSONValue
        if let type = request.headers[.contentType], type.contains("yaml") {
            do {
                body = try FlowDocument.parseValue(String(decoding: bytes, as: UTF8.self))
            } catch {
                throw ProblemDetails.validation(error.issues.map { .init(field: $0.path.isEmpty ? "(body)" : $0.path, detail: $0.message) })
            }
        } else {
            body = try RequestBody.json(bytes)
        }
        guard case .object = body else { throw ProblemDetails.validation(field: "(body)", "must be a flow document or {\"template\": id, …}") }
        let document: FlowDocument
        do {
            document = try FlowTemplates.document(fromRequest: body)
        } catch {
            throw ProblemDetails.validation(error.issues.map { .init(field: $0.path.isEmpty ? "(body)" : $0.path, detail: $0.message) })
        }
        let issues = FlowValidator().validate(document)
        guard issues.isEmpty else {
            throw ProblemDetails.validation(issues.map { .init(field: $0.path.isEmpty ? "(body)" : $0.path, detail: $0.message) })
        }
        let stored = try await FlowLibrary.save(document, shopID: shop.id, store: store, now: environment.clock.now())
        return JSONResponse(Self.flow(stored), status: .created)
    }

    func messages(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let query = Query(request)
        var cursor: Cursor?
        if let text = query.string("cursor") {
            guard let parsed = Cursor(encoded: text) else { throw ProblemDetails.badQuery("cursor", "is not a cursor this API returned") }
            cursor = parsed
        }
        let filter = Store.MessageFilter(
            customerEmail: query.string("customer_email"),
            flowID: query.string("flow_id"),
            status: query.string("status"),
            customerID: query.string("customer_id").map { Customer.ID($0) }
        )
        let page = try await store.messages(shopID: shop.id, filter: filter, cursor: cursor, limit: try query.limit())
        return JSONResponse(DTO.list(page.items.map(Self.message), nextCursor: page.nextCursor))
    }

    func recoveryReport(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let query = Query(request)
        let to = try query.date("to") ?? environment.clock.now()
        let from = try query.date("from") ?? to.addingTimeInterval(-30 * 86400)
        guard from < to else { throw ProblemDetails.badQuery("from", "must be before to") }
        guard to.timeIntervalSince(from) <= 3 * 366 * 86400 else { throw ProblemDetails.badQuery("from", "the range may span at most three years") }
        let report = try await store.recoveryReport(shop: shop, from: from, to: to)
        if query.string("format") == "csv" { return CSV.response(Self.csv(report), filename: "recovery.csv") }
        func rows(_ rows: [RecoveryReport.Row]) -> JSONValue {
            .array(
                rows.map { row in
                    var object: [String: JSONValue] = [
                        "recovered_carts": .int(Int64(row.recoveredCarts)), "recovered_revenue": .int(row.recoveredRevenue),
                    ]
                    for (key, value) in row.key { object[key == "flow" ? "flow_id" : key] = .string(value) }
                    return .object(object)
                }
            )
        }
        return try JSONResponse(
            .object([
                "from": .string(RFC3339.format(from)), "to": .string(RFC3339.format(to)), "currency": .string(report.currency),
                "abandoned_carts": .int(Int64(report.abandonedCarts)), "recovered_carts": .int(Int64(report.recoveredCarts)),
                "recovery_rate": .double(report.recoveryRate), "recovered_revenue": .int(report.recoveredRevenue),
                "by_flow": rows(report.byFlow), "by_step": rows(report.byStep), "by_channel": rows(report.byChannel),
                "by_variant": rows(report.byVariant),
            ])
        ).response(from: request, context: context)
    }

    /// One line per breakdown row (`dimension` names which), after a line for the whole period.
    static func csv(_ report: RecoveryReport) -> String {
        var rows: [[String]] = [
            [
                "total", "", "", "", "", "\(report.abandonedCarts)", "\(report.recoveredCarts)", String(format: "%.6f", report.recoveryRate),
                "\(report.recoveredRevenue)",
            ]
        ]
        for (dimension, list) in [("flow", report.byFlow), ("step", report.byStep), ("channel", report.byChannel), ("variant", report.byVariant)] {
            for row in list {
                rows.append([
                    dimension, row.key["flow"] ?? "", row.key["step"] ?? "", row.key["channel"] ?? "", row.key["variant"] ?? "", "",
                    "\(row.recoveredCarts)", "", "\(row.recoveredRevenue)",
                ])
            }
        }
        return CSV.document(
            header: [
                "dimension", "flow_id", "step", "channel", "variant", "abandoned_carts", "recovered_carts", "recovery_rate", "recovered_revenue",
            ],
            rows: rows
        )
    }

    static func run(_ run: StoredFlowRun) -> JSONValue {
        .object([
            "id": .string(run.id), "flow_id": .string(run.flowID), "flow_version": .int(Int64(run.flowVersion)), "status": .string(run.status),
            "trigger_event_id": .string(run.triggerEventID), "cart_id": run.cartID.map { .string($0.rawValue) } ?? .null,
            "customer_id": run.customerID.map { .string($0.rawValue) } ?? .null,
            "wake_at": run.wakeAt.map { .string(RFC3339.format($0)) } ?? .null, "error": run.lastError.map(JSONValue.string) ?? .null,
            "variant": run.variant.map(JSONValue.string) ?? .null,
        ])
    }

    static func message(_ message: MessageRecord) -> JSONValue {
        func string(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        func time(_ date: Date?) -> JSONValue { date.map { .string(RFC3339.format($0)) } ?? .null }
        return .object([
            "id": .string(message.id), "key": .string(message.key), "run_id": string(message.runID), "flow_id": string(message.flowID),
            "flow_version": message.flowVersion.map { .int(Int64($0)) } ?? .null, "step": string(message.step), "variant": string(message.variant),
            "channel": .string(message.channel), "template": string(message.template), "status": .string(message.status),
            "customer_id": string(message.customerID?.rawValue), "recipient": string(message.recipient), "cart_id": string(message.cartID?.rawValue),
            "detail": string(message.detail), "scheduled_at": .string(RFC3339.format(message.scheduledAt)),
            "sent_at": time(message.sentAt), "subject": string(message.subject), "attempts": .int(Int64(message.attempts)),
            "provider_id": string(message.providerID), "error": string(message.error), "delivered_at": time(message.deliveredAt),
            "opened_at": time(message.openedAt), "clicked_at": time(message.clickedAt), "bounced_at": time(message.bouncedAt),
        ])
    }
}
