import Foundation

extension AdminPages {
    /// The inbox: conversation list, thread with composer, customer sidebar, and the live-update script.
    public static func inbox(_ model: InboxViewModel) -> HTML {
        let conversationID = model.thread?.id ?? ""
        let content: HTML = """
            <div class="inbox" id="inbox" data-ws-url="\(url: model.webSocketURL)" data-conversation-id="\(conversationID)">\
            \(conversationPane(model))\(threadPane(model))\(customerPane(model))</div>
            """
        let actions: HTML =
            model.showSettingsLinks
            ? "<a class=\"button ghost small\" href=\"/admin/macros\">Macros</a><a class=\"button ghost small\" href=\"/admin/routing\">Routing</a>"
            : .empty
        return AdminLayout.page(model.context, title: "Inbox", actions: actions, wide: true, script: InboxScript.source, content: content)
    }

    static func conversationPane(_ model: InboxViewModel) -> HTML {
        let context = model.context
        let tabs: [HTML] = ConversationStatus.allCases.map { status in
            let count: HTML = model.counts[status].map { "<span class=\"n\">\(context.format.number($0))</span>" } ?? .empty
            return """
                <a href="\(url: model.inboxURL + "?status=" + status.rawValue + filterQuery(model))"\(status == model.filter ? HTML(" aria-current=\"page\"") : .empty)>\
                \(status.title)\(count)</a>
                """
        }
        let items: [HTML] =
            model.conversations.isEmpty
            ? ["<li class=\"placeholder\">No \(model.filter.rawValue) conversations. Nice work.</li>"]
            : model.conversations.map { conversationItem($0, selected: $0.id == model.thread?.id, context) }
        return """
            <section class="conv-pane" aria-label="Conversations">\(inboxFilters(model))<nav class="status-tabs" id="status-tabs" aria-label="Status">\(tabs)</nav>\
            <ul class="conv-list" id="conv-list">\(items)</ul></section>
            """
    }

    /// One conversation in the list.
    static func conversationItem(_ item: ConversationListItem, selected: Bool, _ context: AdminContext) -> HTML {
        var meta: [HTML] = []
        if let sla = item.sla, item.status != .resolved { meta.append(slaBadge(sla, context)) }
        if item.isVIP { meta.append(badge("VIP", tone: "vip")) }
        if item.unreadCount > 0 { meta.append(badge("\(item.unreadCount) new", tone: "count")) }
        if let topic = item.topic { meta.append(badge(topic)) }
        if let assignee = item.assigneeName { meta.append("<span class=\"muted\"><small>→ \(assignee)</small></span>") }
        return """
            <li class="conv\(item.unreadCount > 0 ? " unread" : "")" data-conversation-id="\(item.id)"\(selected ? HTML(" aria-current=\"true\"") : .empty)>\
            <a href="\(url: item.url)">\(AdminIcons.icon(item.channel.lowercased(), label: channelName(item.channel)))\
            <span class="who">\(item.customerName)</span><span class="when">\(time(item.lastMessageAt, context))</span>\
            <span class="preview">\(item.preview)</span><span class="meta">\(meta)</span></a></li>
            """
    }

    /// The time left until a reply is due, or how long ago it was due.
    static func slaBadge(_ sla: SLATimer, _ context: AdminContext) -> HTML {
        let format = context.format
        if sla.paused { return badge("SLA paused", title: "Due \(format.dateTime(sla.dueAt))") }
        let remaining = sla.dueAt.timeIntervalSince(context.now)
        if remaining < 0 {
            return badge("Breached \(format.duration(seconds: -remaining))", tone: "bad", title: "Was due \(format.dateTime(sla.dueAt))")
        }
        // Under ten minutes is when an agent should drop everything else.
        return badge(
            "\(format.duration(seconds: remaining)) left",
            tone: remaining < 600 ? "warn" : "good",
            title: "Reply due \(format.dateTime(sla.dueAt))"
        )
    }

