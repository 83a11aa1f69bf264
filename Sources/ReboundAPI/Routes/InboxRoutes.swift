import Foundation
import Hummingbird
import ReboundChat
import ReboundCore
import ReboundStore

/// `/v1` for the inbox: teams, macros, routing rules, and changing a conversation's assignee, team, tags and status.
struct InboxRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.get("teams") { _, context in
            let shop = try context.requireShop()
            return JSONResponse(DTO.list(try await store.teams(shopID: shop.id).map(Self.team), nextCursor: nil))
        }
        group.post("teams") { request, context in
            let shop = try context.requireShop()
            let body = try await Self.object(request)
            let name = try Self.name(body["name"])
            let members = try Self.strings(body, "member_ids") ?? []
            let hours = try Self.businessHours(body["business_hours"])
            let team = try await Self.mapped {
                try await store.saveTeam(shopID: shop.id, id: nil, name: name, memberIDs: members, businessHours: hours, now: environment.clock.now())
            }
            return JSONResponse(Self.team(team), status: .created)
        }
        // Changes what the body names: `name`, `member_ids` (replaces the members), `business_hours` (null: the shop's).
        group.patch("teams/:id") { request, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            let body = try await Self.object(request)
            guard var team = try await store.teams(shopID: shop.id).first(where: { $0.id == id }) else { throw ProblemDetails.notFound("team \(id)") }
            if body["name"] != nil { team.name = try Self.name(body["name"]) }
            if let members = try Self.strings(body, "member_ids") { team.memberIDs = members }
            if body["business_hours"] != nil { team.businessHours = try Self.businessHours(body["business_hours"]) }
            let changed = team
            let saved = try await Self.mapped {
                try await store.saveTeam(
                    shopID: shop.id,
                    id: id,
                    name: changed.name,
                    memberIDs: changed.memberIDs,
                    businessHours: changed.businessHours,
                    now: environment.clock.now()
                )
            }
            return JSONResponse(Self.team(saved))
        }
        group.delete("teams/:id") { _, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            guard try await store.deleteTeam(shopID: shop.id, id: id) else { throw ProblemDetails.notFound("team \(id)") }
            return Response(status: .noContent)
        }
        group.get("macros") { _, context in
            let shop = try context.requireShop()
            return JSONResponse(DTO.list(try await store.macros(shopID: shop.id).map(Self.macro), nextCursor: nil))
        }
        group.post("macros") { request, context in
            let shop = try context.requireShop()
            let body = try await Self.object(request)
            let name = try Self.name(body["name"])
            let macro = try await store.saveMacro(
                shopID: shop.id,
                id: nil,
                name: name,
                body: try Self.macroBody(body["body"]),
                now: environment.clock.now()
            )
            return JSONResponse(Self.macro(macro), status: .created)
        }
        group.patch("macros/:id") { request, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            let body = try await Self.object(request)
            guard let macro = try await store.macros(shopID: shop.id).first(where: { $0.id == id }) else {
                throw ProblemDetails.notFound("macro \(id)")
            }
            let name = body["name"] != nil ? try Self.name(body["name"]) : macro.name
            let text = body["body"] != nil ? try Self.macroBody(body["body"]) : macro.body
            let saved = try await store.saveMacro(shopID: shop.id, id: id, name: name, body: text, now: environment.clock.now())
            return JSONResponse(Self.macro(saved))
        }
        // Agents with their presence, capacity and open conversations; `PATCH` sets capacity and presence.
        group.get("agents") { _, context in
            let shop = try context.requireShop()
            return JSONResponse(DTO.list(try await store.agentPresence(shopID: shop.id).map(Self.agent), nextCursor: nil))
        }
        group.patch("agents/:id") { request, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            let body = try await Self.object(request)
            guard let current = try await store.agentPresence(shopID: shop.id).first(where: { $0.agentID == id }) else {
                throw ProblemDetails.notFound("agent \(id)")
            }
            var capacity: Int?
            if let value = body["capacity"] {
                guard let number = value.int64Value, (0...100).contains(number) else {
                    throw ProblemDetails.validation(field: "capacity", "must be a whole number from 0 (takes no new conversations) to 100")
                }
                capacity = Int(number)
            }
            var state = current.state
            if let value = body["presence"] {
                guard let given = value.stringValue.flatMap(AgentPresence.State.init(rawValue:)) else {
                    throw ProblemDetails.validation(field: "presence", "must be online, away or offline")
                }
                state = given
            }
            let unknown = body.keys.filter { !["capacity", "presence"].contains($0) }.sorted()
            if let field = unknown.first { throw ProblemDetails.validation(field: field, "is not an agent field; known: capacity, presence") }
            try await store.setPresence(shopID: shop.id, agentID: id, state: state, capacity: capacity, now: environment.clock.now())
            // Room may have handed out waiting conversations: open inboxes re-read.
            await InboxFeed.refresh(environment, shopID: shop.id)
            guard let updated = try await store.agentPresence(shopID: shop.id).first(where: { $0.agentID == id }) else {
                throw ProblemDetails.notFound("agent \(id)")
            }
            return JSONResponse(Self.agent(updated))
        }
        group.delete("macros/:id") { _, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            guard try await store.deleteMacro(shopID: shop.id, id: id) else { throw ProblemDetails.notFound("macro \(id)") }
            return Response(status: .noContent)
        }
        group.get("routing-rules") { _, context in
            let shop = try context.requireShop()
            return JSONResponse(DTO.list(try await store.routingRules(shopID: shop.id).map(Self.rule), nextCursor: nil))
        }
        group.post("routing-rules") { request, context in
            let shop = try context.requireShop()
            let rule = try Self.rule(from: try await Self.object(request))
            let stored = try await Self.mapped { try await store.addRoutingRule(shopID: shop.id, rule, now: environment.clock.now()) }
            return JSONResponse(Self.rule(stored), status: .created)
        }
        group.delete("routing-rules/:id") { _, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            guard try await store.deleteRoutingRule(shopID: shop.id, id: id) else { throw ProblemDetails.notFound("routing rule \(id)") }
            return Response(status: .noContent)
        }
        group.patch("conversations/:id") { request, context in try await self.patch(request, context: context) }
        group.post("conversations/:id/notes") { request, context in
            let shop = try context.requireShop()
            let id = try context.parameters.require("id")
            let body = try await Self.object(request)
            guard let text = body["text"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty,
                text.count <= ClientFrame.maxText
            else { throw ProblemDetails.validation(field: "text", "is required, at most \(ClientFrame.maxText) characters") }
            guard try await store.conversation(shopID: shop.id, id: id) != nil else { throw ProblemDetails.notFound("conversation \(id)") }
            // A note is stored and shown to the shop's agents, never published to the shopper's sockets nor queued for sending.
            let stored = try await store.appendConversationMessage(
                shopID: shop.id,
                to: .existing(id: id),
                author: "note",
                authorName: body["name"]?.stringValue.map { String($0.prefix(100)) },
                body: text,
                now: environment.clock.now()
            )
            if stored.isNew { await InboxFeed.arrived(environment, shopID: shop.id, conversationID: id, message: stored.message) }
            return JSONResponse(DeliveryRoutes.conversationMessage(stored.message), status: .created)
        }
    }

    /// `PATCH /v1/conversations/{id}`: `assignee`, `team` (null clears), `tags`, `add_tags`, `remove_tags`, `status`, `snoozed_until`.
    func patch(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        let body = try await Self.object(request)
        var patch = ConversationPatch()
        if let value = body["assignee"] {
            guard value == .null || value.stringValue != nil else {
                throw ProblemDetails.validation(field: "assignee", "must be an agent id or null")
            }
            patch.assignee = .some(value.stringValue)
        }
        if let value = body["team"] {
            guard value == .null || value.stringValue != nil else { throw ProblemDetails.validation(field: "team", "must be a team id or null") }
            patch.team = .some(value.stringValue)
        }
        patch.tags = try Self.strings(body, "tags")
        patch.addTags = try Self.strings(body, "add_tags") ?? []
        patch.removeTags = try Self.strings(body, "remove_tags") ?? []
        if let value = body["status"] {
            guard let status = value.stringValue, ["open", "pending", "snoozed", "resolved"].contains(status) else {
                throw ProblemDetails.validation(field: "status", "must be open, pending, snoozed or resolved")
            }
            patch.status = status
        }
        if let value = body["snoozed_until"], value != .null {
            guard let text = value.stringValue, let until = RFC3339.parse(text) else {
                throw ProblemDetails.validation(field: "snoozed_until", "must be an RFC 3339 time such as 2026-11-26T12:00:00Z")
            }
            patch.snoozedUntil = until
            if patch.status == nil { patch.status = "snoozed" }
        }
        if patch.status == "snoozed", patch.snoozedUntil == nil {
            throw ProblemDetails.validation(field: "snoozed_until", "is required to snooze")
        }
        let now = environment.clock.now()
        let changed = patch
        guard let conversation = try await Self.mapped({ try await store.updateConversation(shopID: shop.id, id: id, changed, now: now) }) else {
            throw ProblemDetails.notFound("conversation \(id)")
        }
        if patch.status == "resolved", conversation.channel == "chat" {
            await environment.chatHub.sendToShoppers(conversationID: id, frame: ServerFrame.csatRequest)
        }
        await InboxFeed.refresh(environment, shopID: shop.id)
        return JSONResponse(DeliveryRoutes.conversation(conversation, now: now, schedule: try await store.serviceSchedule(shopID: shop.id)))
    }

    // MARK: Input

    static func object(_ request: Request) async throws -> [String: JSONValue] {
        guard case .object(let body) = try await RequestBody.json(request, limit: 32 * 1024) else {
            throw ProblemDetails.malformedJSON("the body must be a JSON object")
        }
        return body
    }

    static func name(_ value: JSONValue?) throws -> String {
        guard let name = value?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines), !name.isEmpty, name.count <= 100 else {
            throw ProblemDetails.validation(field: "name", "is required, at most 100 characters")
        }
        return name
    }

    static func strings(_ body: [String: JSONValue], _ field: String) throws -> [String]? {
        guard let value = body[field] else { return nil }
        guard let array = value.arrayValue else { throw ProblemDetails.validation(field: field, "must be an array of strings") }
        let strings = array.compactMap(\.stringValue)
        guard strings.count == array.count, strings.count <= 50 else {
            throw ProblemDetails.validation(field: field, "must be an array of at most 50 strings")
        }
        return strings
    }

    static func macroBody(_ value: JSONValue?) throws -> String {
        guard let text = value?.stringValue, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text.count <= 5000 else {
            throw ProblemDetails.validation(field: "body", "is required, at most 5000 characters")
        }
        return text
    }

    /// Opening hours for a team (`null` or absent: the shop's), checked field by field.
    static func businessHours(_ value: JSONValue?) throws -> JSONValue? {
        guard let value, value != .null else { return nil }
        if let problem = BusinessHours.problems(value).first {
            let field = problem.field == "(value)" ? "business_hours" : "business_hours." + problem.field
            throw ProblemDetails.validation(field: field, problem.detail)
        }
        return value
    }

    /// A routing rule from its JSON: the conditions, then `team_id` and/or `priority`.
    static func rule(from body: [String: JSONValue]) throws -> RoutingRule {
        func text(_ field: String) throws -> String? {
            guard let value = body[field], value != .null else { return nil }
            guard let string = value.stringValue?.trimmingCharacters(in: .whitespaces), !string.isEmpty, string.count <= 100 else {
                throw ProblemDetails.validation(field: field, "must be a non-empty string")
            }
            return string
        }
        var minimum: Int64?
        if let value = body["minimum_cart_value"], value != .null {
            guard let number = value.int64Value, number >= 0 else {
                throw ProblemDetails.validation(field: "minimum_cart_value", "must be a whole number of minor units, 0 or more")
            }
            minimum = number
        }
        var priority: Int?
        if let value = body["priority"], value != .null {
            guard let number = value.int64Value, (0...100).contains(number) else {
                throw ProblemDetails.validation(field: "priority", "must be a whole number from 0 to 100")
            }
            priority = Int(number)
        }
        let rule = RoutingRule(
            id: "",
            name: try text("name") ?? "Rule",
            channel: try text("channel"),
            page: try text("page"),
            intent: try text("intent"),
            language: try text("language"),
            customerTag: try text("customer_tag"),
            minimumCartValue: minimum,
            teamID: try text("team_id"),
            priority: priority
        )
        guard rule.teamID != nil || rule.priority != nil else {
            throw ProblemDetails.validation(field: "team_id", "a rule needs a team_id, a priority, or both")
        }
        return rule
    }

    /// Runs a store call, answering 422 for input the store refused (an agent or team of another shop).
    static func mapped<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as StoreError where error.code == .invalid {
            throw ProblemDetails.validation(field: "body", error.message)
        }
    }

    // MARK: Output

    static func team(_ team: Team) -> JSONValue {
        .object([
            "id": .string(team.id), "name": .string(team.name), "member_ids": .array(team.memberIDs.map(JSONValue.string)),
            "business_hours": team.businessHours ?? .null,
        ])
    }

    static func agent(_ agent: AgentPresence) -> JSONValue {
        .object([
            "id": .string(agent.agentID), "name": .string(agent.name), "presence": .string(agent.state.rawValue),
            "capacity": .int(Int64(agent.capacity)), "open_count": .int(Int64(agent.openCount)),
            "last_seen_at": agent.lastSeenAt.map { .string(RFC3339.format($0)) } ?? .null,
        ])
    }

    static func macro(_ macro: Macro) -> JSONValue {
        .object([
            "id": .string(macro.id), "name": .string(macro.name), "body": .string(macro.body),
            "updated_at": .string(RFC3339.format(macro.updatedAt)),
        ])
    }

    static func rule(_ rule: RoutingRule) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
        return .object([
            "id": .string(rule.id), "name": .string(rule.name), "channel": text(rule.channel), "page": text(rule.page),
            "intent": text(rule.intent), "language": text(rule.language), "customer_tag": text(rule.customerTag),
            "minimum_cart_value": rule.minimumCartValue.map(JSONValue.int) ?? .null, "team_id": text(rule.teamID),
            "priority": rule.priority.map { .int(Int64($0)) } ?? .null,
        ])
    }
}
