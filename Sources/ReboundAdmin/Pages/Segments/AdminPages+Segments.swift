import Foundation

extension AdminPages {
    /// The segment list with live counts.
    public static func segments(_ model: SegmentsViewModel) -> HTML {
        let table = segmentsTable(model)
        let content = section(
            id: "segments",
            title: "Segments",
            source: model.source,
            content: card(table.html(csvURL: model.source.csvLink(), showsCaption: false))
        )
        let actions: HTML = "<a class=\"button primary\" href=\"\(url: model.newSegmentURL)\">New segment</a>"
        return AdminLayout.page(model.context, title: "Segments", actions: actions, content: content)
    }

    /// The segment list as a table (also its CSV).
    public static func segmentsTable(_ model: SegmentsViewModel) -> DataTable {
        let context = model.context, format = context.format
        return DataTable(
            id: "segments",
            caption: "Segments",
            columns: [
                DataTable.Column("Segment"), DataTable.Column("Customers", numeric: true), DataTable.Column("Change", numeric: true),
                DataTable.Column("Trend"), DataTable.Column("Used by"), DataTable.Column("Counted", csvTitle: "counted_at"), DataTable.Column(""),
            ],
            rows: model.segments.map { row in
                let change: DataTable.Cell =
                    row.previousCount.map { previous in
                        let delta = row.count - previous
                        return .rich(
                            "<span class=\"delta\">\(delta > 0 ? "+" : delta < 0 ? "−" : "±")\(format.number(abs(delta)))</span>",
                            csv: String(delta)
                        )
                    } ?? DataTable.Cell("")
                let spark = Sparkline(values: row.dailyCounts.map(Double.init), label: "\(row.name) members per day", style: .count)
                let view: HTML = row.customersURL.map { "<a class=\"button small\" href=\"\(url: $0)\">Customers</a>" } ?? .empty
                return [
                    .rich(
                        "<a href=\"\(url: row.editURL)\"><strong>\(row.name)</strong></a><br><small class=\"muted\">\(row.summary)</small>",
                        csv: row.name
                    ),
                    .count(row.count, format), change,
                    .rich(row.dailyCounts.count >= 2 ? spark.html(format) : .empty, csv: row.dailyCounts.map(String.init).joined(separator: " ")),
                    DataTable.Cell(row.usedBy.isEmpty ? "–" : row.usedBy.joined(separator: ", ")),
                    row.countedAt.map { .rich(time($0, context), csv: format.machineTimestamp($0)) } ?? DataTable.Cell("–"),
                    .rich("<span class=\"row-actions\">\(view)<a class=\"button small\" href=\"\(url: row.editURL)\">Edit</a></span>", csv: ""),
                ]
            },
            emptyText: "No segments yet"
        )
    }

    /// The segment editor form.
    public static func segmentEditor(_ model: SegmentEditorViewModel) -> HTML {
        let context = model.context, format = context.format
        let errors: HTML =
            model.errors.isEmpty ? .empty : "<div class=\"notice error\" role=\"alert\">\(model.errors.map { "<div>\($0)</div>" as HTML })</div>"
        let preview: HTML =
            model.previewCount.map {
                "<div class=\"notice info\" role=\"status\"><strong>\(format.number($0))</strong> customers match these rules right now.</div>"
            } ?? .empty
        // Show at least one row, so a new segment starts with something to fill in.
        let rows = model.rules.isEmpty ? [SegmentRuleRow(field: model.fields.first?.value ?? "", op: "", value: "")] : model.rules
        let ruleRows: [HTML] = rows.enumerated().map { index, rule in segmentRuleRow(index, rule, model.fields, removable: rows.count > 1) }
        let hints: [HTML] = model.fields.compactMap { field in field.hint.map { "<li><strong>\(field.label)</strong>: \($0)</li>" } }
        let deleteForm: HTML =
            model.deleteURL.map {
                "<form method=\"post\" action=\"\(url: $0)\" class=\"inline\">\(context.csrfField)<button type=\"submit\" class=\"danger\">Delete segment</button></form>"
            } ?? .empty
        let content: HTML = """
            \(errors)\(preview)\
            <form method="post" action="\(url: model.action)" class="card segment-editor">\(context.csrfField)\
            <div class="field"><label for="segment-name">Name</label>\
            <input type="text" id="segment-name" name="name" value="\(model.name)" required maxlength="120"></div>\
            <div class="field"><label for="segment-description">Description</label>\
            <input type="text" id="segment-description" name="description" value="\(model.description)" maxlength="500"></div>\
            <fieldset class="field rules"><legend class="label">Customers who match \
            <select name="match" aria-label="Match"><option value="all"\(attribute: "selected", if: model.match == .all)>all</option>\
            <option value="any"\(attribute: "selected", if: model.match == .any)>any</option></select> of these rules</legend>\
            \(ruleRows)\
            <div><button type="submit" name="intent" value="add" class="small">+ Add rule</button></div></fieldset>\
            \(hints.isEmpty ? HTML.empty : "<details class=\"hints\"><summary>What to type</summary><ul>\(hints)</ul></details>")\
            <div class="row form-actions"><button type="submit" name="intent" value="save" class="primary">Save segment</button>\
            <button type="submit" name="intent" value="preview">Preview count</button>\
            <a class="button ghost" href="\(url: model.cancelURL)">Cancel</a></div></form>\(deleteForm)
            """
        return AdminLayout.page(context, title: model.segmentID == nil ? "New segment" : "Edit segment", content: content)
    }

    static func segmentRuleRow(_ index: Int, _ rule: SegmentRuleRow, _ fields: [SegmentFieldOption], removable: Bool) -> HTML {
        let fieldOptions: [HTML] = fields.map {
            "<option value=\"\($0.value)\"\(attribute: "selected", if: $0.value == rule.field)>\($0.label)</option>"
        }
        // Offer the operators of the chosen field; the union when the field is unknown (the server validates the pair anyway).
        let chosen = fields.first { $0.value == rule.field }
        var operators = chosen?.operators ?? []
        if chosen == nil {
            for field in fields { for op in field.operators where !operators.contains(op) { operators.append(op) } }
        }
        let operatorOptions: [HTML] = operators.map {
            "<option value=\"\($0.value)\"\(attribute: "selected", if: $0.value == rule.op)>\($0.label)</option>"
        }
        let name = "rules[\(index)]"
        let remove: HTML =
            removable
            ? "<button type=\"submit\" name=\"intent\" value=\"remove-\(index)\" class=\"ghost\" aria-label=\"Remove rule \(index + 1)\">✕</button>"
            : "<span></span>"
        let error: HTML = rule.error.map { "<div class=\"error-text\" id=\"rule-\(index)-error\">\($0)</div>" } ?? .empty
        let described: HTML = rule.error == nil ? .empty : " aria-invalid=\"true\" aria-describedby=\"rule-\(index)-error\""
        return """
            <div class="rule"><select name="\(name)[field]" aria-label="Field of rule \(index + 1)">\(fieldOptions)</select>\
            <select name="\(name)[op]" aria-label="Operator of rule \(index + 1)">\(operatorOptions)</select>\
            <input type="text" name="\(name)[value]" value="\(rule.value)" aria-label="Value of rule \(index + 1)"\(described)>\(remove)\(error)</div>
            """
    }
}
