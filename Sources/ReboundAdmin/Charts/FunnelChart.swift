/// The shopping funnel (viewed → carted → checkout → ordered) with the conversion of each step.
public struct FunnelChart: Sendable, Hashable {
    /// One stage and how many got there.
    public struct Step: Sendable, Hashable {
        public var label: String
        public var count: Int

        /// Creates a step.
        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    public var id: String
    public var title: String
    public var steps: [Step]

    /// Creates a funnel.
    public init(id: String, title: String, steps: [Step]) {
        self.id = id
        self.title = title
        self.steps = steps
    }

    static let width = 640.0, barHeight = 30.0, gap = 26.0, top = 6.0
    static let labelWidth = 110.0, figureWidth = 170.0

    var plotWidth: Double { Self.width - Self.labelWidth - Self.figureWidth }
    var height: Double { Self.top * 2 + Double(steps.count) * Self.barHeight + Double(max(0, steps.count - 1)) * Self.gap }

    /// Share of the previous step that reached step `index` (nil for the first step or a zero previous count).
    public func stepConversion(_ index: Int) -> Double? {
        guard index > 0, index < steps.count, steps[index - 1].count > 0 else { return nil }
        return Double(steps[index].count) / Double(steps[index - 1].count)
    }

    /// Share of the first step that reached step `index`.
    public func overallConversion(_ index: Int) -> Double? {
        guard index < steps.count, let first = steps.first, first.count > 0 else { return nil }
        return Double(steps[index].count) / Double(first.count)
    }

    /// Bar width for step `index`, proportional to its count against the widest step.
    func barWidth(_ index: Int) -> Double {
        let widest = steps.map(\.count).max() ?? 0
        guard widest > 0 else { return 0 }
        // A 2 px sliver keeps a stage with very few shoppers visible.
        return max(2, Double(max(0, steps[index].count)) / Double(widest) * plotWidth)
    }

    var hasData: Bool { steps.contains { $0.count > 0 } }

    /// The funnel as a figure with its data table.
    public func html(_ format: AdminFormat, csvURL: String? = nil) -> HTML {
        ChartFigure(
            id: id,
            title: title,
            summary: describe(format),
            width: Self.width,
            height: hasData ? height : 60,
            body: hasData ? drawing(format) : ChartFigure.emptyBody(width: Self.width, height: 60),
            table: table(format),
            csvURL: csvURL
        ).html()
    }

    func drawing(_ format: AdminFormat) -> HTML {
        let centre = Self.labelWidth + plotWidth / 2
        var parts: [HTML] = []
        for (index, step) in steps.enumerated() {
            let y = Self.top + Double(index) * (Self.barHeight + Self.gap)
            let width = barWidth(index)
            if index > 0 {
                // The connector narrows from the previous bar to this one; its label is the step conversion.
                let previousWidth = barWidth(index - 1)
                let top = y - Self.gap
                parts.append(
                    """
                    <polygon class="funnel-neck" points="\(svg: centre - previousWidth / 2),\(svg: top) \(svg: centre + previousWidth / 2),\(svg: top) \
                    \(svg: centre + width / 2),\(svg: y) \(svg: centre - width / 2),\(svg: y)"></polygon>\
                    <text class="conversion" x="\(svg: Self.width - 8)" y="\(svg: top + Self.gap / 2)" text-anchor="end" dominant-baseline="middle">\
                    ↓ \(format.percent(stepConversion(index)))</text>
                    """
                )
            }
            parts.append(
                """
                <text class="label" x="\(svg: Self.labelWidth - 8)" y="\(svg: y + Self.barHeight / 2)" text-anchor="end" dominant-baseline="middle">\
                \(ChartFigure.truncate(step.label, to: 16))</text>\
                <rect class="bar funnel-bar" x="\(svg: centre - width / 2)" y="\(svg: y)" width="\(svg: width)" height="\(svg: Self.barHeight)" rx="4" \
                data-value="\(step.count)"><title>\(step.label): \(format.number(step.count))</title></rect>\
                <text class="value" x="\(svg: Self.width - 8)" y="\(svg: y + Self.barHeight / 2)" text-anchor="end" dominant-baseline="middle">\
                \(format.number(step.count))</text>
                """
            )
        }
        return "\(parts)"
    }

    func describe(_ format: AdminFormat) -> String {
        guard hasData else { return "No data yet." }
        let stages = steps.enumerated().map { index, step in
            index == 0
                ? "\(step.label) \(format.number(step.count))"
                : "\(step.label) \(format.number(step.count)) (\(format.percent(stepConversion(index))))"
        }
        return stages.joined(separator: " → ") + "."
    }

    func table(_ format: AdminFormat) -> DataTable {
        DataTable(
            id: id + "-data",
            caption: title,
            columns: [
                DataTable.Column("Step"), DataTable.Column("Count", numeric: true),
                DataTable.Column("Step conversion", csvTitle: "step_conversion", numeric: true),
                DataTable.Column("Of first step", csvTitle: "overall_conversion", numeric: true),
            ],
            rows: hasData
                ? steps.enumerated().map { index, step in
                    [
                        DataTable.Cell(step.label), .count(step.count, format), .percent(stepConversion(index), format),
                        .percent(overallConversion(index), format),
                    ]
                } : []
        )
    }
}
