extension AdminPages {
    static func supportTable(_ model: DashboardViewModel) -> DataTable {
        let format = model.context.format
        /// A time with a badge saying whether it meets its target.
        func timed(_ seconds: Double?, target: Double) -> DataTable.Cell {
            guard let seconds else { return .duration(nil, format) }
            let met = seconds <= target
            return .rich(
                "\(format.duration(seconds: seconds)) \(badge(met ? "on target" : "over", tone: met ? "good" : "bad", title: "Target \(format.duration(seconds: target))"))",
                csv: DataTable.Cell.csvNumber(seconds, digits: 0)
            )
        }
        return DataTable(
            id: "support",
            caption: "Response and resolution times per channel",
            columns: [
                DataTable.Column("Channel"), DataTable.Column("Conversations", numeric: true),
                DataTable.Column("First response (median)", csvTitle: "first_response_median_s", numeric: true),
                DataTable.Column("p90", csvTitle: "first_response_p90_s", numeric: true),
                DataTable.Column("Target", csvTitle: "first_response_target_s", numeric: true),
                DataTable.Column("Resolution (median)", csvTitle: "resolution_median_s", numeric: true),
                DataTable.Column("Target", csvTitle: "resolution_target_s", numeric: true),
                DataTable.Column("Within SLA", csvTitle: "sla_met", numeric: true),
            ],
            rows: model.support.channels.map { row in
                [
                    .rich("\(AdminIcons.icon(row.channel.lowercased())) \(channelName(row.channel))", csv: row.channel),
                    .count(row.conversations, format),
                    timed(row.firstResponseMedian, target: row.firstResponseTarget),
                    .duration(row.firstResponseP90, format), .duration(row.firstResponseTarget, format),
                    timed(row.resolutionMedian, target: row.resolutionTarget), .duration(row.resolutionTarget, format),
                    .percent(row.slaMet.value, format),
                ]
            },
            emptyText: "No conversations in this period"
        )
    }

    static func supportSection(_ model: DashboardViewModel) -> HTML {
        let s = model.support, format = model.context.format
        let sla = RateGauge(id: "sla", title: "SLA compliance", value: s.slaCompliance.value, reference: .atLeast(s.slaTarget))
        let deflection = RateGauge(id: "deflection", title: "Deflection rate", value: s.deflection.value, reference: s.deflectionReference)
        return section(
            id: "support",
            title: "Support service levels",
            source: s.source,
            intro: "Targets: first response chat < 2 min, email < 2 h, social < 1 h; resolution < 24 h for simple cases.",
            content: """
                \(card(supportTable(model).html(csvURL: s.source.csvLink(table: "support"))))\
                <div class="cards two spaced">\
                \(card(title: "SLA compliance", "\(sla.html(format))<p class=\"muted\">\(format.number(s.slaCompliance.part)) of \(format.number(s.slaCompliance.whole)) conversations answered within target</p>"))\
                \(card(title: "Deflection rate", "\(deflection.html(format))<p class=\"muted\">\(format.number(s.deflection.part)) of \(format.number(s.deflection.whole)) questions answered by the bot without an agent</p>"))</div>
                """
        )
    }

    static func csatChart(_ model: DashboardViewModel) -> LineChart {
        let s = model.satisfaction
        return LineChart(
            id: "csat",
            title: "CSAT",
            labels: dayLabels(model),
            current: s.csatDaily,
            previous: s.csatPreviousDaily,
            style: .decimal(digits: 1),
            target: s.csatTarget,
            domain: 1...5
        )
    }

    static func npsChart(_ model: DashboardViewModel) -> LineChart {
        let s = model.satisfaction
        return LineChart(
            id: "nps",
            title: "NPS",
            labels: dayLabels(model),
            current: s.npsDaily,
            previous: s.npsPreviousDaily,
            style: .decimal(digits: 0),
            target: s.npsTarget,
            domain: -100...100
        )
    }

    static func satisfactionSection(_ model: DashboardViewModel) -> HTML {
        let s = model.satisfaction, format = model.context.format
        func headline(_ value: String, _ responses: Int, target: String) -> HTML {
            "<p class=\"headline\"><strong>\(value)</strong> <span class=\"muted\">from \(format.number(responses)) answers · target \(target)</span></p>"
        }
        return section(
            id: "satisfaction",
            title: "Customer satisfaction",
            source: s.source,
            content: """
                <div class="cards two">\
                \(card(title: "CSAT (1–5)", csvURL: s.source.csvLink(table: "csat-data"), headline(format.decimal(s.csat, digits: 2), s.csatResponses, target: format.decimal(s.csatTarget, digits: 1)) + csatChart(model).html(format)))\
                \(card(title: "NPS", csvURL: s.source.csvLink(table: "nps-data"), headline(format.decimal(s.nps, digits: 0), s.npsResponses, target: format.decimal(s.npsTarget, digits: 0)) + npsChart(model).html(format)))</div>
                """
        )
    }

    static func ticketChart(_ model: DashboardViewModel) -> StackedBarChart {
        StackedBarChart(
            id: "tickets",
            title: "Tickets by category per day",
            labels: dayLabels(model),
            layers: model.ticketVolume.categories.map { StackedBarChart.Layer(name: $0.name, values: $0.daily.map(Double.init)) },
            width: 1040
        )
    }

    static func ticketSection(_ model: DashboardViewModel) -> HTML {
        let source = model.ticketVolume.source
        return section(
            id: "tickets",
            title: "Ticket volume",
            source: source,
            content: card(
                title: "Tickets by category per day",
                csvURL: source.csvLink(table: "tickets-data"),
                ticketChart(model).html(model.context.format)
            )
        )
    }

    static func upsellTable(_ model: DashboardViewModel) -> DataTable {
        let format = model.context.format
        return DataTable(
            id: "upsell",
            caption: "Upsell revenue by placement",
            columns: [
                DataTable.Column("Placement"), DataTable.Column("Shown", numeric: true), DataTable.Column("Accepted", numeric: true),
                DataTable.Column("Acceptance", numeric: true), DataTable.Column("Revenue", numeric: true),
            ],
            rows: model.upsell.placements.map { row in
                [
                    DataTable.Cell(row.placement), .count(row.shown, format), .count(row.accepted, format),
                    .percent(Proportion(row.accepted, of: row.shown).value, format),
                    .money(AdminMoney(minorUnits: row.revenue, currency: format.currency), format),
                ]
            },
            emptyText: "No upsell offers shown in this period"
        )
    }

    static func upsellSection(_ model: DashboardViewModel) -> HTML {
        let format = model.context.format, currency = format.currency, source = model.upsell.source
        let chart = BarChart(
            id: "upsell-revenue",
            title: "Revenue by upsell placement",
            bars: model.upsell.placements.map {
                let amount = AdminMoney(minorUnits: $0.revenue, currency: currency)
                return .init(label: $0.placement, value: amount.majorUnits, valueLabel: format.money(amount))
            },
            style: .money(currency: currency)
        )
        return section(
            id: "upsell",
            title: "Upsell revenue",
            source: source,
            content: """
                <div class="cards two">\(card(title: "Revenue by placement", chart.html(format)))\
                \(card(upsellTable(model).html(csvURL: source.csvLink(table: "upsell"))))</div>
                """
        )
    }
}
