/// A line chart of one period against the previous one, with value axis, date labels and an optional target line.
///
/// ```swift
/// LineChart(id: "csat", title: "CSAT", labels: days, current: [4.5, 4.6, 4.4], previous: [4.2, 4.3, 4.5],
///           style: .decimal(digits: 1), target: 4.5, domain: 1...5).html(format)
/// ```
public struct LineChart: Sendable, Hashable {
    public var id: String
    public var title: String
    /// A sentence for screen readers; generated from the data when nil.
    public var summary: String?
    /// One label per point (dates), shared by both series: day 1 of this period is compared with day 1 of the last.
    public var labels: [String]
    /// This period; nil where nothing was measured (the line breaks there).
    public var current: [Double?]
    /// The previous period of the same length, drawn dashed; nil to show one series.
    public var previous: [Double?]?
    public var currentName: String
    public var previousName: String
    public var style: ValueStyle
    /// A goal drawn as a line (CSAT 4.5, NPS 50).
    public var target: Double?
    /// The values the axis may span (1…5 for CSAT, −100…100 for NPS): the axis fits the data but never leaves these bounds.
    public var domain: ClosedRange<Double>?
    /// The drawing's width in SVG units; about the width it is shown at, so that text keeps its size.
    public var width: Double

    /// Creates a line chart.
    public init(
        id: String,
        title: String,
        summary: String? = nil,
        labels: [String],
        current: [Double?],
        previous: [Double?]? = nil,
        currentName: String = "This period",
        previousName: String = "Previous period",
        style: ValueStyle,
        target: Double? = nil,
        domain: ClosedRange<Double>? = nil,
        width: Double = 640
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.labels = labels
        self.current = current
        self.previous = previous
        self.currentName = currentName
        self.previousName = previousName
        self.style = style
        self.target = target
        self.domain = domain
        self.width = width
    }

    static let height = 240.0
    static let left = 56.0, right = 16.0, top = 14.0, bottom = 30.0

    /// Whether there is at least one measured value.
    public var hasData: Bool { current.contains { $0?.isFinite == true } || (previous ?? []).contains { $0?.isFinite == true } }

    /// The chart as a figure with legend and data table.
    public func html(_ format: AdminFormat, csvURL: String? = nil) -> HTML {
        var legend = [(name: currentName, cssClass: "s-current")]
        if previous != nil { legend.append((name: previousName, cssClass: "s-previous")) }
        if let target { legend.append((name: "Target \(style.label(target, format))", cssClass: "s-target")) }
        return ChartFigure(
            id: id,
            title: title,
            summary: summary ?? describe(format),
            width: width,
            height: Self.height,
            body: hasData ? drawing(format) : ChartFigure.emptyBody(width: width, height: Self.height),
            legend: hasData ? legend : [],
            table: table(format),
            csvURL: csvURL
        ).html()
    }

    func drawing(_ format: AdminFormat) -> HTML {
        let count = max(labels.count, current.count, previous?.count ?? 0)
        let plotRight = width - Self.right, plotBottom = Self.height - Self.bottom
        var values = (current + (previous ?? [])).compactMap { $0 }
        if let target { values.append(target) }
        let y = LinearScale(values: values, bounds: domain, includeZero: style.startsAtZero, range: (plotBottom, Self.top))
        func x(_ index: Int) -> Double {
            count <= 1 ? (Self.left + plotRight) / 2 : Self.left + Double(index) * (plotRight - Self.left) / Double(count - 1)
        }
        var parts: [HTML] = []
        for tick in y.ticks {
            let py = y.position(tick)
            parts.append(
                """
                <line class="gridline" x1="\(svg: Self.left)" x2="\(svg: plotRight)" y1="\(svg: py)" y2="\(svg: py)"></line>\
                <text class="tick" x="\(svg: Self.left - 8)" y="\(svg: py)" text-anchor="end" dominant-baseline="middle">\(style.tick(tick, format))</text>
                """
            )
        }
        // At most eight date labels, evenly spaced, so they never overlap.
        let stride = max(1, Int((Double(count) / 8).rounded(.up)))
        for index in Swift.stride(from: 0, to: min(count, labels.count), by: stride) {
            parts.append(
                "<text class=\"tick\" x=\"\(svg: x(index))\" y=\"\(svg: plotBottom + 18)\" text-anchor=\"middle\">\(labels[index])</text>"
            )
        }
        if let target {
            let py = y.position(target)
            parts.append("<line class=\"target\" x1=\"\(svg: Self.left)\" x2=\"\(svg: plotRight)\" y1=\"\(svg: py)\" y2=\"\(svg: py)\"></line>")
        }
        if let previous { parts.append(path(previous, className: "line s-previous", x: x, y: y)) }
        parts.append(path(current, className: "line s-current", x: x, y: y))
        if count <= 62 {
            for (index, value) in current.enumerated() {
                guard let value, value.isFinite else { continue }
                let label = index < labels.count ? labels[index] + ": " : ""
                parts.append(
                    """
                    <circle class="dot s-current" cx="\(svg: x(index))" cy="\(svg: y.position(value))" r="3"><title>\(label)\(style.label(value, format))</title></circle>
                    """
                )
            }
        }
        return "\(parts)"
    }

    /// An SVG path through the measured points; a gap (nil) lifts the pen.
    func path(_ values: [Double?], className: String, x: (Int) -> Double, y: LinearScale) -> HTML {
        var d = ""
        var penDown = false
        for (index, value) in values.enumerated() {
            guard let value, value.isFinite else {
                penDown = false
                continue
            }
            d += (penDown ? "L" : "M") + SVGNumber.format(x(index)) + " " + SVGNumber.format(y.position(value))
            penDown = true
        }
        guard !d.isEmpty else { return .empty }
        return "<path class=\"\(className)\" d=\"\(d)\"></path>"
    }

    func describe(_ format: AdminFormat) -> String {
        guard hasData else { return "No data yet." }
        let measured = current.compactMap { $0 }
        var text = "\(currentName): "
        if let first = measured.first, let last = measured.last {
            text += "from \(style.label(first, format)) to \(style.label(last, format))"
            if let low = measured.min(), let high = measured.max() {
                text += ", lowest \(style.label(low, format)), highest \(style.label(high, format))"
            }
        } else {
            text += "no values"
        }
        text += "."
        if let target { text += " Target \(style.label(target, format))." }
        return text
    }

    func table(_ format: AdminFormat) -> DataTable {
        let count = max(labels.count, current.count, previous?.count ?? 0)
        var columns = [DataTable.Column("Point"), DataTable.Column(currentName, numeric: true)]
        if previous != nil { columns.append(DataTable.Column(previousName, numeric: true)) }
        let rows: [[DataTable.Cell]] =
            hasData
            ? (0..<count).map { index in
                var row = [DataTable.Cell(index < labels.count ? labels[index] : "\(index + 1)")]
                row.append(cell(index < current.count ? current[index] : nil, format))
                if let previous { row.append(cell(index < previous.count ? previous[index] : nil, format)) }
                return row
            } : []
        return DataTable(id: id + "-data", caption: title, columns: columns, rows: rows)
    }

    func cell(_ value: Double?, _ format: AdminFormat) -> DataTable.Cell {
        DataTable.Cell(html: HTML(text: style.label(value, format)), csv: style.csv(value))
    }
}