    /// One message bubble; also what the server sends in `{"type":"message","html":…}` frames and composer answers.
    public static func inboxMessage(_ message: ThreadMessage, context: AdminContext) -> HTML {
        let label: String
        switch message.author {
        case .shopper: label = message.authorName
        case .agent: label = message.authorName
        case .bot: label = message.authorName + " (bot)"
        case .note: label = "Internal note · " + message.authorName
        }
        let delivery: HTML = message.delivery.map { "<span>· \($0)</span>" } ?? .empty
        let images: [HTML] = message.imageURLs.map {
            "<a class=\"msg-img\" href=\"\(url: $0)\" target=\"_blank\" rel=\"noopener\"><img src=\"\(url: $0)\" alt=\"Image\"></a>"
        }
        return """
            <div class="msg \(message.author.rawValue)" id="msg-\(message.id)"><div class="by"><strong>\(label)</strong>\
            \(time(message.sentAt, context))\(delivery)</div><div class="body">\(HTML.multiline(message.body))</div>\(images)</div>
            """
    }

    static func threadPane(_ model: InboxViewModel) -> HTML {
        guard let thread = model.thread else {
            return
                "<section class=\"thread-pane\" aria-label=\"Conversation\"><div class=\"placeholder\">Pick a conversation on the left.</div></section>"
        }
        let context = model.context
        let messages: [HTML] = thread.messages.map { inboxMessage($0, context: context) }
        return """
            <section class="thread-pane" aria-label="Conversation">\(threadHeader(thread, model))\
            <div class="thread" id="thread" aria-live="polite">\(messages.isEmpty ? ["<div class=\"placeholder\">No messages yet.</div>"] : messages)</div>\
            \(composer(thread, model))</section>
            """
    }

    static func threadHeader(_ thread: ConversationThread, _ model: InboxViewModel) -> HTML {
        let context = model.context
        let title = thread.subject ?? model.customer?.name ?? "Conversation"
        let statusButtons: [HTML] = ConversationStatus.allCases.filter { $0 != thread.status }.map { status in
            let primary = status == .resolved
            return
                "<button type=\"submit\" name=\"status\" value=\"\(status.rawValue)\" class=\"small\(primary ? " primary" : "")\">\(status == .open ? "Reopen" : status.title)</button>"
        }
        let agentOptions: [HTML] =
            ["<option value=\"\"\(attribute: "selected", if: thread.assigneeID == nil)>Unassigned</option>"]
            + model.agents.map { "<option value=\"\($0.id)\"\(attribute: "selected", if: $0.id == thread.assigneeID)>\($0.name)</option>" }
        let sla: HTML = thread.sla.map { thread.status == .resolved ? .empty : slaBadge($0, context) } ?? .empty
        let teamOptions: [HTML] =
            ["<option value=\"\"\(attribute: "selected", if: thread.teamID == nil)>No team</option>"]
            + model.teams.map { "<option value=\"\($0.id)\"\(attribute: "selected", if: $0.id == thread.teamID)>\($0.name)</option>" }
        let deadlines: [HTML] = thread.deadlines.map { "<span class=\"muted\"><small>\($0.label)</small></span> \(slaBadge($0.timer, context))" }
        let snoozed: HTML = thread.snoozedUntil.map { "<span class=\"muted\"><small>until \(context.format.dateTime($0))</small></span>" } ?? .empty
        return """
            <header id="thread-meta"><div class="thread-head"><h2>\(title)</h2>\(AdminIcons.icon(thread.channel.lowercased(), label: channelName(thread.channel)))\
            \(badge(thread.status.title, tone: thread.status == .open ? "info" : ""))\(snoozed)\(sla)\
            <form method="post" action="\(url: thread.statusURL)" class="status-form">\(context.csrfField)\
            <label class="visually-hidden" for="snooze-hours">Snooze for</label><select id="snooze-hours" name="snooze_hours">\
            <option value="1">1 hour</option><option value="4" selected>4 hours</option><option value="24">1 day</option>\
            <option value="72">3 days</option></select>\(statusButtons)</form></div>\
            <div class="thread-head sub sla-deadlines" id="sla-deadlines">\(deadlines)</div>\
            <div class="thread-head sub"><form method="post" action="\(url: thread.assignURL)">\(context.csrfField)\
            <label class="muted" for="assignee">Assigned to</label><select id="assignee" name="assignee">\(agentOptions)</select>\
            <label class="visually-hidden" for="team">Team</label><select id="team" name="team">\(teamOptions)</select>\
            <button type="submit" class="small">Assign</button></form>\
            <form method="post" action="\(url: thread.tagsURL)" class="tags-form">\(context.csrfField)\
            <label class="muted" for="tags">Tags</label><input type="text" id="tags" name="tags" value="\(thread.tags.joined(separator: ", "))" \
            placeholder="shipping, vip">\
            <button type="submit" class="small">Save</button></form></div></header>
            """
    }

