/// The frame every chart shares: an accessible `<svg>` (role, label, title, description) and the same data as a table.
struct ChartFigure {
    var id: String
    var title: String
    /// One or two sentences that say what the chart shows; read by screen readers and shown on hover.
    var summary: String
    var width: Double
    var height: Double
    /// The drawing inside the `<svg>`.
    var body: HTML
    /// Swatches under the chart.
    var legend: [(name: String, cssClass: String)] = []
    /// The data table behind the chart; nil for decorations (sparklines) that summarise in `summary`.
    var table: DataTable?
    /// Where the table downloads as CSV.
    var csvURL: String?
    /// An extra class on the figure (`gauge`, `compact`).
    var variant: String = ""

    func html() -> HTML {
        let titleID = "chart-\(id)-title", descID = "chart-\(id)-desc"
        let legendHTML: HTML =
            legend.isEmpty
            ? .empty
            : "<figcaption class=\"legend\">\(legend.map { item -> HTML in "<span class=\"key \(item.cssClass)\"><i></i>\(item.name)</span>" })</figcaption>"
        let tableHTML: HTML =
            table.map { "<details class=\"chart-data\"><summary>Data table</summary>\($0.html(csvURL: csvURL))</details>" } ?? .empty
        return """
            <figure class="chart \(variant)" id="chart-\(id)">\
            <svg viewBox="0 0 \(svg: width) \(svg: height)" class="chart-svg" role="img" aria-label="\(title). \(summary)" \
            aria-describedby="\(descID)" preserveAspectRatio="xMinYMin meet"><title id="\(titleID)">\(title)</title><desc id="\(descID)">\(summary)</desc>\
            \(body)</svg>\(legendHTML)\(tableHTML)</figure>
            """
    }

    /// The drawing for a chart without data: a calm message instead of empty axes (and never a NaN).
    static func emptyBody(width: Double, height: Double, text: String = "No data yet") -> HTML {
        """
        <rect class="empty-bg" x="0" y="0" width="\(svg: width)" height="\(svg: height)" rx="6"></rect>\
        <text class="empty" x="\(svg: width / 2)" y="\(svg: height / 2)" text-anchor="middle" dominant-baseline="middle">\(text)</text>
        """
    }

    /// Shortens a label for the drawing; the full text stays in the table and the tooltip.
    static func truncate(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
