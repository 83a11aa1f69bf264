import Foundation
import Hummingbird
import NIOCore
import ReboundAdmin
import ReboundAnalytics
import ReboundCore
import ReboundStore

extension AdminRoutes {
    static func path(_ id: String) -> String { "/admin/segments/" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? id) }

    /// Saved segments and the built-in VIP tiers with live counts.
    func segments(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let now = environment.clock.now()
        let snapshot = try await CustomerValues.snapshot(store: store, shop: shop, cache: environment.customerValues, now: now)
        var page = try AdminHTML.context(context, section: .segments, now: now)
        let query = Query(request)
        if query.string("saved") != nil { page.notice = .init("Segment saved", tone: .success) }
        if query.string("deleted") != nil { page.notice = .init("Segment deleted", tone: .success) }
        var counts: [String: Int] = [:]
        let segments = try await SegmentCatalog.all(store: store, shopID: shop.id)
        for segment in segments {
            counts[segment.id] = try await SegmentCatalog.liveCount(store: store, shopID: shop.id, segment: segment, now: now)
        }
        // The change is against the first count recorded in the last 30 days, the trend one point per recorded day.
        let today = SegmentCatalog.dayIndex(now)
        let history = try await store.segmentCounts(shopID: shop.id, sinceDay: today - 29)
        var rows: [SegmentRow] = []
        for segment in segments {
            let count = counts[segment.id] ?? 0
            let recorded = history[segment.id] ?? []
            rows.append(
                SegmentRow(
                    id: segment.id,
                    name: segment.name,
                    summary: (segment.builtIn ? "built-in · " : "") + SegmentCatalog.summary(segment.rule, currency: shop.currency.rawValue),
                    count: count,
                    previousCount: recorded.first.flatMap { $0.day < today ? $0.count : nil },
                    dailyCounts: recorded.map(\.count),
                    countedAt: snapshot.computedAt,
                    editURL: Self.path(segment.id),
                    customersURL: Self.path(segment.id) + "/customers?format=csv"
                )
            )
        }
        let model = SegmentsViewModel(context: page, segments: rows, source: DataSource(apiPath: "/v1/segments", csvURL: "/admin/segments"))
        if query.string("format") == "csv" { return AdminHTML.csv(AdminPages.segmentsTable(model)) }
        return AdminHTML.response(AdminPages.segments(model), nonce: page.cspNonce ?? "")
    }

    static var fieldOptions: [SegmentFieldOption] {
        SegmentField.allCases.map { field in
            SegmentFieldOption(
                value: field.rawValue,
                label: SegmentFields.label(field),
                operators: field.operators.map { SegmentOperatorOption(value: $0.rawValue, label: SegmentFields.operatorLabel($0)) },
                hint: SegmentFields.hint(field)
            )
        }
    }

    /// The rows of a rule the form can show: the conditions of its top-level group.
    static func rows(_ rule: SegmentRule) -> (match: SegmentEditorViewModel.Match, rows: [SegmentRuleRow], nested: Bool) {
        func row(_ c: SegmentCondition) -> SegmentRuleRow {
            let value: String
            switch c.value {
            case .integer(let n): value = String(n)
            case .days(let d): value = d == d.rounded() ? String(Int(d)) : String(d)
            case .string(let s): value = s
            case .strings(let list): value = list.joined(separator: ", ")
            case .bool(let b): value = b ? "yes" : "no"
            }
            return SegmentRuleRow(field: c.field.rawValue, op: c.op.rawValue, value: value)
        }
        switch rule {
        case .condition(let c): return (.all, [row(c)], false)
        case .all(let list), .any(let list):
            let conditions = list.compactMap { if case .condition(let c) = $0 { c } else { nil } }
            if case .any = rule { return (.any, conditions.map(row), conditions.count != list.count) }
            return (.all, conditions.map(row), conditions.count != list.count)
        case .not: return (.all, [], true)
        }
    }

    func editSegment(_ request: Request, context: ReboundRequestContext, id: String?) async throws -> Response {
        let shop = try context.requireShop()
        let page = try AdminHTML.context(context, section: .segments, now: environment.clock.now())
        var model = SegmentEditorViewModel(context: page, fields: Self.fieldOptions, action: "/admin/segments/new")
        if let id {
            guard let segment = try await SegmentCatalog.find(store: store, shopID: shop.id, id: id) else {
                throw ProblemDetails(.notFound, type: "not-found", title: "Segment not found", detail: "This shop has no segment \(id).")
            }
            let shown = Self.rows(segment.rule)
            model.segmentID = segment.id
            model.name = segment.name
            model.description = segment.description
            model.match = shown.match
            model.rules = shown.rows
            model.action = Self.path(segment.id)
            model.deleteURL = segment.builtIn ? nil : Self.path(segment.id) + "/delete"
            if segment.builtIn { model.errors.append("Built-in VIP tiers follow the spend thresholds and cannot be changed.") }
            if shown.nested { model.errors.append("This segment has nested rules; the form shows the top level only. Edit it through the API.") }
        }
        return AdminHTML.response(AdminPages.segmentEditor(model), nonce: page.cspNonce ?? "")
    }

    /// The rule rows as posted: `rules[i][field]`, `rules[i][op]`, `rules[i][value]`, in index order.
    static func postedRows(_ form: FormBody) -> [SegmentRuleRow] {
        var rows: [Int: SegmentRuleRow] = [:]
        for (name, value) in form.fields where name.hasPrefix("rules[") {
            let parts = name.dropFirst("rules[".count).split(separator: "]").map { $0.replacingOccurrences(of: "[", with: "") }
            guard parts.count == 2, let index = Int(parts[0]), index >= 0, index < 200 else { continue }
            var row = rows[index] ?? SegmentRuleRow(field: "", op: "", value: "")
            switch parts[1] {
            case "field": row.field = value
            case "op": row.op = value
            case "value": row.value = value.trimmingCharacters(in: .whitespaces)
            default: break
            }
            rows[index] = row
        }
        return rows.keys.sorted().compactMap { rows[$0] }
    }

    /// Turns the rows into a rule; each row that cannot be read gets its error.
    static func compile(_ rows: inout [SegmentRuleRow], match: SegmentEditorViewModel.Match) -> SegmentRule? {
        var conditions: [JSONValue] = []
        for index in rows.indices {
            let row = rows[index]
            guard let field = SegmentField(rawValue: row.field) else {
                rows[index].error = "Choose a field"
                continue
            }
            let op = SegmentOperator(rawValue: row.op) ?? field.operators[0]
            rows[index].op = op.rawValue
            var value: JSONValue?
            switch field.kind {
            case .integer:
                if let n = Int64(row.value) { value = .int(n) } else { rows[index].error = "Enter a whole number" }
            case .days:
                if let d = Double(row.value), d >= 0 { value = .double(d) } else { rows[index].error = "Enter a number of days" }
            case .text:
                let items = row.value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                    .map { field == .country ? $0.uppercased() : $0 }
                if items.isEmpty {
                    rows[index].error = "Enter a value"
                } else {
                    value = op == .in || op == .notIn ? .array(items.map(JSONValue.string)) : .string(items.joined(separator: ","))
                }
            case .set:
                if row.value.isEmpty { rows[index].error = "Enter a value" } else { value = .string(row.value) }
            case .flag:
                switch row.value.lowercased() {
                case "yes", "true", "1": value = .bool(true)
                case "no", "false", "0": value = .bool(false)
                default: rows[index].error = "Enter yes or no"
                }
            }
            if let value { conditions.append(.object(["field": .string(field.rawValue), "op": .string(op.rawValue), "value": value])) }
        }
        guard rows.allSatisfy({ $0.error == nil }) else { return nil }
        var bytes: [UInt8] = []
        JSONValue.object(["match": .string(match.rawValue), "rules": .array(conditions)]).write(into: &bytes)
        do {
            return try SegmentRule.parse(jsonData: Data(bytes))
        } catch let error as AnalyticsError {
            for issue in error.issues {
                // "rules[2].op" names the row.
                let digits = issue.path.drop { $0 != "[" }.dropFirst().prefix { $0.isNumber }
                if let index = Int(digits), rows.indices.contains(index) { rows[index].error = issue.message } else { rows[0].error = issue.message }
            }
            return nil
        } catch {
            return nil
        }
    }

    func submitSegment(_ request: Request, context: ReboundRequestContext, id: String?) async throws -> Response {
        let shop = try context.requireShop()
        let now = environment.clock.now()
        if let id, SegmentCatalog.builtIns.contains(where: { $0.id == id }) { throw SegmentRoutes.builtInProblem }
        var existing: StoredSegment?
        if let id {
            existing = try await store.segment(shopID: shop.id, id: id)
            guard existing != nil else {
                throw ProblemDetails(.notFound, type: "not-found", title: "Segment not found", detail: "This shop has no segment \(id).")
            }
        }
        let form = FormBody(try await RequestBody.bytes(request, limit: 256 * 1024))
        let page = try AdminHTML.context(context, section: .segments, now: now)
        var model = SegmentEditorViewModel(
            context: page,
            segmentID: id,
            name: (form["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
            description: form["description"] ?? "",
            match: SegmentEditorViewModel.Match(rawValue: form["match"] ?? "all") ?? .all,
            rules: Self.postedRows(form),
            fields: Self.fieldOptions,
            action: id.map(Self.path) ?? "/admin/segments/new",
            deleteURL: id.map { Self.path($0) + "/delete" }
        )
        let intent = form["intent"] ?? "save"
        var status = HTTPResponse.Status.ok
        if intent == "add" {
            model.rules.append(SegmentRuleRow(field: SegmentField.spend.rawValue, op: "", value: ""))
        } else if intent.hasPrefix("remove-"), let index = Int(intent.dropFirst("remove-".count)), model.rules.indices.contains(index) {
            model.rules.remove(at: index)
        } else if let rule = Self.compile(&model.rules, match: model.match) {
            if intent == "preview" {
                _ = try await CustomerValues.snapshot(store: store, shop: shop, cache: environment.customerValues, now: now)
                model.previewCount = try await store.countCustomers(shopID: shop.id, matching: SegmentCatalog.filter(rule, now: now))
            } else if model.name.isEmpty || model.name.count > 120 || model.description.count > 500 {
                model.errors.append(model.name.isEmpty ? "Give the segment a name." : "The name or description is too long.")
                status = .unprocessableContent
            } else {
                try await store.saveSegment(
                    StoredSegment(
                        id: id ?? "seg_" + RandomToken.make(byteCount: 12),
                        name: model.name,
                        description: model.description,
                        rule: SegmentCatalog.json(rule).jsonText,
                        createdAt: existing?.createdAt ?? now,
                        updatedAt: now
                    ),
                    shopID: shop.id
                )
                return AdminHTML.redirect("/admin/segments?saved=1")
            }
        } else {
            model.errors.append("Some rules need fixing.")
            status = .unprocessableContent
        }
        return AdminHTML.response(AdminPages.segmentEditor(model), nonce: page.cspNonce ?? "", status: status)
    }

    func deleteSegment(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        let shop = try context.requireShop()
        let id = try context.parameters.require("id")
        if SegmentCatalog.builtIns.contains(where: { $0.id == id }) { throw SegmentRoutes.builtInProblem }
        guard try await store.deleteSegment(shopID: shop.id, id: id) else {
            throw ProblemDetails(.notFound, type: "not-found", title: "Segment not found", detail: "This shop has no segment \(id).")
        }
        return AdminHTML.redirect("/admin/segments?deleted=1")
    }

    /// A segment's customers as CSV, streamed (the admin's own link: the API route needs an API key).
    func segmentCustomers(_ request: Request, context: ReboundRequestContext) async throws -> Response {
        try await SegmentRoutes(environment: environment).customers(request, context: context)
    }
}
