import Foundation

extension AdminPages {
    /// Saved replies: list with delete buttons, and a form to add one.
    public static func macros(_ model: MacrosViewModel) -> HTML {
        let context = model.context
        let rows: [HTML] = model.macros.map { macro in
            """
            <tr><td><strong>\(macro.title)</strong></td><td><pre class="macro-body">\(macro.body)</pre>\
            <details><summary>Edit</summary><form method="post" action="\(url: model.action + "/" + macro.id)">\(context.csrfField)\
            <div class="field"><label for="macro-name-\(macro.id)">Name</label>\
            <input id="macro-name-\(macro.id)" name="name" required maxlength="100" value="\(macro.title)"></div>\
            <div class="field"><label for="macro-body-\(macro.id)">Text</label>\
            <textarea id="macro-body-\(macro.id)" name="body" rows="5" required maxlength="5000">\(macro.body)</textarea></div>\
            <button type="submit" class="primary small">Save</button></form></details></td>\
            <td><form method="post" action="\(url: model.action + "/" + macro.id + "/delete")">\(context.csrfField)\
            <button type="submit" class="small danger">Delete</button></form></td></tr>
            """
        }
        let table: HTML =
            rows.isEmpty
            ? "<p class=\"muted\">No macros yet.</p>"
            : "<table class=\"table\"><thead><tr><th>Name</th><th>Text</th><th></th></tr></thead><tbody>\(rows)</tbody></table>"
        let variables = model.variables.map { "{{" + $0 + "}}" }.joined(separator: ", ")
        let content: HTML = """
            <section class="card">\(table)</section>\
            <form method="post" action="\(url: model.action)" class="card">\(context.csrfField)<h2>New macro</h2>\
            <div class="field"><label for="macro-name">Name</label><input id="macro-name" name="name" required maxlength="100"></div>\
            <div class="field"><label for="macro-body">Text</label><textarea id="macro-body" name="body" rows="5" required maxlength="5000"></textarea>\
            <span class="hint">Variables: \(variables). They are filled from the customer's latest order when the macro is inserted.</span></div>\
            <button type="submit" class="primary">Add macro</button></form>
            """
        return AdminLayout.page(context, title: "Macros", content: content)
    }

