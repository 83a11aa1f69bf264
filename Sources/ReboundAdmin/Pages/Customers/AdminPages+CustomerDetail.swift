import Foundation

extension AdminPages {
    /// One customer: profile, value (CLV, RFM, churn), orders, carts, messages, flows and timeline.
    public static func customerDetail(_ model: CustomerDetailViewModel) -> HTML {
        let p = model.profile, context = model.context, format = context.format
        var badges: [HTML] = []
        if p.isVIP { badges.append(badge("VIP", tone: "vip")) }
        if let tier = p.tier { badges.append(badge(tier, tone: "info")) }
        badges += p.tags.map { badge($0) }
        func consent(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "unknown" }
        let profile: HTML = """
            <dl class="facts"><dt>Email</dt><dd>\(p.email.map { "<a href=\"\(url: "mailto:" + $0)\">\($0)</a>" as HTML } ?? "–")</dd>\
            <dt>Phone</dt><dd>\(p.phone ?? "–")</dd><dt>Country</dt><dd>\(p.country ?? "–")</dd>\
            <dt>Language</dt><dd>\(p.locale ?? "–")</dd><dt>Customer since</dt><dd>\(format.date(p.createdAt))</dd>\
            <dt>Email marketing</dt><dd>\(consent(p.emailConsent))</dd><dt>SMS marketing</dt><dd>\(consent(p.smsConsent))</dd></dl>\
            \(badges.isEmpty ? HTML.empty : "<div class=\"tags spaced\">\(badges)</div>")
            """
        let actions: HTML = model.conversationsURL.map { "<a class=\"button\" href=\"\(url: $0)\">Conversations</a>" } ?? .empty
        let tables = customerDetailTables(model)
        let content: HTML = """
            <div class="cards">\(card(title: "Profile", profile))\(card(title: "Value", customerValue(model)))\(card(title: "Risk", customerRisk(model)))</div>\
            \(section(id: "activity", title: "Orders and carts", source: model.source, content: "<div class=\"cards two\">\(card(tables[0].html(csvURL: model.source.csvLink(table: tables[0].id))))\(card(tables[1].html(csvURL: model.source.csvLink(table: tables[1].id))))</div>"))\
            \(section(id: "messaging", title: "Messages and flows", source: nil, content: "<div class=\"cards two\">\(card(tables[2].html(csvURL: model.source.csvLink(table: tables[2].id))))\(card(tables[3].html(csvURL: model.source.csvLink(table: tables[3].id))))</div>"))\
            \(section(id: "timeline", title: "Timeline", source: nil, content: card(timeline(model))))
            """
        return AdminLayout.page(context, title: p.name, actions: actions, content: content)
    }

    static func customerValue(_ model: CustomerDetailViewModel) -> HTML {
        let v = model.value, format = model.context.format
        let predicted: HTML = v.predictedCLV.map { "<div class=\"value\">\(format.money($0))</div>" } ?? "<div class=\"value muted\">–</div>"
        return """
            <div class="split"><div class="stat"><div class="label">Spent so far (historic CLV)</div><div class="value">\(format.money(v.historicCLV))</div></div>\
            <div class="stat"><div class="label">Predicted, next \(v.predictionHorizon)</div>\(predicted)</div></div>\
            <dl class="facts spaced"><dt>Expected orders</dt><dd>\(format.decimal(v.expectedOrders, digits: 1))</dd>\
            <dt>Still active (probability)</dt><dd>\(format.percent(v.probabilityAlive, digits: 0))</dd></dl>
            """
    }

    static func customerRisk(_ model: CustomerDetailViewModel) -> HTML {
        let v = model.value, format = model.context.format
        let rfm: HTML =
            v.rfm.map { cell in
                """
                <div class="stat"><div class="label">RFM cell</div><div class="value">\(cell.cell)</div>\
                <small class="muted">R \(cell.recency) · F \(cell.frequency) · M \(cell.monetary)\(cell.label.map { " · " + $0 } ?? "")</small></div>
                """
            }
            ?? "<div class=\"stat\"><div class=\"label\">RFM cell</div><div class=\"value muted\">–</div><small class=\"muted\">no orders yet</small></div>"
        let churn: HTML =
            v.churn.map { c in
                """
                <div class="stat"><div class="label">Churn risk</div><div class="value">\(format.percent(c.score, digits: 0)) \(churnCell(c.level).html)</div>\
                <small class="muted">\(format.decimal(c.daysSinceLastOrder, digits: 0)) days since last order; usual gap \
                \(format.decimal(c.expectedGapDays, digits: 0)) days (\(c.basis))</small></div>
                """
            } ?? "<div class=\"stat\"><div class=\"label\">Churn risk</div><div class=\"value muted\">–</div></div>"
        return "<div class=\"split\">\(rfm)\(churn)</div>"
    }

