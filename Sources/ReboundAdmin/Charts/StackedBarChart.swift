/// Vertical stacked bars, e.g. tickets per day split by category.
public struct StackedBarChart: Sendable, Hashable {
    /// One stacked layer (a category) with a value per column.
    public struct Layer: Sendable, Hashable {
        public var name: String
        public var values: [Double]

        /// Creates a layer.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var id: String
    public var title: String
    public var summary: String?
    /// One label per column (days).
    public var labels: [String]
    public var layers: [Layer]
    public var style: ValueStyle
    /// The drawing's width in SVG units; about the width it is shown at, so that text keeps its size.
    public var width: Double

    /// Creates a stacked bar chart.
    public init(
        id: String,
        title: String,
        summary: String? = nil,
        labels: [String],
        layers: [Layer],
        style: ValueStyle = .count,
        width: Double = 640
    ) {
        self.id = id
        self.title = title
        self.summary = summary
        self.labels = labels
        self.layers = layers
        self.style = style
        self.width = width
    }

    static let height = 240.0
    static let left = 48.0, right = 12.0, top = 12.0, bottom = 30.0

    var columnCount: Int { max(labels.count, layers.map(\.values.count).max() ?? 0) }

    func value(_ layer: Int, _ column: Int) -> Double {
        let values = layers[layer].values
        guard column < values.count, values[column].isFinite else { return 0 }
        return max(0, values[column])
    }

    /// The stacked total of a column.
    func total(_ column: Int) -> Double { layers.indices.reduce(0) { $0 + value($1, column) } }

    var hasData: Bool { (0..<columnCount).contains { total($0) > 0 } }

    /// The chart as a figure with legend and data table.
    public func html(_ format: AdminFormat, csvURL: String? = nil) -> HTML {
        ChartFigure(
            id: id,
            title: title,
            summary: summary ?? describe(format),
            width: width,
            height: Self.height,
            body: hasData ? drawing(format) : ChartFigure.emptyBody(width: width, height: Self.height),
            legend: hasData ? layers.enumerated().map { (name: $1.name, cssClass: "c\($0 % 8)") } : [],
            table: table(format),
            csvURL: csvURL
        ).html()
    }

    func drawing(_ format: AdminFormat) -> HTML {
        let plotBottom = Self.height - Self.bottom, plotRight = width - Self.right
        let y = LinearScale(values: (0..<columnCount).map(total), range: (plotBottom, Self.top))
        let slot = (plotRight - Self.left) / Double(max(1, columnCount))
        let barWidth = min(36, slot * 0.7)
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
        let stride = max(1, Int((Double(columnCount) / 10).rounded(.up)))
        for column in 0..<columnCount {
            let x = Self.left + slot * Double(column) + (slot - barWidth) / 2
            var base = 0.0
            let label = column < labels.count ? labels[column] : "\(column + 1)"
            for layer in layers.indices {
                let v = value(layer, column)
                guard v > 0 else { continue }
                let yTop = y.position(base + v), yBottom = y.position(base)
                parts.append(
                    """
                    <rect class="seg c\(layer % 8)" x="\(svg: x)" y="\(svg: yTop)" width="\(svg: barWidth)" height="\(svg: yBottom - yTop)">\
                    <title>\(label) · \(layers[layer].name): \(style.label(v, format))</title></rect>
                    """
                )
                base += v
            }
            if column % stride == 0 {
                parts.append(
                    "<text class=\"tick\" x=\"\(svg: x + barWidth / 2)\" y=\"\(svg: plotBottom + 18)\" text-anchor=\"middle\">\(label)</text>"
                )
            }
        }
        return "\(parts)"
    }

    func describe(_ format: AdminFormat) -> String {
        guard hasData else { return "No data yet." }
        let totals = layers.indices.map { layer in (layers[layer].name, (0..<columnCount).reduce(0) { $0 + value(layer, $1) }) }
            .sorted { $0.1 > $1.1 }
        return "Totals over \(columnCount) columns: " + totals.map { "\($0.0) \(style.label($0.1, format))" }.joined(separator: ", ") + "."
    }

    func table(_ format: AdminFormat) -> DataTable {
        DataTable(
            id: id + "-data",
            caption: title,
            columns: [DataTable.Column("Column")] + layers.map { DataTable.Column($0.name, numeric: true) } + [
                DataTable.Column("Total", numeric: true)
            ],
            rows: hasData
                ? (0..<columnCount).map { column in
                    [DataTable.Cell(column < labels.count ? labels[column] : "\(column + 1)")]
                        + layers.indices.map {
                            DataTable.Cell(html: HTML(text: style.label(value($0, column), format)), csv: style.csv(value($0, column)))
                        }
                        + [DataTable.Cell(html: HTML(text: style.label(total(column), format)), csv: style.csv(total(column)))]
                } : []
        )
    }
}
