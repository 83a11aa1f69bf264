extension AdminPages {
    /// Whether a rising figure is good news (recovered carts) or bad news (abandoned carts); decides the delta colour.
    enum Direction {
        case higherIsBetter, lowerIsBetter
    }

    static func kpiSection(_ model: DashboardViewModel) -> HTML {
        let k = model.kpis, format = model.context.format
        let currency = format.currency
        func money(_ minor: Int64) -> String { format.money(AdminMoney(minorUnits: minor, currency: currency)) }
        let tiles: [HTML] = [
            tile(
                label: "Abandoned carts",
                value: format.number(k.abandonedCarts.current),
                delta: relativeDelta(Double(k.abandonedCarts.current), k.abandonedCarts.previous.map(Double.init), .lowerIsBetter, format),
                spark: Sparkline(values: k.abandonedCarts.daily.map(Double.init), label: "Abandoned carts per day", style: .count),
                format: format
            ),
            tile(
                label: "Abandonment rate",
                value: format.percent(k.abandonmentRate.current.value),
                sub: "\(format.number(k.abandonmentRate.current.part)) of \(format.number(k.abandonmentRate.current.whole)) carts",
                delta: pointDelta(k.abandonmentRate.current.value, k.abandonmentRate.previous?.value, .lowerIsBetter, format),
                spark: Sparkline(values: k.abandonmentRate.daily.compactMap(\.value), label: "Abandonment rate per day", style: .percent),
                format: format
            ),
            tile(
                label: "Recovered carts",
                value: format.number(k.recoveredCarts.current),
                delta: relativeDelta(Double(k.recoveredCarts.current), k.recoveredCarts.previous.map(Double.init), .higherIsBetter, format),
                spark: Sparkline(values: k.recoveredCarts.daily.map(Double.init), label: "Recovered carts per day", style: .count),
                format: format
            ),
            tile(
                label: "Recovery rate",
                value: format.percent(k.recoveryRate.current.value),
                sub: "\(format.number(k.recoveryRate.current.part)) of \(format.number(k.recoveryRate.current.whole)) abandoned",
                delta: pointDelta(k.recoveryRate.current.value, k.recoveryRate.previous?.value, .higherIsBetter, format),
                gauge: RateGauge(id: "recovery-rate", title: "Recovery rate", value: k.recoveryRate.current.value, reference: k.recoveryReference),
                format: format
            ),
            tile(
                label: "Recovered revenue",
                value: money(k.recoveredRevenue.current),
                delta: relativeDelta(Double(k.recoveredRevenue.current), k.recoveredRevenue.previous.map(Double.init), .higherIsBetter, format),
                spark: Sparkline(
                    values: k.recoveredRevenue.daily.map { AdminMoney(minorUnits: $0, currency: currency).majorUnits },
                    label: "Recovered revenue per day",
                    style: .money(currency: currency)
                ),
                format: format
            ),
            tile(
                label: "Revenue per recipient",
                value: money(k.revenuePerRecipient.current),
                delta: relativeDelta(Double(k.revenuePerRecipient.current), k.revenuePerRecipient.previous.map(Double.init), .higherIsBetter, format),
                spark: Sparkline(
                    values: k.revenuePerRecipient.daily.map { AdminMoney(minorUnits: $0, currency: currency).majorUnits },
                    label: "Revenue per recipient per day",
                    style: .money(currency: currency)
                ),
                format: format
            ),
        ]
        return section(
            id: "kpis",
            title: "Cart recovery at a glance",
            source: k.source,
            content:
                "<div class=\"kpis\">\(tiles)</div><p class=\"table-foot\"><a class=\"csv\" href=\"\(url: k.source.csvLink(table: "kpis"))\">CSV</a></p>"
        )
    }

    static func tile(
        label: String,
        value: String,
        sub: String? = nil,
        delta: HTML,
        spark: Sparkline? = nil,
        gauge: RateGauge? = nil,
        format: AdminFormat
    ) -> HTML {
        """
        <div class="kpi"><div class="label">\(label)</div><div class="value">\(value)</div>\
        \(sub.map { "<div class=\"sub muted\">\($0)</div>" as HTML })\
        <div class="foot">\(delta)\(spark.map { $0.html(format) })</div>\(gauge.map { $0.html(format) })</div>
        """
    }

    /// The change of a count or amount in percent of the previous value.
    static func relativeDelta(_ current: Double, _ previous: Double?, _ direction: Direction, _ format: AdminFormat) -> HTML {
        guard let previous else { return "<span class=\"delta\">no comparison</span>" }
        guard previous != 0 else { return "<span class=\"delta\">new <small>vs 0</small></span>" }
        let change = (current - previous) / abs(previous)
        return deltaBadge(text: format.signedPercent(change), change: change, direction)
    }

    /// The change of a rate in percentage points (a rate going from 10 % to 12 % is +2 pp, not +20 %).
    static func pointDelta(_ current: Double?, _ previous: Double?, _ direction: Direction, _ format: AdminFormat) -> HTML {
        guard let current, let previous else { return "<span class=\"delta\">no comparison</span>" }
        return deltaBadge(text: format.percentagePoints(current - previous), change: current - previous, direction)
    }

    static func deltaBadge(text: String, change: Double, _ direction: Direction) -> HTML {
        let better = direction == .higherIsBetter ? change > 0 : change < 0
        let tone = abs(change) < 1e-9 ? "" : better ? "good" : "bad"
        return "<span class=\"delta \(tone)\" title=\"Change against the previous period\">\(text) <small>vs prev.</small></span>"
    }

    /// The tiles as a table (CSV).
    static func kpiTable(_ model: DashboardViewModel) -> DataTable {
        let k = model.kpis, format = model.context.format, currency = format.currency
        func money(_ minor: Int64?) -> DataTable.Cell {
            minor.map { .money(AdminMoney(minorUnits: $0, currency: currency), format) } ?? DataTable.Cell("")
        }
        func count(_ value: Int?) -> DataTable.Cell { value.map { .count($0, format) } ?? DataTable.Cell("") }
        func rate(_ value: Proportion?) -> DataTable.Cell { .percent(value?.value, format) }
        return DataTable(
            id: "kpis",
            caption: "Headline figures",
            columns: [
                DataTable.Column("Figure"), DataTable.Column("This period", numeric: true), DataTable.Column("Previous period", numeric: true),
            ],
            rows: [
                [DataTable.Cell("Abandoned carts"), count(k.abandonedCarts.current), count(k.abandonedCarts.previous)],
                [DataTable.Cell("Abandonment rate"), rate(k.abandonmentRate.current), rate(k.abandonmentRate.previous)],
                [DataTable.Cell("Recovered carts"), count(k.recoveredCarts.current), count(k.recoveredCarts.previous)],
                [DataTable.Cell("Recovery rate"), rate(k.recoveryRate.current), rate(k.recoveryRate.previous)],
                [DataTable.Cell("Recovered revenue"), money(k.recoveredRevenue.current), money(k.recoveredRevenue.previous)],
                [DataTable.Cell("Revenue per recipient"), money(k.revenuePerRecipient.current), money(k.revenuePerRecipient.previous)],
            ]
        )
    }
}
