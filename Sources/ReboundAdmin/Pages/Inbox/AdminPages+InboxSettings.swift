import Foundation

extension AdminPages {
    /// Saved replies: list with delete buttons, and a form to add one.
    public static func macros(_ model: MacrosViewModel) -> HTML {
        let context = model.context
        let rows: [HTML] = model.macros.map { macro in
            """
            <tr><td><strong>\(macro.title)</strong></td><td><pre class="macro-body">\(macro.body)</pre></td>\
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
            """
            <tr><td><strong>\(team.name)</strong></td><td>\(team.members.isEmpty ? "–" : team.members.joined(separator: ", "))</td>\
            <td><form method="post" action="\(url: "/admin/routing/teams/" + team.id + "/delete")">\(context.csrfField)\
            <button type="submit" class="small danger">Delete</button></form></td></tr>
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
            : "<table class=\"table\"><thead><tr><th>Team</th><th>Members</th><th></th></tr></thead><tbody>\(teams)</tbody></table>"
        let ruleTable: HTML =
            rules.isEmpty
            ? "<p class=\"muted\">No rules yet. Checkout conversations still get priority.</p>"
            : "<table class=\"table\"><thead><tr><th>#</th><th>Rule</th><th>When</th><th>Then</th><th></th></tr></thead><tbody>\(rules)</tbody></table>"
        let content: HTML = """
            <section class="card"><h2>Teams</h2>\(teamTable)\
            <form method="post" action="/admin/routing/teams">\(context.csrfField)\
            <div class="field"><label for="team-name">New team</label><input id="team-name" name="name" required maxlength="100"></div>\
            <fieldset class="field"><legend class="label">Members</legend>\(members)</fieldset>\
            <button type="submit" class="primary">Add team</button></form></section>\
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
}
