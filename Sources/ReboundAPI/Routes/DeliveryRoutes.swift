import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReboundAnalytics
import ReboundChannels
import ReboundChat
import ReboundCore
import ReboundStore

/// What flows and channels produce besides the message log: message templates and previews, the suppression
/// list, dead letters, discount codes, agent tasks, conversations, and the experiment report.
struct DeliveryRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.get("templates") { _, context in try await self.templates(context: context) }
        group.put("templates/:id/:locale") { request, context in try await self.saveTemplate(request, context: context) }
        group.delete("templates/:id/:locale") { _, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            let locale = try context.parameters.require("locale")
            guard try await store.deleteTemplate(shopID: shop.id, id: id, locale: locale) else {
                throw ProblemDetails.notFound("the shop's own template \(id) (\(locale))")
            }
            return Response(status: .noContent)
        }
        group.post("templates/preview") { request, context in try await self.preview(request, context: context) }

        group.get("suppressions") { request, context in
            let shop = try context.requireShop()
            let list = try await store.suppressions(shopID: shop.id, limit: try Query(request).limit(default: 100, max: 1000))
            return JSONResponse(DTO.list(list.map(Self.suppression), nextCursor: nil))
        }
        group.post("suppressions") { request, context in try await self.addSuppression(request, context: context) }
        group.delete("suppressions/:channel/:address") { _, context in
            let shop = try context.requireShop()
            let channel = try context.parameters.require("channel")
            let address = try context.parameters.require("address")
            guard try await store.unsuppress(shopID: shop.id, channel: channel, address: address.removingPercentEncoding ?? address) else {
                throw ProblemDetails.notFound("\(address) on the \(channel) suppression list")
            }
            return Response(status: .noContent)
        }

        group.get("dead-letters") { request, context in
            let shop = try context.requireShop()
            let limit = try Query(request).limit(default: 100, max: 1000)
            let messages = try await store.messages(shopID: shop.id, filter: .init(status: "failed"), cursor: nil, limit: limit).items
            let runs = try await store.flowRuns(shopID: shop.id, status: "dead", limit: limit)
            return JSONResponse(
                .object(["messages": .array(messages.map(FlowRoutes.message)), "runs": .array(runs.map(FlowRoutes.run))])
            )
        }

        group.get("discount-codes") { request, context in
            let shop = try context.requireShop()
            let query = Query(request)
            let customerID = query.string("customer_id").map { Customer.ID($0) }
            let codes = try await store.discountCodes(shopID: shop.id, customerID: customerID, limit: try query.limit(default: 100, max: 1000))
            return JSONResponse(DTO.list(codes.map(Self.discountCode), nextCursor: nil))
        }
        group.post("discount-codes/import") { request, context in
            let shop = try context.requireShop()
            guard case .object(let body) = try await RequestBody.json(request, limit: 2 * 1024 * 1024),
                case .array(let items)? = body["codes"]
            else { throw ProblemDetails.validation(field: "codes", "must be an array of code strings") }
            var codes: [String] = []
            var errors: [ProblemDetails.FieldError] = []
            for (index, item) in items.enumerated() {
                guard let code = item.stringValue?.trimmingCharacters(in: .whitespaces), !code.isEmpty, code.count <= 64,
                    code.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") })
                else {
                    errors.append(.init(field: "codes[\(index)]", detail: "must be 1–64 letters, digits, - or _"))
                    continue
                }
                codes.append(code)
            }
            guard errors.isEmpty else { throw ProblemDetails.validation(errors) }
            let added = try await store.addDiscountPool(shopID: shop.id, codes: codes, now: environment.clock.now())
            return JSONResponse(.object(["added": .int(Int64(added)), "duplicates": .int(Int64(codes.count - added))]), status: .created)
        }

        group.get("tasks") { request, context in
            let shop = try context.requireShop()
            let query = Query(request)
            let tasks = try await store.tasks(shopID: shop.id, status: query.string("status"), limit: try query.limit(default: 100, max: 1000))
            return JSONResponse(DTO.list(tasks.map(Self.task), nextCursor: nil))
        }

        group.get("conversations") { request, context in
            let shop = try context.requireShop()
            let query = Query(request)
            let now = environment.clock.now()
            var list: [Conversation]
            if let customerID = query.string("customer_id") {
                list = try await store.conversations(
                    shopID: shop.id,
                    status: query.string("status"),
                    customerID: Customer.ID(customerID),
                    limit: try query.limit(default: 50, max: 500)
                )
            } else {
                // The inbox's filters: free text over customer, subject and messages; assignee (`none`), team, tag.
                try await store.wakeSnoozed(shopID: shop.id, now: now)
                let filter = InboxFilter(
                    status: query.string("status"),
                    assignee: query.string("assignee"),
                    team: query.string("team"),
                    tag: query.string("tag"),
                    query: query.string("q"),
                    limit: try query.limit(default: 50, max: 500)
                )
                list = try await store.inboxConversations(shopID: shop.id, filter)
            }
            let schedule = try await store.serviceSchedule(shopID: shop.id)
            if query.string("order") == "sla" {
                // Breached first, then the nearest deadline: what an agent should answer next.
                let keyed = list.map { ($0, schedule.standing($0, now: now)) }
                list = keyed.sorted { a, b in
                    if a.1.isBreached != b.1.isBreached { return a.1.isBreached }
                    return (a.1.nextDue ?? .distantFuture) < (b.1.nextDue ?? .distantFuture)
                }.map(\.0)
            }
            return JSONResponse(DTO.list(list.map { Self.conversation($0, now: now, schedule: schedule) }, nextCursor: nil))
        }
        group.get("conversations/:id") { _, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            guard let conversation = try await store.conversation(shopID: shop.id, id: id) else {
                throw ProblemDetails.notFound("conversation \(id)")
            }
            guard case .object(var object) = Self.conversation(conversation) else { throw ProblemDetails.internalError }
            let messages = try await store.conversationMessages(shopID: shop.id, conversationID: id)
            let files = try await store.attachments(shopID: shop.id, messageIDs: messages.map(\.id))
            object["messages"] = .array(
                messages.map { message in
                    guard case .object(var json) = Self.conversationMessage(message), let attached = files[message.id] else {
                        return Self.conversationMessage(message)
                    }
                    json["attachments"] = .array(attached.map { ServerFrame.attachment($0, shopID: shop.id) })
                    return .object(json)
                }
            )
            return JSONResponse(.object(object))
        }

        group.post("conversations/:id/messages") { request, context in try await self.reply(request, context: context) }
        group.post("conversations/:id/status") { request, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            guard case .object(let body) = try await RequestBody.json(request, limit: 4096), let status = body["status"]?.stringValue,
                ["open", "pending", "snoozed", "resolved"].contains(status)
            else { throw ProblemDetails.validation(field: "status", "must be open, pending, snoozed or resolved") }
            guard let conversation = try await store.setConversationStatus(shopID: shop.id, id: id, status: status, now: environment.clock.now())
            else { throw ProblemDetails.notFound("conversation \(id)") }
            // A resolved chat asks the shopper for a rating.
            if status == "resolved", conversation.channel == "chat" {
                await environment.chatHub.sendToShoppers(conversationID: id, frame: ServerFrame.csatRequest)
            }
            await InboxFeed.refresh(environment, shopID: shop.id)
            return JSONResponse(Self.conversation(conversation))
        }
        group.get("reports/experiments") { request, context in try await self.experiments(request, context: context) }
    }

    // MARK: Conversations

    /// An agent's answer (or internal note): stored in order, pushed to the shopper's open chat sockets, and for
    /// SMS and email conversations sent through the outbox.
    func reply(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        guard case .object(let body) = try await RequestBody.json(request, limit: 32 * 1024),
            let text = body["text"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty, text.count <= ClientFrame.maxText
        else { throw ProblemDetails.validation(field: "text", "is required, at most \(ClientFrame.maxText) characters") }
        guard let conversation = try await store.conversation(shopID: shop.id, id: id) else { throw ProblemDetails.notFound("conversation \(id)") }
        let stored = try await ConversationReplies.send(
            environment: environment,
            shopID: shop.id,
            conversation: conversation,
            text: text,
            authorName: body["name"]?.stringValue.map { String($0.prefix(100)) },
            isNote: body["internal"]?.boolValue ?? false,
            clientID: body["client_id"]?.stringValue
        )
        return JSONResponse(Self.conversationMessage(stored.message), status: stored.isNew ? .created : .ok)
    }

    // MARK: Templates

    func templates(context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let own = try await store.templates(shopID: shop.id)
        let ownKeys = Set(own.map { $0.id + "@" + $0.locale })
        var items: [JSONValue] = own.map { .object(["id": .string($0.id), "locale": .string($0.locale), "source": "shop"]) }
        for template in DefaultTemplates.all where !ownKeys.contains(template.id + "@" + template.locale) {
            items.append(.object(["id": .string(template.id), "locale": .string(template.locale), "source": "default"]))
        }
        return JSONResponse(DTO.list(items, nextCursor: nil))
    }

    /// Saves the shop's version of a template after compiling it; a syntax error names part, line and column.
    func saveTemplate(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        let locale = try context.parameters.require("locale")
        guard id.count <= 100, id.allSatisfy({ $0.isLetter || $0.isNumber || "._-".contains($0) }) else {
            throw ProblemDetails.validation(field: "id", "must be letters, digits, '.', '_' or '-'")
        }
        guard locale.count <= 10, locale.allSatisfy({ $0.isLetter || $0 == "-" }) else {
            throw ProblemDetails.validation(field: "locale", "must be a language tag like de or de-AT")
        }
        guard case .object(let body) = try await RequestBody.json(request, limit: 256 * 1024) else {
            throw ProblemDetails.validation(field: "(body)", "must be an object with subject, preview, html and text")
        }
        var errors: [ProblemDetails.FieldError] = []
        func part(_ name: String, required: Bool) -> String {
            guard let value = body[name]?.stringValue else {
                if required { errors.append(.init(field: name, detail: "is required")) }
                return ""
            }
            return value
        }
        let template = EmailTemplate(
            id: id,
            locale: locale,
            subject: part("subject", required: true),
            preview: part("preview", required: false),
            html: part("html", required: true),
            text: part("text", required: true)
        )
        guard errors.isEmpty else { throw ProblemDetails.validation(errors) }
        do {
            try TemplateRenderer.validate(template)
        } catch {
            var detail = error.reason
            if error.line > 0 { detail = "line \(error.line), column \(error.column): " + detail }
            throw ProblemDetails.validation(field: error.part, detail)
        }
        let document = String(decoding: try JSONEncoder().encode(template), as: UTF8.self)
        try await store.saveTemplate(shopID: shop.id, id: id, locale: locale, document: document, now: environment.clock.now())
        return JSONResponse(.object(["id": .string(id), "locale": .string(locale), "source": "shop"]))
    }

    /// Renders a template for a cart (or a sample with no cart) with the shop's look and the real links.
    func preview(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        guard case .object(let body) = try await RequestBody.json(request, limit: 64 * 1024), let id = body["template"]?.stringValue else {
            throw ProblemDetails.validation(field: "template", "is required, e.g. cart_recovery.help")
        }
        let now = environment.clock.now()
        var cart: Cart?
        if let cartID = body["cart_id"]?.stringValue {
            guard let found = try await store.cart(shopID: shop.id, id: Cart.ID(cartID)) else { throw ProblemDetails.notFound("cart \(cartID)") }
            cart = found
        }
        let customer = try await cart?.customerID.asyncMap { try await store.customer(shopID: shop.id, id: $0) } ?? nil
        let settings = try await store.channelSettings(shopID: shop.id)
        let composer = MessageComposer(store: store, linkBaseURL: environment.publicURL ?? "http://localhost")
        let parts = try await composer.parts(
            shop: shop,
            settings: settings,
            customer: customer,
            cart: cart,
            messageID: "preview",
            runID: nil,
            template: id,
            now: now
        )
        let stored = try await store.templates(shopID: shop.id)
        let renderer: TemplateRenderer
        do {
            renderer = try TemplateRenderer(templates: MessageComposer.merge(DefaultTemplates.all, stored))
        } catch {
            throw ProblemDetails.validation(field: error.part, error.reason)
        }
        let content: RenderedContent
        do {
            content = try renderer.render(id, locale: body["locale"]?.stringValue ?? parts.locale, context: parts.context)
        } catch {
            throw ProblemDetails.validation(field: "template", "\(error.reason)")
        }
        return JSONResponse(
            .object([
                "subject": .string(content.subject), "preview": .string(content.preview), "html": .string(content.html),
                "text": .string(content.text), "missing_variables": .array(content.missingVariables.map(JSONValue.string)),
            ])
        )
    }

    // MARK: Suppressions

    func addSuppression(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        guard case .object(let body) = try await RequestBody.json(request, limit: 16 * 1024) else {
            throw ProblemDetails.validation(field: "(body)", "must be an object with channel and address")
        }
        let channel = body["channel"]?.stringValue ?? "email"
        guard let address = body["address"]?.stringValue else { throw ProblemDetails.validation(field: "address", "is required") }
        switch channel {
        case "email":
            guard (try? EmailAddress(address)) != nil else { throw ProblemDetails.validation(field: "address", "is not an email address") }
        case "sms":
            guard (try? PhoneNumber(e164: address)) != nil else { throw ProblemDetails.validation(field: "address", "must be an E.164 number") }
        default:
            throw ProblemDetails.validation(field: "channel", "must be email or sms")
        }
        let reason = body["reason"]?.stringValue ?? "added by the shop"
        try await store.suppress(shopID: shop.id, channel: channel, address: address, reason: reason, now: environment.clock.now())
        return JSONResponse(
            .object(["channel": .string(channel), "address": .string(address.lowercased()), "reason": .string(reason)]),
            status: .created
        )
    }

    // MARK: Experiments

    /// Per flow experiment: each arm's recipients, conversions (an order within the attribution window of the run's
    /// start), conversion rate and revenue per recipient, compared against the holdout with a 95 % interval,
    /// p-value and verdict. `?format=csv` for a spreadsheet.
    func experiments(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let query = Query(request)
        let to = try query.date("to") ?? environment.clock.now()
        let from = try query.date("from") ?? to.addingTimeInterval(-90 * 86400)
        guard from < to else { throw ProblemDetails.badQuery("from", "must be before to") }
        let exposures = try await store.experimentExposures(
            shopID: shop.id,
            from: from,
            to: to,
            window: TimeInterval(shop.settings.attributionWindowSeconds)
        )
        let report = ExperimentReport(exposures: exposures)
        if query.string("format") == "csv" {
            return CSV.response(report.csv, filename: "experiments.csv")
        }
        return try JSONResponse(
            .object([
                "from": .string(RFC3339.format(from)), "to": .string(RFC3339.format(to)), "currency": .string(shop.currency.rawValue),
                "rule": .string(ExperimentRule().statement), "experiments": .array(report.json),
            ])
        ).response(from: request, context: context)
    }

    // MARK: DTOs

    static func suppression(_ item: Store.Suppression) -> JSONValue {
        .object([
            "channel": .string(item.channel), "address": .string(item.address), "reason": .string(item.reason),
            "created_at": .string(RFC3339.format(item.createdAt)),
        ])
    }

    static func discountCode(_ code: DiscountCodeRecord) -> JSONValue {
        .object([
            "code": .string(code.code), "kind": .string(code.kind), "value": code.value.map(JSONValue.int) ?? .null,
            "minimum_cart": code.minimumCart.map(JSONValue.int) ?? .null,
            "expires_at": code.expiresAt.map { .string(RFC3339.format($0)) } ?? .null,
            "customer_id": code.customerID.map { .string($0.rawValue) } ?? .null, "flow_id": code.flowID.map(JSONValue.string) ?? .null,
            "run_id": code.runID.map(JSONValue.string) ?? .null, "status": .string(code.status), "platform": .string(code.platform),
            "redeemed_order": code.redeemedOrder.map(JSONValue.string) ?? .null,
        ])
    }

    static func task(_ task: AgentTask) -> JSONValue {
        .object([
            "id": .string(task.id), "kind": .string(task.kind), "title": .string(task.title), "detail": task.detail.map(JSONValue.string) ?? .null,
            "customer_id": task.customerID.map { .string($0.rawValue) } ?? .null, "cart_id": task.cartID.map { .string($0.rawValue) } ?? .null,
            "queue": task.queue.map(JSONValue.string) ?? .null, "priority": task.priority.map(JSONValue.string) ?? .null,
            "status": .string(task.status), "created_at": .string(RFC3339.format(task.createdAt)),
        ])
    }

    /// A conversation as the API shows it; with `now`, its SLA standing under the shop's targets and hours.
    static func conversation(_ c: Conversation, now: Date? = nil, schedule: ServiceSchedule = ServiceSchedule()) -> JSONValue {
        func time(_ date: Date?) -> JSONValue { date.map { .string(RFC3339.format($0)) } ?? .null }
        var sla: JSONValue = .null
        if let now {
            let s = schedule.standing(c, now: now)
            sla = .object([
                "first_response_due": time(s.firstResponseDue), "resolution_due": time(s.resolutionDue),
                "first_response_breached": .bool(s.firstResponseBreached), "resolution_breached": .bool(s.resolutionBreached),
            ])
        }
        return .object([
            "sla": sla,
            "id": .string(c.id), "channel": .string(c.channel), "status": .string(c.status), "subject": c.subject.map(JSONValue.string) ?? .null,
            "customer_id": c.customerID.map { .string($0.rawValue) } ?? .null, "visitor_id": c.visitorID.map(JSONValue.string) ?? .null,
            "cart_id": c.cartID.map { .string($0.rawValue) } ?? .null, "intent": c.intent.map(JSONValue.string) ?? .null,
            "assignee": c.assignee.map(JSONValue.string) ?? .null, "team": c.team.map(JSONValue.string) ?? .null,
            "last_seq": .int(c.lastSeq), "created_at": time(c.createdAt), "updated_at": time(c.updatedAt),
            "first_response_at": time(c.firstResponseAt), "resolved_at": time(c.resolvedAt),
            "priority": .int(Int64(c.priority)), "tags": .array(c.tags.map(JSONValue.string)), "snoozed_until": time(c.snoozedUntil),
            "next_response_due": time(c.nextResponseDueAt), "language": c.language.map(JSONValue.string) ?? .null,
        ])
    }

    static func conversationMessage(_ m: ConversationMessage) -> JSONValue {
        .object([
            "seq": .int(m.seq), "id": .string(m.id), "author": .string(m.author), "name": m.authorName.map(JSONValue.string) ?? .null,
            "text": .string(m.body), "channel": .string(m.channel), "at": .string(RFC3339.format(m.createdAt)),
        ])
    }
}

