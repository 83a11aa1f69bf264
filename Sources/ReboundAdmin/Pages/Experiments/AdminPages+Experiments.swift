extension AdminPages {
    /// The experiments page: one card per experiment with arms, lifts, intervals, p-values and verdicts.
    public static func experiments(_ model: ExperimentsViewModel) -> HTML {
        let actions: HTML = model.newExperimentURL.map { "<a class=\"button primary\" href=\"\(url: $0)\">New experiment</a>" } ?? .empty
        let cards: [HTML] =
            model.experiments.isEmpty
            ? [
                card(
                    "<p class=\"muted\">No experiments yet. Split a flow step into variants, or hold out a share of carts, to measure what each tactic really adds.</p>"
                )
            ]
            : model.experiments.map { experimentCard($0, model) }
        let content = section(
            id: "experiments",
            title: "A/B splits and holdouts",
            source: model.source,
            intro:
                "Lift is each variant's conversion rate minus the holdout's, with its 95 % interval. An interval that stays clear of 0 means the difference is real.",
            content: "\(cards)"
        )
        return AdminLayout.page(model.context, title: "Experiments", actions: actions, content: content)
    }

    /// Every experiment's table, for `?format=csv&table=<id>`.
    public static func experimentTables(_ model: ExperimentsViewModel) -> [DataTable] {
        model.experiments.map { experimentTable($0, model.context.format) }
    }

    static func experimentCard(_ experiment: ExperimentSummary, _ model: ExperimentsViewModel) -> HTML {
        let context = model.context, format = context.format
        let statusTone = ["running": "info", "finished": "good", "stopped": "warn"][experiment.status.lowercased()] ?? ""
        var meta: [HTML] = [badge(experiment.status.capitalizedFirst, tone: statusTone)]
        if let started = experiment.startedAt { meta.append("<span class=\"muted\">started \(time(started, context))</span>") }
        if let ended = experiment.endedAt { meta.append("<span class=\"muted\">ended \(time(ended, context))</span>") }
        let title: HTML = experiment.detailURL.map { "<a href=\"\(url: $0)\">\(experiment.name)</a>" } ?? HTML(text: experiment.name)
        let table = experimentTable(experiment, format)
        return """
            <article class="card experiment" id="experiment-\(experiment.id)"><div class="card-head"><h3>\(title)</h3>\(meta)\
            <a class="csv" href="\(url: model.source.csvLink(table: table.id))">CSV</a></div>\
            \(experiment.hypothesis.map { "<p class=\"muted\">\($0)</p>" as HTML })\
            \(table.html(showsCaption: false))\
            \(experiment.rule.map { "<p class=\"rule muted\"><small>Rule: \($0)</small></p>" as HTML })</article>
            """
    }

    static func experimentTable(_ experiment: ExperimentSummary, _ format: AdminFormat) -> DataTable {
        let domain = IntervalBar.sharedDomain(experiment.comparisons.map { (lower: $0.lower, upper: $0.upper) })
        let rows: [[DataTable.Cell]] = experiment.arms.map { arm in
            var row: [DataTable.Cell] = [
                .rich(
                    arm.isHoldout && !arm.name.lowercased().contains("holdout") ? "\(arm.name) \(badge("holdout"))" : HTML(text: arm.name),
                    csv: arm.name
                ),
                .count(arm.exposure, format), .count(arm.conversions, format), .percent(arm.rate, format),
            ]
            if arm.isHoldout {
                row += [.rich("<span class=\"muted\">baseline</span>", csv: ""), DataTable.Cell(""), DataTable.Cell(""), DataTable.Cell("")]
            } else if let c = experiment.comparisons.first(where: { $0.arm == arm.name }) {
                let interval = IntervalBar(estimate: c.absoluteLift, lower: c.lower, upper: c.upper, domain: domain, label: "Lift of \(arm.name)")
                let relative: HTML = c.relativeLift.map { " <small class=\"muted\">(\(format.signedPercent($0)))</small>" } ?? .empty
                row += [
                    .rich("\(format.percentagePoints(c.absoluteLift))\(relative)", csv: DataTable.Cell.csvNumber(c.absoluteLift, digits: 4)),
                    .rich(
                        "\(interval.html(format))<small class=\"muted\">\(format.percentagePoints(c.lower)) … \(format.percentagePoints(c.upper))</small>",
                        csv: DataTable.Cell.csvNumber(c.lower, digits: 4) + " to " + DataTable.Cell.csvNumber(c.upper, digits: 4)
                    ),
                    DataTable.Cell(html: HTML(text: pValue(c.pValue, format)), csv: DataTable.Cell.csvNumber(c.pValue, digits: 4)),
                    .rich(badge(c.verdict, tone: verdictTone(c)), csv: c.verdict),
                ]
            } else {
                row += [DataTable.Cell(""), DataTable.Cell(""), DataTable.Cell(""), DataTable.Cell("")]
            }
            return row
        }
        return DataTable(
            id: "experiment-" + experiment.id,
            caption: experiment.name,
            columns: [
                DataTable.Column("Arm"), DataTable.Column("Exposure", numeric: true), DataTable.Column("Conversions", numeric: true),
                DataTable.Column("Rate", numeric: true), DataTable.Column("Lift vs holdout", csvTitle: "lift", numeric: true),
                DataTable.Column("95 % interval", csvTitle: "interval_95"), DataTable.Column("p-value", csvTitle: "p_value", numeric: true),
                DataTable.Column("Verdict"),
            ],
            rows: rows,
            emptyText: "No arms yet"
        )
    }

    /// `< 0.001` for tiny values, else three decimals.
    static func pValue(_ p: Double, _ format: AdminFormat) -> String {
        p < 0.001 ? "< " + format.decimal(0.001, digits: 3) : format.decimal(p, digits: 3)
    }

    /// Green when the interval is above 0, red when below, grey otherwise (too early or no difference).
    static func verdictTone(_ comparison: ArmComparison) -> String {
        comparison.lower > 0 ? "good" : comparison.upper < 0 ? "bad" : ""
    }
}

extension String {
    /// The string with its first letter upper-cased ("running" → "Running").
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
