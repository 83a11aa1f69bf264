extension AdminPages {
    /// The dashboard: headline tiles, then prevent → recover → answer → grow, each section naming its API source.
    public static func dashboard(_ model: DashboardViewModel) -> HTML {
        let content: HTML = """
            \(kpiSection(model))\
            \(abandonmentSection(model))\
            \(funnelSection(model))\
            \(flowStepSection(model))\
            \(chatSection(model))\
            \(supportSection(model))\
            \(satisfactionSection(model))\
            \(ticketSection(model))\
            \(upsellSection(model))
            """
        return AdminLayout.page(model.context, title: "Dashboard", content: content)
    }

    /// Every table the dashboard shows, for answering `?format=csv&table=<id>` from the same model.
    ///
    /// ```swift
    /// if request.uri.queryParameters["format"] == "csv",
    ///    let table = AdminPages.dashboardTables(model).first(where: { $0.id == request.uri.queryParameters["table"] }) {
    ///     return csvResponse(table.csv, fileName: table.csvFileName)
    /// }
    /// ```
    public static func dashboardTables(_ model: DashboardViewModel) -> [DataTable] {
        let format = model.context.format
        return [
            kpiTable(model),
            abandonmentChart(model.abandonment.byDevice, id: "abandonment-device", title: "By device", model: model).table(format),
            abandonmentChart(model.abandonment.byCategory, id: "abandonment-category", title: "By category", model: model).table(format),
            funnelTable(model),
            flowStepTable(model),
            chatTable(model),
            supportTable(model),
            csatChart(model).table(format),
            npsChart(model).table(format),
            ticketChart(model).table(format),
            upsellTable(model),
        ]
    }

    /// The day labels of the period's x axis.
    static func dayLabels(_ model: DashboardViewModel) -> [String] {
        model.days.map(model.context.format.shortDate)
    }
}
