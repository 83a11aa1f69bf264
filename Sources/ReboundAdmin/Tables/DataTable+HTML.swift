extension DataTable {
    /// The table as markup, with a CSV link when `csvURL` is given.
    ///
    /// - Parameters:
    ///   - csvURL: where the same rows download as CSV, used as given (see `DataSource.csvLink(table:)`).
    ///   - showsCaption: false inside a card that already names the table.
    public func html(csvURL: String? = nil, showsCaption: Bool = true) -> HTML {
        let headings: [HTML] = columns.map { column in
            "<th scope=\"col\"\(column.numeric ? HTML(" class=\"num\"") : .empty)>\(column.title)\(column.note.map { "<span class=\"ref\">\($0)</span>" as HTML })</th>"
        }
        let body: [HTML]
        if rows.isEmpty {
            body = ["<tr><td class=\"empty\" colspan=\"\(max(1, columns.count))\">\(emptyText)</td></tr>"]
        } else {
            body = rows.map { row in
                let cells: [HTML] = row.enumerated().map { index, cell in
                    let numeric = index < columns.count && columns[index].numeric
                    return "<td\(numeric ? HTML(" class=\"num\"") : .empty)>\(cell.html)</td>"
                }
                return "<tr>\(cells)</tr>"
            }
        }
        let link: HTML = csvURL.map { "<a class=\"csv\" href=\"\(url: $0)\" download=\"\(csvFileName)\">CSV</a>" } ?? .empty
        let head: HTML =
            showsCaption || csvURL != nil ? "<div class=\"table-head\">\(showsCaption ? HTML("<h3>\(caption)</h3>") : .empty)\(link)</div>" : .empty
        return """
            <div class="table-wrap" id="table-\(id)">\(head)\
            <table aria-label="\(caption)"><thead><tr>\(headings)</tr></thead><tbody>\(body)</tbody></table></div>
            """
    }

    /// `url` with `format=csv` added to its query.
    public static func csvLink(_ url: String) -> String {
        url + (url.contains("?") ? "&" : "?") + "format=csv"
    }
}