    /// Teams and routing rules, each with an add form.
    public static func routing(_ model: RoutingViewModel) -> HTML {
        let context = model.context
        let teams: [HTML] = model.teams.map { team in
            let boxes: [HTML] = model.agents.map { agent in
                let checked: HTML = team.memberIDs.contains(agent.id) ? " checked" : .empty
                return "<label><input type=\"checkbox\" name=\"member\" value=\"\(agent.id)\"\(checked)> \(agent.name)</label>"
            }
            return """
                <tr><td><strong>\(team.name)</strong></td><td>\(team.members.isEmpty ? "–" : team.members.joined(separator: ", "))</td>\
                <td>\(team.hours?.summary ?? "the shop's hours")</td>\
                <td><details><summary>Edit</summary><form method="post" action="\(url: "/admin/routing/teams/" + team.id)">\(context.csrfField)\
                <div class="field"><label for="team-name-\(team.id)">Name</label>\
                <input id="team-name-\(team.id)" name="name" required maxlength="100" value="\(team.name)"></div>\
                <fieldset class="field"><legend class="label">Members</legend>\(boxes)</fieldset>\
                \(hoursFields(team.hours, prefix: "team-\(team.id)", zone: model.shopTimeZone))\
                <button type="submit" class="primary small">Save team</button></form></details>\
                <form method="post" action="\(url: "/admin/routing/teams/" + team.id + "/delete")">\(context.csrfField)\
                <button type="submit" class="small danger">Delete</button></form></td></tr>
                """
        }
        let agentRows: [HTML] = model.agentRows.map { agent in
            """
            <tr><td><strong>\(agent.name)</strong></td><td>\(agent.presence)</td><td>\(agent.openCount)</td>\
            <td><form method="post" action="\(url: "/admin/routing/agents/" + agent.id)" class="inline">\(context.csrfField)\
            <label class="visually-hidden" for="capacity-\(agent.id)">Capacity of \(agent.name)</label>\
            <input id="capacity-\(agent.id)" name="capacity" type="number" min="0" max="100" value="\(agent.capacity)" required>\
            <button type="submit" class="small">Set</button></form></td></tr>
            """
        }
        let rules: [HTML] = model.rules.enumerated().map { index, rule in
            """
            <tr><td>\(index + 1)</td><td><strong>\(rule.name)</strong></td><td>\(rule.conditions)</td><td>\(rule.outcome)</td>\
            <td><form method="post" action="\(url: "/admin/routing/rules/" + rule.id + "/delete")">\(context.csrfField)\
            <button type="submit" class="small danger">Delete</button></form></td></tr>
            """
        }
        let members: [HTML] = model.agents.map { agent in
            let load: HTML = model.agentLoads[agent.id].map { " <span class=\"muted\"><small>\($0)</small></span>" } ?? .empty
            return "<label><input type=\"checkbox\" name=\"member\" value=\"\(agent.id)\"> \(agent.name)\(load)</label>"
        }
        let teamOptions: [HTML] =
            ["<option value=\"\">No team (priority only)</option>"] + model.teams.map { "<option value=\"\($0.id)\">\($0.name)</option>" }
        let teamTable: HTML =
            teams.isEmpty
            ? "<p class=\"muted\">No teams yet: every conversation waits in the shop-wide queue.</p>"
            : "<table class=\"table\"><thead><tr><th>Team</th><th>Members</th><th>Hours</th><th></th></tr></thead><tbody>\(teams)</tbody></table>"
        let agentTable: HTML =
            agentRows.isEmpty
            ? "<p class=\"muted\">No agents yet.</p>"
            : """
            <table class="table"><thead><tr><th>Agent</th><th>Presence</th><th>Open</th><th>Capacity</th></tr></thead>\
            <tbody>\(agentRows)</tbody></table>
            """
        let ruleTable: HTML =
            rules.isEmpty
            ? "<p class=\"muted\">No rules yet. Checkout conversations still get priority.</p>"
            : "<table class=\"table\"><thead><tr><th>#</th><th>Rule</th><th>When</th><th>Then</th><th></th></tr></thead><tbody>\(rules)</tbody></table>"
        let content: HTML = """
            <section class="card"><h2>Teams</h2>\(teamTable)\
            <form method="post" action="/admin/routing/teams">\(context.csrfField)\
            <div class="field"><label for="team-name">New team</label><input id="team-name" name="name" required maxlength="100"></div>\
            <fieldset class="field"><legend class="label">Members</legend>\(members)</fieldset>\
            \(hoursFields(nil, prefix: "team-new", zone: model.shopTimeZone))\
            <button type="submit" class="primary">Add team</button></form></section>\
            <section class="card"><h2>Agents</h2><p class="muted">An online agent gets new conversations while their open \
            ones are fewer than their capacity; 0 takes none.</p>\(agentTable)</section>\
            <section class="card"><h2>Routing rules</h2><p class="muted">Tried in order when a conversation starts or reopens; \
            the first match decides. Then the least busy online agent of the team with room takes it.</p>\(ruleTable)\
            <form method="post" action="/admin/routing/rules">\(context.csrfField)\
            <div class="field"><label for="rule-name">Name</label><input id="rule-name" name="name" required maxlength="100"></div>\
            <div class="field"><label for="rule-channel">Channel</label><select id="rule-channel" name="channel"><option value="">Any</option>\
            <option>chat</option><option>email</option><option>sms</option><option>messenger</option><option>instagram</option>\
            <option>whatsapp</option></select></div>\
            <div class="field"><label for="rule-page">Page</label><select id="rule-page" name="page"><option value="">Any</option>\
            <option>checkout</option><option>cart</option></select></div>\
            <div class="field"><label for="rule-intent">Intent</label><input id="rule-intent" name="intent" placeholder="shipping"></div>\
            <div class="field"><label for="rule-language">Language</label><input id="rule-language" name="language" placeholder="de"></div>\
            <div class="field"><label for="rule-tag">Customer tag</label><input id="rule-tag" name="customer_tag" placeholder="vip"></div>\
            <div class="field"><label for="rule-cart">Live cart at least</label><input id="rule-cart" name="minimum_cart_value" \
            inputmode="decimal" placeholder="200.00"></div>\
            <div class="field"><label for="rule-team">Team</label><select id="rule-team" name="team_id">\(teamOptions)</select></div>\
            <div class="field"><label for="rule-priority">Priority (0–100)</label><input id="rule-priority" name="priority" inputmode="numeric"></div>\
            <button type="submit" class="primary">Add rule</button></form></section>
            """
        return AdminLayout.page(context, title: "Routing", content: content)
    }

    /// A team's hours: time zone, open and close per weekday, holidays. All days empty follows the shop's hours.
    static func hoursFields(_ hours: RoutingViewModel.HoursForm?, prefix: String, zone: String) -> HTML {
        let names = [
            ("mon", "Monday"), ("tue", "Tuesday"), ("wed", "Wednesday"), ("thu", "Thursday"), ("fri", "Friday"), ("sat", "Saturday"),
            ("sun", "Sunday"),
        ]
        let days: [HTML] = names.map { key, label in
            let span = hours?.days[key] ?? []
            let open = span.count == 2 ? span[0] : ""
            let close = span.count == 2 ? span[1] : ""
            return """
                <div class="hours-day"><span>\(label)</span>\
                <label class="visually-hidden" for="\(prefix)-open-\(key)">\(label) opens</label>\
                <input id="\(prefix)-open-\(key)" name="open_\(key)" type="time" value="\(open)">\
                <label class="visually-hidden" for="\(prefix)-close-\(key)">\(label) closes</label>\
                <input id="\(prefix)-close-\(key)" name="close_\(key)" type="time" value="\(close)"></div>
                """
        }
        return """
            <fieldset class="field"><legend class="label">Business hours</legend>\
            <span class="hint">Empty days are closed; leave every day empty to follow the shop's hours. SLA timers count only \
            open hours, and off hours the chat promises a reply instead.</span>\
            <div class="field"><label for="\(prefix)-zone">Time zone</label>\
            <input id="\(prefix)-zone" name="time_zone" value="\(hours?.timeZone ?? zone)" maxlength="64"></div>\(days)\
            <div class="field"><label for="\(prefix)-holidays">Holidays (YYYY-MM-DD, one per line)</label>\
            <textarea id="\(prefix)-holidays" name="holidays" rows="2">\((hours?.holidays ?? []).joined(separator: "\n"))</textarea></div>\
            </fieldset>
            """
    }
}