/// Arms of every flow experiment, each variant compared with the flow's holdout.
struct ExperimentReport {
    struct Arm {
        var flowID: String
        var variant: String
        var recipients = 0
        var conversions = 0
        var revenue: Int64 = 0
        var revenueSquares: Double = 0

        var result: VariantResult {
            VariantResult(
                name: variant,
                recipients: recipients,
                conversions: conversions,
                revenue: SampleMoments(count: recipients, sum: Double(revenue) / 100, sumOfSquares: revenueSquares)
            )
        }
    }

    var arms: [Arm] = []

    init(exposures: [Store.ExperimentExposure]) {
        var byKey: [String: Arm] = [:]
        for exposure in exposures {
            let key = exposure.flowID + "\u{1F}" + exposure.variant
            var arm = byKey[key] ?? Arm(flowID: exposure.flowID, variant: exposure.variant)
            arm.recipients += 1
            if exposure.converted { arm.conversions += 1 }
            arm.revenue += exposure.revenue
            let major = Double(exposure.revenue) / 100
            arm.revenueSquares += major * major
            byKey[key] = arm
        }
        arms = byKey.values.sorted { ($0.flowID, $0.variant) < ($1.flowID, $1.variant) }
    }

    func comparison(_ arm: Arm) -> ExperimentComparison? {
        guard arm.variant != "holdout", arm.recipients > 0,
            let holdout = arms.first(where: { $0.flowID == arm.flowID && $0.variant == "holdout" }), holdout.recipients > 0
        else { return nil }
        return ExperimentComparison(variant: arm.result, holdout: holdout.result)
    }