    static func composer(_ thread: ConversationThread, _ model: InboxViewModel) -> HTML {
        let macros: [HTML] = model.macros.map { "<option value=\"\($0.id)\" data-body=\"\($0.body)\">\($0.title)</option>" }
        let picker: HTML =
            model.macros.isEmpty
            ? .empty
            : "<select id=\"macro\" aria-label=\"Insert a macro\"><option value=\"\">Insert macro…</option>\(macros)</select>"
        return """
            <form class="composer" id="composer" method="post" action="\(url: thread.replyURL)">\(model.context.csrfField)\
            <label class="visually-hidden" for="reply-body">Message</label>\
            <textarea id="reply-body" name="body" rows="3" placeholder="Write a reply… (Ctrl+Enter sends)" required></textarea>\
            <div class="row"><div class="kind"><label><input type="radio" name="kind" value="reply" checked> Reply via \(channelName(thread.channel))</label>\
            <label><input type="radio" name="kind" value="note"> Internal note</label></div>\(picker)<span class="spacer"></span>\
            <span class="send-error error-text" role="alert" hidden>Not sent. Check your connection and try again.</span>\
            <button type="submit" class="primary">Send</button></div></form>
            """
    }
}

extension AdminPages {
    /// The query string that keeps scope and search across tab links (starting with `&`, or empty).
    static func filterQuery(_ model: InboxViewModel) -> String {
        var query = ""
        if model.scope != "all" { query += "&scope=" + (model.scope.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        if !model.search.isEmpty { query += "&q=" + (model.search.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") }
        return query
    }

    /// Search, scope (all, mine, unassigned, a team) and the agent's presence toggle above the list.
    static func inboxFilters(_ model: InboxViewModel) -> HTML {
        let scopes: [(String, String)] = [("all", "Everyone"), ("mine", "Mine"), ("unassigned", "Unassigned")] + model.teams.map { ($0.id, $0.name) }
        let options: [HTML] = scopes.map { "<option value=\"\($0.0)\"\(attribute: "selected", if: $0.0 == model.scope)>\($0.1)</option>" }
        var presence: HTML = .empty
        if let state = model.presence, let url = model.presenceURL {
            let next = state == "online" ? "away" : "online"
            presence = """
                <form method="post" action="\(url: url)" class="presence-form">\(model.context.csrfField)\
                <input type="hidden" name="state" value="\(next)">\(badge(state, tone: state == "online" ? "good" : ""))\
                <button type="submit" class="small" id="presence-toggle">Go \(next)</button></form>
                """
        }
        return """
            <form method="get" action="\(url: model.inboxURL)" class="inbox-filters" role="search">\
            <input name="status" type="hidden" value="\(model.filter.rawValue)">\
            <label class="visually-hidden" for="inbox-q">Search</label>\
            <input type="search" id="inbox-q" name="q" value="\(model.search)" placeholder="Name, email or message">\
            <label class="visually-hidden" for="inbox-scope">Show</label><select id="inbox-scope" name="scope">\(options)</select>\
            <button type="submit" class="small">Filter</button></form>\(presence)
            """
    }
}
