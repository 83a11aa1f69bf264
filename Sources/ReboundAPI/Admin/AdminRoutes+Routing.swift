import Foundation
import Hummingbird
import ReboundAdmin
import ReboundCore
import ReboundStore

/// `/admin/macros` and `/admin/routing`: admins only; an agent gets a 403 page.
extension AdminRoutes {
    func macrosPage(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try Self.requireAdmin(context)
        let shop = try context.requireShop()
        var page = try AdminHTML.context(context, section: .inbox, now: environment.clock.now())
        if Query(request).string("saved") != nil { page.notice = .init("Macros saved", tone: .success) }
        let macros = try await store.macros(shopID: shop.id).map { MacroOption(id: $0.id, title: $0.name, body: $0.body) }
        let model = MacrosViewModel(context: page, macros: macros, variables: MacroText.variables)
        return AdminHTML.response(AdminPages.macros(model), nonce: page.cspNonce ?? "")
    }

    func addMacro(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try await saveMacro(request, context: context, id: nil)
    }

    func editMacro(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try await saveMacro(request, context: context, id: try context.parameters.require("id"))
    }

    /// Creates (`id` nil) or changes a macro from the form's `name` and `body`.
    func saveMacro(_ request: Request, context: ReboundRequestContext, id: String?) async throws -> Response {
        try Self.requireAdmin(context)
        let shop = try context.requireShop()
        let form = try await Self.form(request)
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let body = (form["body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100, !body.isEmpty, body.count <= 5000 else {
            throw ProblemDetails(.unprocessableContent, type: "validation", title: "A macro needs a name and a text", detail: "Fill in both.")
        }
        do {
            try await store.saveMacro(shopID: shop.id, id: id, name: name, body: body, now: environment.clock.now())
        } catch let error as StoreError where error.code == .notFound {
            throw HTTPError(.notFound)
        }
        return AdminHTML.redirect("/admin/macros?saved=1")
    }

    func deleteMacro(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try Self.requireAdmin(context)
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        guard try await store.deleteMacro(shopID: shop.id, id: id) else { throw HTTPError(.notFound) }
        return AdminHTML.redirect("/admin/macros?saved=1")
    }

    func routingPage(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try Self.requireAdmin(context)
        let shop = try context.requireShop()
        var page = try AdminHTML.context(context, section: .inbox, now: environment.clock.now())
        if Query(request).string("saved") != nil { page.notice = .init("Routing saved", tone: .success) }
        let agents = try await store.agentPresence(shopID: shop.id)
        let names = Dictionary(agents.map { ($0.agentID, $0.name) }, uniquingKeysWith: { a, _ in a })
        let teams = try await store.teams(shopID: shop.id)
        let teamNames = Dictionary(teams.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let format = page.format
        let rules = try await store.routingRules(shopID: shop.id).map { rule in
            var when: [String] = []
            if let v = rule.channel { when.append("channel " + v) }
            if let v = rule.page { when.append("page " + v) }
            if let v = rule.intent { when.append("intent " + v) }
            if let v = rule.language { when.append("language " + v) }
            if let v = rule.customerTag { when.append("customer tag " + v) }
            if let v = rule.minimumCartValue { when.append("live cart ≥ " + format.money(minorUnits: v)) }
            var then: [String] = []
            if let team = rule.teamID { then.append("team " + (teamNames[team] ?? team)) }
            if let priority = rule.priority { then.append("priority \(priority)") }
            return RoutingViewModel.RuleRow(
                id: rule.id,
                name: rule.name,
                conditions: when.isEmpty ? "always" : when.joined(separator: " · "),
                outcome: then.joined(separator: " · ")
            )
        }
        let model = RoutingViewModel(
            context: page,
            teams: teams.map { team in
                RoutingViewModel.TeamRow(
                    id: team.id,
                    name: team.name,
                    members: team.memberIDs.compactMap { names[$0] },
                    memberIDs: Set(team.memberIDs),
                    hours: team.businessHours.map { Self.hoursForm($0, zone: shop.timeZone) }
                )
            },
            rules: rules,
            agents: agents.map { AgentOption(id: $0.agentID, name: $0.name) },
            agentLoads: Dictionary(
                agents.map { ($0.agentID, "\($0.state.rawValue) · \($0.openCount)/\($0.capacity)") },
                uniquingKeysWith: { a, _ in a }
            )
        )
        var shown = model
        shown.agentRows = agents.map {
            RoutingViewModel.AgentRow(id: $0.agentID, name: $0.name, presence: $0.state.rawValue, openCount: $0.openCount, capacity: $0.capacity)
        }
        shown.shopTimeZone = shop.timeZone
        return AdminHTML.response(AdminPages.routing(shown), nonce: page.cspNonce ?? "")
    }

    /// A stored hours document as the form shows it.
    static func hoursForm(_ value: JSONValue, zone: String) -> RoutingViewModel.HoursForm {
        var days: [String: [String]] = [:]
        for (day, span) in value["days"]?.objectValue ?? [:] { days[day] = (span.arrayValue ?? []).compactMap(\.stringValue) }
        return RoutingViewModel.HoursForm(
            timeZone: value["time_zone"]?.stringValue ?? zone,
            days: days,
            holidays: (value["holidays"]?.arrayValue ?? []).compactMap(\.stringValue)
        )
    }

    /// The team form's hours: nil when no day is filled in (the team follows the shop's hours).
    static func hours(from form: FormBody) throws -> JSONValue? {
        var days: [String: JSONValue] = [:]
        for day in BusinessHours.weekdays {
            let open = (form["open_" + day] ?? "").trimmingCharacters(in: .whitespaces)
            let close = (form["close_" + day] ?? "").trimmingCharacters(in: .whitespaces)
            if open.isEmpty && close.isEmpty { continue }
            days[day] = .array([.string(String(open.prefix(5))), .string(String(close.prefix(5)))])
        }
        guard !days.isEmpty else { return nil }
        var document: [String: JSONValue] = ["days": .object(days)]
        let zone = (form["time_zone"] ?? "").trimmingCharacters(in: .whitespaces)
        if !zone.isEmpty { document["time_zone"] = .string(String(zone.prefix(64))) }
        let holidays = (form["holidays"] ?? "").split(whereSeparator: { $0 == "\n" || $0 == "," || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if !holidays.isEmpty { document["holidays"] = .array(holidays.map { .string(String($0.prefix(10))) }) }
        let value = JSONValue.object(document)
        if let problem = BusinessHours.problems(value).first {
            throw ProblemDetails(
                .unprocessableContent,
                type: "validation",
                title: "Business hours: \(problem.field) \(problem.detail)",
                detail: "Times are HH:MM with closing after opening, the zone an IANA name such as Europe/Berlin, holidays YYYY-MM-DD."
            )
        }
        return value
    }

    func addTeam(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try await saveTeam(request, context: context, id: nil)
    }

    func editTeam(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try await saveTeam(request, context: context, id: try context.parameters.require("id"))
    }

    func saveTeam(_ request: Request, context: ReboundRequestContext, id: String?) async throws -> Response {
        try Self.requireAdmin(context)
        let shop = try context.requireShop()
        let form = try await Self.form(request)
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 100 else {
            throw ProblemDetails(.unprocessableContent, type: "validation", title: "A team needs a name", detail: "Name the team.")
        }
        let members = form.fields.filter { $0.name == "member" }.map(\.value)
        let hours = try Self.hours(from: form)
        do {
            try await store.saveTeam(shopID: shop.id, id: id, name: name, memberIDs: members, businessHours: hours, now: environment.clock.now())
        } catch let error as StoreError where error.code == .invalid {
            throw ProblemDetails(.unprocessableContent, type: "validation", title: "Unknown agent", detail: error.message)
        } catch let error as StoreError where error.code == .notFound {
            throw HTTPError(.notFound)
        }
        return AdminHTML.redirect("/admin/routing?saved=1")
    }

    func setCapacity(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try Self.requireAdmin(context)
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        let form = try await Self.form(request)
        guard let capacity = Int((form["capacity"] ?? "").trimmingCharacters(in: .whitespaces)), (0...100).contains(capacity) else {
            throw ProblemDetails(.unprocessableContent, type: "validation", title: "Capacity is 0 to 100", detail: "Write a whole number.")
        }
        guard let agent = try await store.agentPresence(shopID: shop.id).first(where: { $0.agentID == id }) else { throw HTTPError(.notFound) }
        try await store.setPresence(shopID: shop.id, agentID: id, state: agent.state, capacity: capacity, now: environment.clock.now())
        await InboxFeed.refresh(environment, shopID: shop.id)
        return AdminHTML.redirect("/admin/routing?saved=1")
    }

    func deleteTeam(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try Self.requireAdmin(context)
        let shop = try context.requireShop()
        guard try await store.deleteTeam(shopID: shop.id, id: try context.parameters.require("id")) else { throw HTTPError(.notFound) }
        return AdminHTML.redirect("/admin/routing?saved=1")
    }

    func addRule(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try Self.requireAdmin(context)
        let shop = try context.requireShop()
        let form = try await Self.form(request)
        func field(_ name: String) -> String? {
            form[name].map { String($0.trimmingCharacters(in: .whitespacesAndNewlines).prefix(100)) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        var minimum: Int64?
        if let text = field("minimum_cart_value") {
            guard let amount = Double(text.replacingOccurrences(of: ",", with: ".")), amount >= 0, amount < 1e12 else {
                throw ProblemDetails(.unprocessableContent, type: "validation", title: "Cart value is not a number", detail: "Write it like 200.00.")
            }
            minimum = Int64((amount * 100).rounded())
        }
        var priority: Int?
        if let text = field("priority") {
            guard let number = Int(text), (0...100).contains(number) else {
                throw ProblemDetails(.unprocessableContent, type: "validation", title: "Priority is 0 to 100", detail: "Write a whole number.")
            }
            priority = number
        }
        let rule = RoutingRule(
            id: "",
            name: field("name") ?? "Rule",
            channel: field("channel"),
            page: field("page"),
            intent: field("intent"),
            language: field("language"),
            customerTag: field("customer_tag"),
            minimumCartValue: minimum,
            teamID: field("team_id"),
            priority: priority
        )
        guard rule.teamID != nil || rule.priority != nil else {
            throw ProblemDetails(.unprocessableContent, type: "validation", title: "Pick a team or a priority", detail: "A rule must send somewhere.")
        }
        do {
            try await store.addRoutingRule(shopID: shop.id, rule, now: environment.clock.now())
        } catch let error as StoreError where error.code == .invalid {
            throw ProblemDetails(.unprocessableContent, type: "validation", title: "Unknown team", detail: error.message)
        }
        return AdminHTML.redirect("/admin/routing?saved=1")
    }

    func deleteRule(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try Self.requireAdmin(context)
        let shop = try context.requireShop()
        guard try await store.deleteRoutingRule(shopID: shop.id, id: try context.parameters.require("id")) else { throw HTTPError(.notFound) }
        return AdminHTML.redirect("/admin/routing?saved=1")
    }
}

extension AdminRoutes {
    /// The inbox, macros and routing routes under `/admin`.
    func addInbox(to admin: RouterGroup<ReboundRequestContext>) {
        admin.get("inbox") { request, context in try await self.inbox(request, context: context, id: nil) }
        admin.post("inbox/presence") { request, context in try await self.inboxPresence(request, context: context) }
        admin.get("inbox/:id") { request, context in try await self.inbox(request, context: context, id: try context.parameters.require("id")) }
        admin.post("inbox/:id/reply") { request, context in try await self.inboxReply(request, context: context) }
        admin.post("inbox/:id/status") { request, context in try await self.inboxStatus(request, context: context) }
        admin.post("inbox/:id/assign") { request, context in try await self.inboxAssign(request, context: context) }
        admin.post("inbox/:id/tags") { request, context in try await self.inboxTags(request, context: context) }
        admin.get("macros") { request, context in try await self.macrosPage(request, context: context) }
        admin.post("macros") { request, context in try await self.addMacro(request, context: context) }
        admin.post("macros/:id") { request, context in try await self.editMacro(request, context: context) }
        admin.post("macros/:id/delete") { request, context in try await self.deleteMacro(request, context: context) }
        admin.get("routing") { request, context in try await self.routingPage(request, context: context) }
        admin.post("routing/teams") { request, context in try await self.addTeam(request, context: context) }
        admin.post("routing/teams/:id") { request, context in try await self.editTeam(request, context: context) }
        admin.post("routing/teams/:id/delete") { request, context in try await self.deleteTeam(request, context: context) }
        admin.post("routing/agents/:id") { request, context in try await self.setCapacity(request, context: context) }
        admin.post("routing/rules") { request, context in try await self.addRule(request, context: context) }
        admin.post("routing/rules/:id/delete") { request, context in try await self.deleteRule(request, context: context) }
    }
}
