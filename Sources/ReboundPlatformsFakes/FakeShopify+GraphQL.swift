extension FakeShopify {
    /// `POST /admin/api/{version}/graphql.json`. The fake does not run GraphQL: it recognizes the four order editing
    /// mutations by name, reads their `variables`, and answers in the shape of their payloads.
    func graphQL(_ request: RecordedRequest) async -> FakeResponse {
        if await state.takeThrottle() {
            return .json(
                200,
                [
                    "errors": [
                        ["message": "Throttled", "extensions": ["code": "THROTTLED", "documentation": "https://shopify.dev/api/usage/rate-limits"]]
                    ]
                ]
            )
        }
        guard let body = request.json, let query = body["query"]?.string else {
            return .json(400, ["errors": [["message": "Missing query"]]])
        }
        let variables = body["variables"] ?? [:]
        if query.contains("orderEditBegin(") { return await begin(variables) }
        if query.contains("orderEditAddVariant(") { return await addVariant(variables) }
        if query.contains("orderEditAddLineItemDiscount(") { return await addDiscount(variables) }
        if query.contains("orderEditCommit(") { return await commit(variables) }
        return .json(200, ["errors": [["message": "Field is not supported by FakeShopify", "extensions": ["code": "undefinedField"]]]])
    }

    static func userError(_ field: String, _ message: String) -> FakeJSON {
        ["field": [.string(field)], "message": .string(message)]
    }

    static func numericID(_ gid: FakeJSON?, type: String) -> Int64? {
        guard let text = gid?.string, text.hasPrefix("gid://shopify/\(type)/") else { return nil }
        return Int64(text.dropFirst("gid://shopify/\(type)/".count))
    }

    func begin(_ variables: FakeJSON) async -> FakeResponse {
        guard let orderID = Self.numericID(variables["id"], type: "Order"), let calculated = await state.begin(orderID: orderID) else {
            return .json(
                200,
                ["data": ["orderEditBegin": ["calculatedOrder": .null, "userErrors": [Self.userError("id", "The order does not exist.")]]]]
            )
        }
        return .json(200, ["data": ["orderEditBegin": ["calculatedOrder": ["id": .string(calculated)], "userErrors": []]]])
    }

    func addVariant(_ variables: FakeJSON) async -> FakeResponse {
        func refuse(_ field: String, _ message: String) -> FakeResponse {
            .json(
                200,
                [
                    "data": [
                        "orderEditAddVariant": [
                            "calculatedLineItem": .null, "calculatedOrder": .null, "userErrors": [Self.userError(field, message)],
                        ]
                    ]
                ]
            )
        }
        guard let session = variables["id"]?.string, await state.session(session) != nil else {
            return refuse("id", "The calculated order does not exist.")
        }
        guard let variant = Self.numericID(variables["variantId"], type: "ProductVariant") else { return refuse("variantId", "Invalid id") }
        guard await state.hasVariant(variant) else { return refuse("variantId", "Variant does not exist") }
        guard let quantity = variables["quantity"]?.int, quantity > 0 else { return refuse("quantity", "Quantity must be greater than 0") }
        let line = await state.stage(session: session, variantID: variant, quantity: Int(quantity))
        return .json(
            200,
            [
                "data": [
                    "orderEditAddVariant": [
                        "calculatedLineItem": ["id": .string("gid://shopify/CalculatedLineItem/\(line)")],
                        "calculatedOrder": ["id": .string(session)],
                        "userErrors": [],
                    ]
                ]
            ]
        )
    }

    func addDiscount(_ variables: FakeJSON) async -> FakeResponse {
        func refuse(_ field: String, _ message: String) -> FakeResponse {
            .json(
                200,
                [
                    "data": [
                        "orderEditAddLineItemDiscount": [
                            "addedDiscountStagedChange": .null, "calculatedOrder": .null, "userErrors": [Self.userError(field, message)],
                        ]
                    ]
                ]
            )
        }
        guard let session = variables["id"]?.string, await state.session(session) != nil else {
            return refuse("id", "The calculated order does not exist.")
        }
        guard let line = Self.numericID(variables["lineItemId"], type: "CalculatedLineItem") else {
            return refuse("lineItemId", "Only items added during the current edit may be discounted.")
        }
        let discount = variables["discount"]
        let percent = discount?["percentValue"]?.double
        let fixed = FakeMoney.cents(discount?["fixedValue"]?["amount"]?.string)
        guard (percent == nil) != (fixed == nil) else { return refuse("discount", "Exactly one of percentValue or fixedValue is required.") }
        if let percent, !(0...100).contains(percent) { return refuse("discount.percentValue", "Percent value must be between 0 and 100.") }
        guard await state.discount(session: session, lineID: line, percent: percent, fixed: fixed, description: discount?["description"]?.string)
        else {
            return refuse("lineItemId", "Only items added during the current edit may be discounted.")
        }
        return .json(
            200,
            [
                "data": [
                    "orderEditAddLineItemDiscount": [
                        "addedDiscountStagedChange": ["id": .string("gid://shopify/OrderStagedChangeAddLineItemDiscount/\(line)")],
                        "calculatedOrder": ["id": .string(session)],
                        "userErrors": [],
                    ]
                ]
            ]
        )
    }

    func commit(_ variables: FakeJSON) async -> FakeResponse {
        guard let session = variables["id"]?.string,
            let (order, outstanding) = await state.commit(
                session: session,
                notifyCustomer: variables["notifyCustomer"]?.bool ?? false,
                staffNote: variables["staffNote"]?.string
            )
        else {
            return .json(
                200,
                ["data": ["orderEditCommit": ["order": .null, "userErrors": [Self.userError("id", "The calculated order does not exist.")]]]]
            )
        }
        return .json(
            200,
            [
                "data": [
                    "orderEditCommit": [
                        "order": [
                            "id": .string("gid://shopify/Order/\(order.id)"),
                            "totalOutstandingSet": [
                                "shopMoney": ["amount": .string(FakeMoney.string(outstanding)), "currencyCode": .string(order.currency)]
                            ],
                        ],
                        "userErrors": [],
                    ]
                ]
            ]
        )
    }
}
