/// Horizontal bars with their labels and values, e.g. abandonment rate by device or revenue by upsell placement.
///
/// Bar lengths are proportional to the values (a bar of 0.4 is exactly twice as long as one of 0.2), measured from 0.
public struct BarChart: Sendable, Hashable {
    /// One bar.
    public struct Bar: Sendable, Hashable {
        public var label: String
        public var value: Double
        /// Text shown beside the bar instead of the formatted value (e.g. `12.5 % of 96`).
        public var valueLabel: String?

        /// Creates a bar.
        public init(label: String, value: Double, valueLabel: String? = nil) {
            self.label = label
            self.value = value
            self.valueLabel = valueLabel
        }
    }

    public var id: String
    public var title: String
    public var summary: String?
    public var bars: [Bar]
    public var style: ValueStyle
    /// The value at the right end; the largest bar when nil. Rates pass 1 to draw on a 0–100 % scale.
    public var maximum: Double?
    /// A reference drawn as a vertical line across the bars (e.g. the world average abandonment of 70.19 %).
    public var reference: Double?
    public var referenceLabel: String?

    /// Creates a bar chart.
    public init(
        id: String,
        title: String,
        summary: String? = nil,
        bars: [Bar],
        style: ValueStyle,
        maximum: Double? = nil,
        reference: Double? = nil,
        referenceLabel: String? = nil
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.bars = bars
        self.style = style
        self.maximum = maximum
        self.reference = reference
        self.referenceLabel = referenceLabel
    }

    static let width = 640.0, rowHeight = 30.0, barHeight = 18.0
    static let labelWidth = 150.0, valueWidth = 96.0, top = 6.0

    var plotLeft: Double { Self.labelWidth }
    var plotWidth: Double { Self.width - Self.labelWidth - Self.valueWidth }
    var height: Double { Self.top * 2 + Double(max(bars.count, 1)) * Self.rowHeight + (reference != nil ? 18 : 0) }

    /// The value at the right end of the plot.
    var scaleMaximum: Double {
        let largest = max(bars.map(\.value).filter(\.isFinite).max() ?? 0, reference ?? 0)
        return max(maximum ?? largest, largest, 1e-9)
    }

    /// The pixel length of a bar for `value`.
    func length(_ value: Double) -> Double {
        guard value.isFinite, value > 0 else { return 0 }
        return min(1, value / scaleMaximum) * plotWidth
    }

    var hasData: Bool { bars.contains { $0.value.isFinite && $0.value != 0 } }

    /// The chart as a figure with its data table.
    public func html(_ format: AdminFormat, csvURL: String? = nil) -> HTML {
        let body = hasData ? drawing(format) : ChartFigure.emptyBody(width: Self.width, height: 60)
        return ChartFigure(
            id: id,
            title: title,
            summary: summary ?? describe(format),
            width: Self.width,
            height: hasData ? height : 60,
            body: body,
            table: table(format),
            csvURL: csvURL
        ).html()
    }

    func drawing(_ format: AdminFormat) -> HTML {
        var parts: [HTML] = []
        let rowsBottom = Self.top + Double(bars.count) * Self.rowHeight
        if let reference, reference.isFinite {
            let x = plotLeft + length(reference)
            let label = referenceLabel ?? "Reference \(style.label(reference, format))"
            parts.append(
                """
                <line class="reference" x1="\(svg: x)" x2="\(svg: x)" y1="\(svg: Self.top - 2)" y2="\(svg: rowsBottom + 4)"></line>\
                <text class="reference-label" x="\(svg: x)" y="\(svg: rowsBottom + 16)" text-anchor="middle">\(label)</text>
                """
            )
        }
        parts.append("<line class=\"axis\" x1=\"\(svg: plotLeft)\" x2=\"\(svg: plotLeft)\" y1=\"\(svg: Self.top)\" y2=\"\(svg: rowsBottom)\"></line>")
        for (index, bar) in bars.enumerated() {
            let rowTop = Self.top + Double(index) * Self.rowHeight
            let barY = rowTop + (Self.rowHeight - Self.barHeight) / 2
            let middle = rowTop + Self.rowHeight / 2
            let length = length(bar.value)
            let valueText = bar.valueLabel ?? style.label(bar.value, format)
            parts.append(
                """
                <text class="label" x="\(svg: plotLeft - 8)" y="\(svg: middle)" text-anchor="end" dominant-baseline="middle">\
                \(ChartFigure.truncate(bar.label, to: 22))</text>\
                <rect class="bar" x="\(svg: plotLeft)" y="\(svg: barY)" width="\(svg: length)" height="\(svg: Self.barHeight)" \
                rx="3" data-value="\(style.csv(bar.value))"><title>\(bar.label): \(valueText)</title></rect>\
                <text class="value" x="\(svg: plotLeft + length + 6)" y="\(svg: middle)" dominant-baseline="middle">\(valueText)</text>
                """
            )
        }
        return "\(parts)"
    }

    func describe(_ format: AdminFormat) -> String {
        guard hasData else { return "No data yet." }
        let sorted = bars.sorted { $0.value > $1.value }
        var text = sorted.prefix(3).map { "\($0.label) \($0.valueLabel ?? style.label($0.value, format))" }.joined(separator: ", ")
        if bars.count > 3 { text += ", and \(bars.count - 3) more" }
        return "Highest first: " + text + "."
    }

    func table(_ format: AdminFormat) -> DataTable {
        DataTable(
            id: id + "-data",
            caption: title,
            columns: [DataTable.Column("Label"), DataTable.Column("Value", numeric: true)],
            rows: hasData
                ? bars.map {
                    [
                        DataTable.Cell($0.label),
                        DataTable.Cell(html: HTML(text: $0.valueLabel ?? style.label($0.value, format)), csv: style.csv($0.value)),
                    ]
                }
                : []
        )
    }
}
