extension AdminPages {
    /// The customer list with search and paging.
    public static func customers(_ model: CustomersViewModel) -> HTML {
        let format = model.context.format
        let count: HTML = model.total.map { "<span class=\"muted\">\(format.number($0)) customers</span>" } ?? .empty
        let search: HTML = """
            <form class="toolbar" method="get" action="\(url: model.searchAction)" role="search">\
            <input type="search" name="q" value="\(model.query)" placeholder="Search by name, email or tag" aria-label="Search customers">\
            <button type="submit" class="secondary">Search</button>\(count)</form>
            """
        var pager: [HTML] = []
        if let previous = model.previousPageURL { pager.append("<a class=\"button small\" href=\"\(url: previous)\" rel=\"prev\">← Previous</a>") }
        if let next = model.nextPageURL { pager.append("<a class=\"button small\" href=\"\(url: next)\" rel=\"next\">Next →</a>") }
        let table = customersTable(model)
        let content = section(
            id: "customers",
            title: "All customers",
            source: model.source,
            content: "\(search)\(card(table.html(csvURL: model.source.csvLink(), showsCaption: false)))<div class=\"pager\">\(pager)</div>"
        )
        return AdminLayout.page(model.context, title: "Customers", content: content)
    }

    /// The list as a table (also its CSV).
    public static func customersTable(_ model: CustomersViewModel) -> DataTable {
        let context = model.context, format = context.format
        return DataTable(
            id: "customers",
            caption: model.query.isEmpty ? "Customers" : "Customers matching “\(model.query)”",
            columns: [
                DataTable.Column("Customer"), DataTable.Column("Orders", numeric: true),
                DataTable.Column("Spend", csvTitle: "historic_clv", numeric: true),
                DataTable.Column("Predicted CLV", csvTitle: "predicted_clv", numeric: true), DataTable.Column("RFM"),
                DataTable.Column("Churn risk", csvTitle: "churn_risk"), DataTable.Column("Last order", csvTitle: "last_order_at"),
                DataTable.Column("Tags"),
            ],
            rows: model.rows.map { row in
                let vip: HTML = row.isVIP ? " " + badge("VIP", tone: "vip") : .empty
                let email: HTML = row.email.map { "<br><small class=\"muted\">\($0)</small>" } ?? .empty
                return [
                    .rich(
                        "<a href=\"\(url: row.url)\"><strong>\(row.name)</strong></a>\(vip)\(email)",
                        csv: row.email.map { "\(row.name) <\($0)>" } ?? row.name
                    ),
                    .count(row.orders, format), .money(row.spend, format),
                    row.predictedCLV.map { .money($0, format) } ?? DataTable.Cell(AdminFormat.missing),
                    DataTable.Cell(row.rfmCell ?? AdminFormat.missing), churnCell(row.churn),
                    row.lastOrderAt.map { .rich(time($0, context), csv: format.machineTimestamp($0)) } ?? DataTable.Cell("never"),
                    .rich("<span class=\"tags\">\(row.tags.map { badge($0) })</span>", csv: row.tags.joined(separator: "; ")),
                ]
            },
            emptyText: model.query.isEmpty ? "No customers yet" : "No customer matches this search"
        )
    }

    static func churnCell(_ level: ChurnLevel?) -> DataTable.Cell {
        guard let level else { return DataTable.Cell(AdminFormat.missing) }
        let tone = [ChurnLevel.low: "good", .medium: "warn", .high: "bad"][level] ?? ""
        return .rich(badge(level.rawValue, tone: tone), csv: level.rawValue)
    }
}