    /// Orders, carts, messages and flows as tables (also their CSV).
    public static func customerDetailTables(_ model: CustomerDetailViewModel) -> [DataTable] {
        let context = model.context, format = context.format
        func when(_ date: Date) -> DataTable.Cell { .rich(time(date, context), csv: format.machineTimestamp(date)) }
        func linked(_ text: String, _ url: String?) -> DataTable.Cell {
            .rich(url.map { "<a href=\"\(url: $0)\">\(text)</a>" } ?? HTML(text: text), csv: text)
        }
        let stateTone = ["abandoned": "warn", "recovered": "good", "converted": "good", "expired": "", "active": "info"]
        let messageTone = ["clicked": "good", "opened": "info", "bounced": "bad", "failed": "bad"]
        return [
            DataTable(
                id: "orders",
                caption: "Orders",
                columns: [
                    DataTable.Column("Order"), DataTable.Column("Placed"), DataTable.Column("Items", numeric: true),
                    DataTable.Column("Total", numeric: true), DataTable.Column("Status"), DataTable.Column("Credited to"),
                ],
                rows: model.orders.map {
                    [
                        linked("#" + $0.number, $0.url), when($0.placedAt), .count($0.items, format), .money($0.total, format),
                        DataTable.Cell($0.status), DataTable.Cell($0.attributedTo ?? "–"),
                    ]
                },
                emptyText: "No orders yet"
            ),
            DataTable(
                id: "carts",
                caption: "Carts",
                columns: [
                    DataTable.Column("Cart"), DataTable.Column("State"), DataTable.Column("Items", numeric: true),
                    DataTable.Column("Value", numeric: true), DataTable.Column("Last activity"),
                ],
                rows: model.carts.map {
                    [
                        linked($0.id, $0.url), .rich(badge($0.state, tone: stateTone[$0.state] ?? ""), csv: $0.state), .count($0.items, format),
                        .money($0.value, format), when($0.updatedAt),
                    ]
                },
                emptyText: "No carts"
            ),
            DataTable(
                id: "messages",
                caption: "Messages received",
                columns: [
                    DataTable.Column("Channel"), DataTable.Column("Message"), DataTable.Column("Flow"), DataTable.Column("Sent"),
                    DataTable.Column("Status"),
                ],
                rows: model.messages.map {
                    [
                        .rich("\(AdminIcons.icon($0.channel.lowercased())) \(channelName($0.channel))", csv: $0.channel), DataTable.Cell($0.subject),
                        DataTable.Cell($0.flowName ?? "–"), when($0.sentAt),
                        .rich(badge($0.status, tone: messageTone[$0.status] ?? ""), csv: $0.status),
                    ]
                },
                emptyText: "No messages sent"
            ),
            DataTable(
                id: "flows",
                caption: "Flows enrolled",
                columns: [DataTable.Column("Flow"), DataTable.Column("Step"), DataTable.Column("Status"), DataTable.Column("Next step")],
                rows: model.flows.map {
                    [
                        linked($0.flowName, $0.url), DataTable.Cell($0.step),
                        .rich(badge($0.status, tone: $0.status == "active" ? "info" : ""), csv: $0.status),
                        $0.nextStepAt.map(when) ?? DataTable.Cell("–"),
                    ]
                },
                emptyText: "Not in any flow"
            ),
        ]
    }

    static func timeline(_ model: CustomerDetailViewModel) -> HTML {
        guard !model.timeline.isEmpty else { return "<p class=\"muted\">Nothing happened yet.</p>" }
        let items: [HTML] = model.timeline.map { entry in
            let text: HTML = entry.url.map { "<a href=\"\(url: $0)\">\(entry.text)</a>" } ?? HTML(text: entry.text)
            return "<li>\(time(entry.at, model.context))<span>\(badge(entry.kind)) \(text)</span></li>"
        }
        return "<ol class=\"timeline\">\(items)</ol>"
    }
}