    var json: [JSONValue] {
        let flows = Array(Set(arms.map(\.flowID))).sorted()
        return flows.map { flow in
            let flowArms = arms.filter { $0.flowID == flow }
            return .object([
                "flow_id": .string(flow),
                "arms": .array(
                    flowArms.map { arm in
                        var object: [String: JSONValue] = [
                            "variant": .string(arm.variant), "recipients": .int(Int64(arm.recipients)),
                            "conversions": .int(Int64(arm.conversions)), "conversion_rate": .double(arm.result.conversionRate),
                            "revenue": .int(arm.revenue),
                            "revenue_per_recipient": .double(arm.recipients > 0 ? Double(arm.revenue) / Double(arm.recipients) / 100 : 0),
                        ]
                        if let c = comparison(arm) {
                            object["lift"] = .double(c.absoluteLift)
                            object["relative_lift"] = c.relativeLift.map(JSONValue.double) ?? .null
                            object["interval_95"] = .array([.double(c.newcombeInterval.lower), .double(c.newcombeInterval.upper)])
                            object["p_value"] = .double(c.pValue)
                            object["verdict"] = .string(c.verdict.description)
                        }
                        return .object(object)
                    }
                ),
            ])
        }
    }

    var csv: String {
        CSV.document(
            header: [
                "flow_id", "variant", "recipients", "conversions", "conversion_rate", "revenue_per_recipient", "lift", "ci_low", "ci_high",
                "p_value", "verdict",
            ],
            rows: arms.map { arm in
                let c = comparison(arm)
                func number(_ value: Double?) -> String { value.map { String(format: "%.6f", $0) } ?? "" }
                return [
                    arm.flowID, arm.variant, "\(arm.recipients)", "\(arm.conversions)", number(arm.result.conversionRate),
                    number(arm.recipients > 0 ? Double(arm.revenue) / Double(arm.recipients) / 100 : 0), number(c?.absoluteLift),
                    number(c?.newcombeInterval.lower), number(c?.newcombeInterval.upper), number(c?.pValue), c?.verdict.description ?? "",
                ]
            }
        )
    }
}

extension CSV {
    static func response(_ text: String, filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
