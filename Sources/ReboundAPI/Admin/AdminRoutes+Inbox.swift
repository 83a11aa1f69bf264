import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReboundAdmin
import ReboundAnalytics
import ReboundChat
import ReboundCore
import ReboundStore

extension AdminRoutes {
    static func inboxPath(_ id: String) -> String {
        "/admin/inbox/" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "_-"))) ?? id)
    }

    /// The open deadlines of a conversation: first response, next response, resolution. Pending and snoozed
    /// conversations wait on the customer or the clock, so their timers stand still.
    static func deadlines(_ c: Conversation, now: Date, schedule: ServiceSchedule) -> [SLADeadline] {
        guard c.status != "resolved" else { return [] }
        let standing = schedule.standing(c, now: now)
        let paused = c.status == "pending" || c.status == "snoozed"
        var list: [SLADeadline] = []
        if let due = standing.firstResponseDue { list.append(SLADeadline(label: "First response", timer: SLATimer(dueAt: due, paused: paused))) }
        if let due = c.nextResponseDueAt { list.append(SLADeadline(label: "Next response", timer: SLATimer(dueAt: due, paused: paused))) }
        if let due = standing.resolutionDue { list.append(SLADeadline(label: "Resolution", timer: SLATimer(dueAt: due, paused: paused))) }
        return list
    }

    /// The inbox list in working order: higher priority (checkout) first, then the nearest deadline.
    static func inboxOrder(_ list: [Conversation], now: Date, schedule: ServiceSchedule) -> [Conversation] {
        let keyed = list.map { ($0, deadlines($0, now: now, schedule: schedule).map(\.timer.dueAt).min() ?? .distantFuture) }
        return keyed.sorted { a, b in
            if a.0.priority != b.0.priority { return a.0.priority > b.0.priority }
            if a.1 != b.1 { return a.1 < b.1 }
            return a.0.id < b.0.id
        }.map(\.0)
    }

    static func requireAdmin(_ context: ReboundRequestContext) throws {
        guard context.agent?.role == .admin else {
            throw ProblemDetails(.forbidden, type: "forbidden", title: "Admins only", detail: "Only a shop admin can change this page.")
        }
    }

    /// `GET /admin/inbox` and `GET /admin/inbox/{id}`: tabs with counts, scope and search, the list by SLA, and the thread.
    func inbox(_ request: Request, context: ReboundRequestContext, id: String?) async throws -> Response {
        let shop = try context.requireShop()
        guard let agent = context.agent else { throw ProblemDetails(.unauthorized, type: "unauthorized", title: "Sign in first") }
        let now = environment.clock.now()
        try await store.wakeSnoozed(shopID: shop.id, now: now)
        var thread: Conversation?
        if let id {
            guard let found = try await store.conversation(shopID: shop.id, id: id) else {
                throw ProblemDetails(.notFound, type: "not-found", title: "Conversation not found", detail: "This shop has no conversation \(id).")
            }
            thread = found
        }
        let query = Query(request)
        let status = ConversationStatus(rawValue: query.string("status") ?? thread?.status ?? "open") ?? .open
        let scope = query.string("scope") ?? "all"
        let search = String((query.string("q") ?? "").prefix(200))
        var filter = InboxFilter(query: search)
        switch scope {
        case "all": break
        case "mine": filter.assignee = agent.id
        case "unassigned": filter.assignee = "none"
        default: filter.team = scope
        }
        let counts = try await store.inboxCounts(shopID: shop.id, filter)
        filter.status = status.rawValue
        let schedule = try await store.serviceSchedule(shopID: shop.id)
        let list = Self.inboxOrder(try await store.inboxConversations(shopID: shop.id, filter), now: now, schedule: schedule)
        let agents = try await store.agentPresence(shopID: shop.id)
        let names = Dictionary(agents.map { ($0.agentID, $0.name) }, uniquingKeysWith: { a, _ in a })
        var customers: [Customer.ID: Customer] = [:]
        var items: [ConversationListItem] = []
        for conversation in list {
            if let customerID = conversation.customerID, customers[customerID] == nil {
                customers[customerID] = try await store.customer(shopID: shop.id, id: customerID)
            }
            let latest = try await store.conversationMessages(
                shopID: shop.id,
                conversationID: conversation.id,
                afterSeq: max(0, conversation.lastSeq - 1)
            )
            items.append(
                ConversationListItem(
                    id: conversation.id,
                    customerName: conversation.customerID.flatMap { customers[$0] }.map(Self.displayName) ?? conversation.subject ?? "Visitor",
                    preview: String((latest.last?.body ?? "").prefix(120)),
                    channel: conversation.channel,
                    status: ConversationStatus(rawValue: conversation.status) ?? .open,
                    lastMessageAt: conversation.updatedAt,
                    sla: Self.deadlines(conversation, now: now, schedule: schedule).map(\.timer).min { $0.dueAt < $1.dueAt },
                    isVIP: conversation.priority >= InboxRouter.checkoutPriority,
                    assigneeName: conversation.assignee.flatMap { names[$0] },
                    topic: conversation.intent ?? (conversation.tags.first),
                    url: Self.inboxPath(conversation.id) + "?status=" + status.rawValue
                )
            )
        }
        let page = try AdminHTML.context(context, section: .inbox, now: now)
        var model = InboxViewModel(
            context: page,
            filter: status,
            counts: Dictionary(uniqueKeysWithValues: ConversationStatus.allCases.map { ($0, counts[$0.rawValue] ?? 0) }),
            conversations: items,
            agents: agents.map { AgentOption(id: $0.agentID, name: $0.name) },
            webSocketURL: InboxSocket.path
        )
        model.scope = scope
        model.search = search
        model.teams = try await store.teams(shopID: shop.id).map { AgentOption(id: $0.id, name: $0.name) }
        model.presence = agents.first { $0.agentID == agent.id }?.state.rawValue ?? "offline"
        model.presenceURL = "/admin/inbox/presence"
        model.showSettingsLinks = agent.role == .admin
        if let thread {
            try await fillThread(&model, conversation: thread, shop: shop, now: now, names: names)
        }
        return AdminHTML.response(AdminPages.inbox(model), nonce: page.cspNonce ?? "")
    }

    /// The open conversation: messages (notes marked), deadlines, macros filled for this customer, and the customer panel.
    func fillThread(_ model: inout InboxViewModel, conversation: Conversation, shop: Shop, now: Date, names: [String: String]) async throws {
        let path = Self.inboxPath(conversation.id)
        let schedule = try await store.serviceSchedule(shopID: shop.id)
        let messages = try await store.conversationMessages(shopID: shop.id, conversationID: conversation.id)
        let files = try await store.attachments(shopID: shop.id, messageIDs: messages.map(\.id))
        var customer: Customer?
        if let customerID = conversation.customerID { customer = try await store.customer(shopID: shop.id, id: customerID) }
        let shopperName = customer.map(Self.displayName) ?? "Visitor"
        var thread = ConversationThread(
            id: conversation.id,
            subject: conversation.subject,
            channel: conversation.channel,
            status: ConversationStatus(rawValue: conversation.status) ?? .open,
            sla: Self.deadlines(conversation, now: now, schedule: schedule).map(\.timer).min { $0.dueAt < $1.dueAt },
            assigneeID: conversation.assignee,
            tags: conversation.tags,
            messages: messages.map { message in
                let author = ThreadMessage.Author(rawValue: message.author) ?? .bot
                let name = author == .shopper ? shopperName : message.authorName ?? (author == .bot ? "Rebound" : "Agent")
                return ThreadMessage(
                    id: message.id,
                    author: author,
                    authorName: name,
                    body: message.body,
                    sentAt: message.createdAt,
                    imageURLs: (files[message.id] ?? []).compactMap { ServerFrame.attachment($0, shopID: shop.id)["url"]?.stringValue }
                )
            },
            replyURL: path + "/reply",
            statusURL: path + "/status",
            assignURL: path + "/assign",
            tagsURL: path + "/tags"
        )
        thread.teamID = conversation.team
        thread.deadlines = Self.deadlines(conversation, now: now, schedule: schedule)
        thread.snoozedUntil = conversation.status == "snoozed" ? conversation.snoozedUntil : nil
        model.thread = thread
        let values = try await store.macroValues(shopID: shop.id, conversation: conversation, now: now)
        model.macros = try await store.macros(shopID: shop.id).map { MacroOption(id: $0.id, title: $0.name, body: MacroText.fill($0.body, values)) }
        if let customer { model.customer = try await inboxCustomer(customer, shop: shop, now: now) }
    }

    /// The customer panel, from the same queries as the customer page.
    func inboxCustomer(_ customer: Customer, shop: Shop, now: Date) async throws -> InboxCustomer {
        let currency = shop.currency.rawValue
        func money(_ minor: Int64) -> AdminMoney { AdminMoney(minorUnits: minor, currency: currency) }
        let snapshot = try await CustomerValues.snapshot(store: store, shop: shop, cache: environment.customerValues, now: now)
        let value = snapshot.value(customer.id)
        let orders = try await store.orders(shopID: shop.id, filter: .init(customerID: customer.id), cursor: nil, limit: 20).items
        let carts = try await store.carts(shopID: shop.id, filter: .init(customerID: customer.id), cursor: nil, limit: 50).items
        let received = try await store.messages(shopID: shop.id, filter: .init(customerID: customer.id), cursor: nil, limit: 500).items
        let flows = Dictionary(try await store.flows(shopID: shop.id).map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let runs = try await store.flowRuns(shopID: shop.id, customerID: customer.id, limit: 20)
        let live = carts.filter { !$0.state.isClosed }.max { $0.updatedAt < $1.updatedAt }
        return InboxCustomer(
            name: Self.displayName(customer),
            email: customer.email,
            phone: customer.phone,
            isVIP: VIPTiers.standard.tier(forSpendMinor: value.historicMinor) != nil,
            liveCart: live.map { cart in
                LiveCart(
                    lines: cart.lines.map { LiveCart.Line(title: $0.title ?? $0.productID, quantity: $0.quantity, price: money($0.price)) },
                    total: money(cart.value),
                    state: cart.state.rawValue,
                    updatedAt: cart.updatedAt,
                    currentPage: cart.kind == .checkout ? "/checkout" : nil
                )
            },
            cartCount: carts.count,
            orders: orders.map { order in
                OrderRow(
                    number: order.number ?? order.externalID,
                    placedAt: order.placedAt,
                    total: money(order.total.minorUnits),
                    items: order.lines.reduce(0) { $0 + $1.quantity },
                    status: order.fulfillmentStatus ?? order.financialStatus ?? "placed"
                )
            },
            historicCLV: money(value.historicMinor),
            predictedCLV: value.prediction.map { money(Int64(($0.expectedValue * 100).rounded())) },
            messagesReceived: received.count,
            flowsEnrolled: runs.map { (flows[$0.flowID] ?? $0.flowID) + " (" + $0.status + ")" },
            profileURL: "/admin/customers/" + (customer.id.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
        )
    }

    /// The conversation of the path, in the agent's shop (another shop's id is 404).
    func inboxConversation(_ context: ReboundRequestContext) async throws -> (Shop, Conversation) {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        guard let conversation = try await store.conversation(shopID: shop.id, id: id) else {
            throw ProblemDetails(.notFound, type: "not-found", title: "Conversation not found", detail: "This shop has no conversation \(id).")
        }
        return (shop, conversation)
    }

    static func form(_ request: Request) async throws -> FormBody {
        FormBody(try await RequestBody.bytes(request, limit: 64 * 1024))
    }

    /// `POST /admin/inbox/{id}/reply`: `body` and `kind` (`reply` or `note`). The composer's script (which sends the
    /// token as a header) gets the new message's HTML; a plain form post is redirected back to the thread.
    func inboxReply(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let (shop, conversation) = try await inboxConversation(context)
        let form = try await Self.form(request)
        let text = (form["body"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= ClientFrame.maxText else {
            throw ProblemDetails(.unprocessableContent, type: "validation", title: "Write a message first", detail: "A message needs text.")
        }
        let isNote = form["kind"] == "note"
        let stored = try await ConversationReplies.send(
            environment: environment,
            shopID: shop.id,
            conversation: conversation,
            text: text,
            authorName: context.agent?.name,
            isNote: isNote
        )
        if request.headers[AdminSessionMiddleware.csrfHeader] != nil {
            let page = try AdminHTML.context(context, section: .inbox, now: environment.clock.now())
            let message = ThreadMessage(
                id: stored.message.id,
                author: isNote ? .note : .agent,
                authorName: stored.message.authorName ?? "Agent",
                body: stored.message.body,
                sentAt: stored.message.createdAt
            )
            return AdminHTML.response(AdminPages.inboxMessage(message, context: page), nonce: page.cspNonce ?? "", status: .created)
        }
        return AdminHTML.redirect(Self.inboxPath(conversation.id))
    }

    /// `POST /admin/inbox/{id}/status`: `status`; snoozing lasts `snooze_hours` (default 4).
    func inboxStatus(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let (shop, conversation) = try await inboxConversation(context)
        let form = try await Self.form(request)
        guard let status = form["status"], ["open", "pending", "snoozed", "resolved"].contains(status) else {
            throw ProblemDetails(
                .unprocessableContent,
                type: "validation",
                title: "Unknown status",
                detail: "Pick open, pending, snoozed or resolved."
            )
        }
        let now = environment.clock.now()
        let hours = min(max(Double(form["snooze_hours"] ?? "4") ?? 4, 0.25), 24 * 30)
        let patch = ConversationPatch(status: status, snoozedUntil: status == "snoozed" ? now.addingTimeInterval(hours * 3600) : nil)
        _ = try await store.updateConversation(shopID: shop.id, id: conversation.id, patch, now: now)
        if status == "resolved", conversation.channel == "chat" {
            await environment.chatHub.sendToShoppers(conversationID: conversation.id, frame: ServerFrame.csatRequest)
        }
        await InboxFeed.refresh(environment, shopID: shop.id)
        return AdminHTML.redirect(Self.inboxPath(conversation.id))
    }

    /// `POST /admin/inbox/{id}/assign`: `assignee` (empty unassigns) and, if sent, `team` (empty: no team).
    func inboxAssign(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let (shop, conversation) = try await inboxConversation(context)
        let form = try await Self.form(request)
        var patch = ConversationPatch()
        if let assignee = form["assignee"] { patch.assignee = .some(assignee.isEmpty ? nil : assignee) }
        if let team = form["team"] { patch.team = .some(team.isEmpty ? nil : team) }
        do {
            _ = try await store.updateConversation(shopID: shop.id, id: conversation.id, patch, now: environment.clock.now())
        } catch let error as StoreError where error.code == .invalid {
            throw ProblemDetails(.unprocessableContent, type: "validation", title: "Cannot assign", detail: error.message)
        }
        await InboxFeed.refresh(environment, shopID: shop.id)
        return AdminHTML.redirect(Self.inboxPath(conversation.id))
    }

    /// `POST /admin/inbox/{id}/tags`: `tags` (comma-separated, replaces), or `add` / `remove` one tag.
    func inboxTags(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let (shop, conversation) = try await inboxConversation(context)
        let form = try await Self.form(request)
        var patch = ConversationPatch()
        if let tags = form["tags"] { patch.tags = tags.split(separator: ",").map(String.init) }
        if let add = form["add"] { patch.addTags = [add] }
        if let remove = form["remove"] { patch.removeTags = [remove] }
        _ = try await store.updateConversation(shopID: shop.id, id: conversation.id, patch, now: environment.clock.now())
        await InboxFeed.refresh(environment, shopID: shop.id)
        return AdminHTML.redirect(Self.inboxPath(conversation.id))
    }

    /// `POST /admin/inbox/presence`: `state` (`online`, `away`, `offline`); coming online takes waiting conversations.
    func inboxPresence(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        guard let agent = context.agent else { throw ProblemDetails(.unauthorized, type: "unauthorized", title: "Sign in first") }
        let form = try await Self.form(request)
        guard let state = form["state"].flatMap(AgentPresence.State.init(rawValue:)) else {
            throw ProblemDetails(.unprocessableContent, type: "validation", title: "Unknown presence", detail: "Pick online, away or offline.")
        }
        try await store.setPresence(shopID: shop.id, agentID: agent.id, state: state, now: environment.clock.now())
        return AdminHTML.redirect("/admin/inbox")
    }
}
