extension AdminPages {
    static func abandonmentChart(_ slices: [AbandonmentSlice], id: String, title: String, model: DashboardViewModel) -> BarChart {
        let format = model.context.format
        return BarChart(
            id: id,
            title: "Abandonment rate \(title.lowercased())",
            bars: slices.map { slice in
                BarChart.Bar(
                    label: slice.label,
                    value: slice.rate.value ?? 0,
                    valueLabel: "\(format.percent(slice.rate.value)) of \(format.number(slice.rate.whole))"
                )
            },
            style: .percent,
            maximum: 1,
            reference: model.abandonment.benchmark,
            referenceLabel: model.abandonment.benchmarkLabel
        )
    }

    static func abandonmentSection(_ model: DashboardViewModel) -> HTML {
        let a = model.abandonment, format = model.context.format
        let device = abandonmentChart(a.byDevice, id: "abandonment-device", title: "By device", model: model)
        let category = abandonmentChart(a.byCategory, id: "abandonment-category", title: "By category", model: model)
        return section(
            id: "abandonment",
            title: "Where carts are abandoned",
            source: a.source,
            content: """
                <div class="cards two">\
                \(card(title: "By device", csvURL: a.source.csvLink(table: device.id + "-data"), device.html(format)))\
                \(card(title: "By category", csvURL: a.source.csvLink(table: category.id + "-data"), category.html(format)))</div>
                """
        )
    }

    static func funnelChart(_ counts: FunnelCounts) -> FunnelChart {
        FunnelChart(
            id: "funnel",
            title: "Shopping funnel",
            steps: [
                .init(label: "Viewed", count: counts.viewed), .init(label: "Carted", count: counts.carted),
                .init(label: "Checkout", count: counts.checkout), .init(label: "Ordered", count: counts.ordered),
            ]
        )
    }

    static func funnelTable(_ model: DashboardViewModel) -> DataTable {
        let format = model.context.format
        var table = funnelChart(model.funnel.current).table(format)
        table.id = "funnel"
        if let previous = model.funnel.previous, !table.rows.isEmpty {
            let before = funnelChart(previous)
            table.columns.append(DataTable.Column("Step conversion, previous", csvTitle: "previous_step_conversion", numeric: true))
            for index in table.rows.indices { table.rows[index].append(.percent(before.stepConversion(index), format)) }
        }
        return table
    }

    static func funnelSection(_ model: DashboardViewModel) -> HTML {
        let format = model.context.format
        let current = funnelChart(model.funnel.current)
        let previous = model.funnel.previous.map(funnelChart)
        func stat(_ label: String, _ index: Int, overall: Bool = false) -> HTML {
            let now = overall ? current.overallConversion(index) : current.stepConversion(index)
            let before = previous.flatMap { overall ? $0.overallConversion(index) : $0.stepConversion(index) }
            return """
                <div class="stat"><div class="label">\(label)</div><div class="value">\(format.percent(now))</div>\
                \(previous == nil ? HTML.empty : pointDelta(now, before, .higherIsBetter, format))</div>
                """
        }
        let stats: HTML =
            "\(stat("Viewed → carted", 1))\(stat("Carted → checkout", 2))\(stat("Checkout → ordered", 3))\(stat("Viewed → ordered", 3, overall: true))"
        return section(
            id: "funnel",
            title: "Funnel",
            source: model.funnel.source,
            content: card(
                title: "Viewed → carted → checkout → ordered",
                csvURL: model.funnel.source.csvLink(table: "funnel"),
                "<div class=\"funnel-layout\">\(current.html(format))<div class=\"split\">\(stats)</div></div>"
            )
        )
    }

