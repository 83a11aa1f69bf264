/// A table shown on a page and offered as CSV from the same rows, so the download always matches what is on screen.
public struct DataTable: Sendable, Hashable {
    /// A column heading.
    public struct Column: Sendable, Hashable {
        /// The heading people read.
        public var title: String
        /// The CSV header; defaults to the title.
        public var csvTitle: String
        /// Numbers align right.
        public var numeric: Bool
        /// A small line under the heading, e.g. the reference range `ref. 40–50 %`.
        public var note: String?

        /// Creates a column.
        public init(_ title: String, csvTitle: String? = nil, numeric: Bool = false, note: String? = nil) {
            self.title = title
            self.csvTitle = csvTitle ?? title
            self.numeric = numeric
            self.note = note
        }
    }

    /// One cell: what the page shows and what the CSV holds (raw figures, not formatted ones).
    public struct Cell: Sendable, Hashable {
        /// The markup shown in the page.
        public var html: HTML
        /// The CSV value.
        public var csv: String

        /// A cell with different page and CSV forms.
        public init(html: HTML, csv: String) {
            self.html = html
            self.csv = csv
        }

        /// A text cell, escaped.
        public init(_ text: String) {
            self.init(html: HTML(text: text), csv: text)
        }
    }

    /// A stable identifier (`flow-steps`), used for the element id and the CSV file name.
    public var id: String
    /// The caption above the table.
    public var caption: String
    public var columns: [Column]
    public var rows: [[Cell]]
    /// Shown instead of an empty body.
    public var emptyText: String

    /// Creates a table.
    public init(id: String, caption: String, columns: [Column], rows: [[Cell]], emptyText: String = "No data yet") {
        self.id = id
        self.caption = caption
        self.columns = columns
        self.rows = rows
        self.emptyText = emptyText
    }

    /// The table as CSV (header line, then one line per row).
    public var csv: String {
        CSVWriter.render(header: columns.map(\.csvTitle), rows: rows.map { $0.map(\.csv) })
    }

    /// A file name for `Content-Disposition`: the id with `.csv`.
    public var csvFileName: String { id + ".csv" }
}

extension DataTable.Cell {
    /// A whole number: grouped on the page, plain digits in the CSV.
    public static func count(_ value: Int, _ format: AdminFormat) -> Self {
        Self(html: HTML(text: format.number(value)), csv: String(value))
    }

    /// A share: `12.5 %` on the page, `0.125` in the CSV (empty when nil).
    public static func percent(_ share: Double?, _ format: AdminFormat) -> Self {
        Self(html: HTML(text: format.percent(share)), csv: share.map { csvNumber($0, digits: 4) } ?? "")
    }

    /// Money: formatted on the page, a dot decimal in the CSV.
    public static func money(_ amount: AdminMoney, _ format: AdminFormat) -> Self {
        Self(html: HTML(text: format.money(amount)), csv: amount.decimalString)
    }

    /// A duration: `1 h 5 min` on the page, seconds in the CSV.
    public static func duration(_ seconds: Double?, _ format: AdminFormat) -> Self {
        Self(html: HTML(text: format.duration(seconds: seconds)), csv: seconds.map { csvNumber($0, digits: 0) } ?? "")
    }

    /// Markup on the page (a badge, a link), text in the CSV.
    public static func rich(_ html: HTML, csv: String) -> Self { Self(html: html, csv: csv) }

    /// A dot-decimal number for CSV, without grouping and locale, trailing zeros removed.
    static func csvNumber(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "" }
        let scale = Double(pow10(digits))
        let scaled = Int64((value * scale).rounded())
        if digits == 0 { return String(scaled) }
        let magnitude = scaled.magnitude
        var fraction = String(magnitude % UInt64(scale))
        fraction = String(repeating: "0", count: digits - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let whole = (scaled < 0 ? "-" : "") + String(magnitude / UInt64(scale))
        return fraction.isEmpty ? whole : whole + "." + fraction
    }
}
