import Foundation

extension FakeShopify {
    /// Routes under `/admin/api/{version}/`.
    func rest(_ request: RecordedRequest, route: [String]) async -> FakeResponse {
        switch (request.method, route.count) {
        case ("POST", 1) where route[0] == "price_rules.json":
            return await createPriceRule(request)
        case ("GET", 2) where route[0] == "price_rules":
            guard let id = Self.id(route[1]), let rule = await state.priceRules[id] else { return .json(404, ["errors": "Not Found"]) }
            return .json(200, ["price_rule": rule])
        case ("DELETE", 2) where route[0] == "price_rules":
            guard let id = Self.id(route[1]), await state.deletePriceRule(id) else { return .json(404, ["errors": "Not Found"]) }
            return .empty(204)
        case ("POST", 3) where route[0] == "price_rules" && route[2] == "discount_codes.json":
            return await createDiscountCode(request, priceRule: Int64(route[1]))
        case ("GET", 4) where route[0] == "price_rules" && route[2] == "discount_codes":
            guard let ruleID = Int64(route[1]), let codeID = Self.id(route[3]), let code = await state.discountCodes[codeID],
                code.priceRuleID == ruleID
            else { return .json(404, ["errors": "Not Found"]) }
            return .json(200, ["discount_code": code.json])
        case ("GET", 2) where route[0] == "discount_codes" && route[1] == "lookup.json":
            // "Retrieves the location of a discount code": 303 See Other to the code's own URL.
            guard let text = request.query["code"], let code = await state.code(named: text) else { return .json(404, ["errors": "Not Found"]) }
            let location = "\(await state.baseURL)/admin/api/\(apiVersion)/price_rules/\(code.priceRuleID)/discount_codes/\(code.id).json"
            return .text(303, "<html><body>You are being <a href=\"\(location)\">redirected</a>.</body></html>", headers: [("Location", location)])
        default:
            return .json(404, ["errors": "Not Found"])
        }
    }

    /// `123.json` → 123.
    static func id(_ component: String) -> Int64? {
        guard component.hasSuffix(".json") else { return nil }
        return Int64(component.dropLast(5))
    }

    func createPriceRule(_ request: RecordedRequest) async -> FakeResponse {
        guard let rule = request.json?["price_rule"], rule.object != nil else {
            return .json(400, ["errors": ["price_rule": "Required parameter missing or invalid"]])
        }
        let errors = Self.validate(priceRule: rule)
        guard errors.isEmpty else { return .json(422, ["errors": .object(errors)]) }
        return .json(201, ["price_rule": await state.storePriceRule(rule)])
    }

    /// The rules the PriceRule reference states for the fields Rebound sends.
    static func validate(priceRule rule: FakeJSON) -> [String: FakeJSON] {
        var errors: [String: FakeJSON] = [:]
        func fail(_ field: String, _ message: String) { errors[field] = .array((errors[field]?.array ?? []) + [.string(message)]) }
        if (rule["title"]?.string ?? "").isEmpty { fail("title", "can't be blank") }
        let valueType = rule["value_type"]?.string
        if !["percentage", "fixed_amount"].contains(valueType ?? "") { fail("value_type", "is not included in the list") }
        let value = rule["value"]?.string.flatMap(Double.init) ?? rule["value"]?.double
        if let value {
            if value >= 0 { fail("value", "must be less than 0") }
            if valueType == "percentage" && value < -100 { fail("value", "must be greater than or equal to -100") }
        } else {
            fail("value", "is not a number")
        }
        let targetType = rule["target_type"]?.string
        if !["line_item", "shipping_line"].contains(targetType ?? "") { fail("target_type", "is not included in the list") }
        if !["all", "entitled"].contains(rule["target_selection"]?.string ?? "") { fail("target_selection", "is not included in the list") }
        let allocation = rule["allocation_method"]?.string
        if !["each", "across"].contains(allocation ?? "") { fail("allocation_method", "is not included in the list") }
        if !["all", "prerequisite"].contains(rule["customer_selection"]?.string ?? "") { fail("customer_selection", "is not included in the list") }
        if targetType == "shipping_line" {
            if valueType != "percentage" { fail("value_type", "must be percentage when target_type is shipping_line") }
            if value != -100 { fail("value", "must be -100 when target_type is shipping_line") }
            if allocation != "each" { fail("allocation_method", "must be each when target_type is shipping_line") }
        }
        let startsAt = rule["starts_at"]?.string.flatMap(Self.date)
        if startsAt == nil { fail("starts_at", "can't be blank") }
        if let endsText = rule["ends_at"]?.string {
            guard let ends = Self.date(endsText) else {
                fail("ends_at", "is invalid")
                return errors
            }
            if let startsAt, ends <= startsAt { fail("ends_at", "must be after starts_at") }
        }
        if let range = rule["prerequisite_subtotal_range"], !range.isNull {
            if range["greater_than_or_equal_to"]?.string.flatMap(Double.init) == nil {
                fail("prerequisite_subtotal_range", "greater_than_or_equal_to must be a number")
            }
        }
        if let limit = rule["usage_limit"], !limit.isNull, (limit.int ?? 0) < 1 { fail("usage_limit", "must be greater than 0") }
        return errors
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }

    func createDiscountCode(_ request: RecordedRequest, priceRule: Int64?) async -> FakeResponse {
        guard let priceRule else { return .json(404, ["errors": "Not Found"]) }
        guard let text = request.json?["discount_code"]?["code"]?.string, !text.isEmpty else {
            return .json(422, ["errors": ["code": ["can't be blank"]]])
        }
        switch await state.storeCode(text, priceRuleID: priceRule) {
        case .created(let code): return .json(201, ["discount_code": code.json])
        case .duplicate: return .json(422, ["errors": ["code": ["must be unique. Please try a different code."]]])
        case .noRule: return .json(404, ["errors": "Not Found"])
        }
    }
}