    static func flowStepTable(_ model: DashboardViewModel) -> DataTable {
        let report = model.flowSteps, format = model.context.format
        func rate(_ part: Int, _ whole: Int, _ reference: RateReference, applies: Bool) -> DataTable.Cell {
            let share = Proportion(part, of: whole).value
            guard applies, let band = reference.band(for: share) else { return .percent(applies ? share : nil, format) }
            return .rich(
                "<span class=\"dot-status \(band.tone.rawValue)\" title=\"\(band.label)\"></span>\(format.percent(share))",
                csv: share.map { DataTable.Cell.csvNumber($0, digits: 4) } ?? ""
            )
        }
        return DataTable(
            id: "flow-steps",
            caption: "Recovery flow steps",
            columns: [
                DataTable.Column("Flow"), DataTable.Column("Step"), DataTable.Column("Channel"),
                DataTable.Column("Sent", numeric: true),
                DataTable.Column("Open rate", csvTitle: "open_rate", numeric: true, note: "email " + report.openReference.caption),
                DataTable.Column("Click rate", csvTitle: "click_rate", numeric: true, note: "email " + report.clickReference.caption),
                DataTable.Column("Recovered", numeric: true), DataTable.Column("Revenue", numeric: true),
            ],
            rows: report.rows.map { row in
                // Opens are only measured for email (a pixel); SMS and on-site steps show clicks only.
                let email = row.channel.lowercased() == "email"
                return [
                    DataTable.Cell(row.flowName), DataTable.Cell(html: "\(row.step). \(row.stepLabel)", csv: "\(row.step). \(row.stepLabel)"),
                    DataTable.Cell(html: HTML(text: channelName(row.channel)), csv: row.channel), .count(row.sent, format),
                    rate(row.opened, row.sent, report.openReference, applies: email),
                    rate(row.clicked, row.sent, report.clickReference, applies: email || row.clicked > 0),
                    .count(row.recovered, format), .money(AdminMoney(minorUnits: row.revenue, currency: format.currency), format),
                ]
            },
            emptyText: "No recovery messages sent in this period"
        )
    }

    static func flowStepSection(_ model: DashboardViewModel) -> HTML {
        section(
            id: "flow-steps",
            title: "Recovery flows, step by step",
            source: model.flowSteps.source,
            content: card(flowStepTable(model).html(csvURL: model.flowSteps.source.csvLink(table: "flow-steps")))
        )
    }

    static func chatTable(_ model: DashboardViewModel) -> DataTable {
        let c = model.chat, format = model.context.format
        func row(_ label: String, _ p: Proportion) -> [DataTable.Cell] {
            [DataTable.Cell(label), .count(p.part, format), .count(p.whole, format), .percent(p.value, format)]
        }
        return DataTable(
            id: "chat",
            caption: "Chat engagement",
            columns: [
                DataTable.Column("Figure"), DataTable.Column("Count", numeric: true), DataTable.Column("Out of", numeric: true),
                DataTable.Column("Rate", numeric: true),
            ],
            rows: [
                row("Cart visitors who chatted", c.engagement), row("Conversion with chat", c.conversionWithChat),
                row("Conversion without chat", c.conversionWithoutChat),
            ]
        )
    }

    static func chatSection(_ model: DashboardViewModel) -> HTML {
        let c = model.chat, format = model.context.format
        let gauge = RateGauge(id: "chat-engagement", title: "Chat engagement", value: c.engagement.value, reference: c.reference)
        let bars = BarChart(
            id: "chat-conversion",
            title: "Conversion with and without chat",
            bars: [
                .init(label: "Chatted", value: c.conversionWithChat.value ?? 0, valueLabel: format.percent(c.conversionWithChat.value)),
                .init(label: "Did not chat", value: c.conversionWithoutChat.value ?? 0, valueLabel: format.percent(c.conversionWithoutChat.value)),
            ],
            style: .percent
        )
        var verdict: HTML = "<p class=\"muted\">Not enough chats yet to compare conversion.</p>"
        if let with = c.conversionWithChat.value, let without = c.conversionWithoutChat.value, without > 0 {
            verdict =
                "<p>Shoppers who chatted converted <strong>\(format.decimal(with / without, digits: 1))×</strong> as often as those who did not.</p>"
        }
        return section(
            id: "chat",
            title: "Chat engagement",
            source: c.source,
            content: """
                <div class="cards two">\
                \(card(title: "Cart visitors who chatted", "\(gauge.html(format))<p class=\"muted\">\(format.number(c.engagement.part)) of \(format.number(c.engagement.whole)) cart visitors</p>"))\
                \(card(title: "Conversion with vs without chat", csvURL: c.source.csvLink(table: "chat"), bars.html(format) + verdict))</div>
                """
        )
    }
}
