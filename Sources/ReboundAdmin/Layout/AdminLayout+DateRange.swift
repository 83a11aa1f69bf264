extension AdminLayout {
    /// The period form: a GET form, so the chosen range is in the URL and can be bookmarked or shared.
    static func dateRangeForm(_ range: DateRangeSelection, format: AdminFormat) -> HTML {
        let presets: [HTML] = range.presets.map { days in
            let active = range.presetDays == days
            return
                "<button type=\"submit\" name=\"days\" value=\"\(days)\" class=\"pill\" aria-pressed=\"\(active ? "true" : "false")\">\(days) days</button>"
        }
        let hidden: [HTML] = range.preserved.map { "<input type=\"hidden\" name=\"\($0.name)\" value=\"\($0.value)\">" }
        return """
            <form class="period" method="get" action="\(url: range.action)" aria-label="Reporting period">\(hidden)\
            <div class="presets" role="group" aria-label="Presets">\(presets)</div>\
            <label>From <input type="date" name="from" value="\(format.isoDay(range.from))"></label>\
            <label>To <input type="date" name="to" value="\(format.isoDay(range.to))"></label>\
            <label class="check"><input type="checkbox" name="compare" value="1"\(attribute: "checked", if: range.compare)> Compare with previous period</label>\
            <button type="submit" class="secondary">Apply</button></form>
            """
    }
}
