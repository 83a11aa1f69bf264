import Foundation
public import Logging

/// A stand-in for a WooCommerce store's REST API v3: coupons (create, get, list by `code`) and orders (get, update
/// with added `line_items`), behind HTTP basic auth with the consumer key and secret.
///
/// Like WooCommerce it lower-cases coupon codes, refuses a duplicate code with
/// `woocommerce_rest_coupon_code_already_exists`, answers errors as `{"code", "message", "data": {"status"}}`, adds
/// line items sent without an `id` and recalculates the order total.
public final class FakeWooCommerce: Sendable {
    public struct Order: Hashable, Sendable {
        public var id: Int64
        public var status: String
        public var currency: String
        public var lineItems: [LineItem]
        /// Grand total in cents.
        public var total: Int64
    }

    public struct LineItem: Hashable, Sendable {
        public var id: Int64
        public var productID: Int64
        public var variationID: Int64
        public var quantity: Int
        /// Cents before and after discounts.
        public var subtotal: Int64
        public var total: Int64
    }

    public let consumerKey: String
    public let consumerSecret: String
    let state = State()
    let logger: Logger?

    public init(consumerKey: String = "ck_fake", consumerSecret: String = "cs_fake", logger: Logger? = nil) {
        self.consumerKey = consumerKey
        self.consumerSecret = consumerSecret
        self.logger = logger
    }

    /// Serves until `body` returns; `body` gets the site URL, `http://127.0.0.1:{port}`.
    public func run<T>(_ body: (String) async throws -> T) async throws -> T {
        try await FakeServer.run(name: "FakeWooCommerce", logger: logger, handle: { [self] request in await self.handle(request) }) { port in
            try await body("http://127.0.0.1:\(port)")
        }
    }

    public var requests: [RecordedRequest] {
        get async { await state.requests }
    }

    /// Coupons as stored, in creation order.
    public func coupons() async -> [FakeJSON] { await state.couponList() }

    /// Pretends customers used a coupon.
    public func setUsageCount(couponID: Int64, to count: Int) async { await state.setUsage(couponID, count) }

    /// Makes a product (or one of its variations) known with its price; line items of unknown products are refused
    /// once any product is known.
    public func addProduct(id: Int64, variationID: Int64 = 0, price: String) async {
        await state.addProduct(id: id, variationID: variationID, price: FakeMoney.cents(price) ?? 0)
    }

    public func addOrder(id: Int64, status: String = "processing", currency: String = "USD") async {
        await state.addOrder(Order(id: id, status: status, currency: currency, lineItems: [], total: 0))
    }

    public func order(id: Int64) async -> Order? { await state.orders[id] }

    /// Answers the next `count` requests with `status` and a WooCommerce error body.
    public func failNextRequests(
        _ count: Int = 1,
        status: Int = 500,
        code: String = "internal_server_error",
        message: String = "Internal Server Error"
    ) async {
        await state.addFailure(FakeFailure(count: count, response: Self.error(status, code, message)))
    }

    static func error(_ status: Int, _ code: String, _ message: String) -> FakeResponse {
        .json(status, ["code": .string(code), "message": .string(message), "data": ["status": .int(Int64(status))]])
    }

    func handle(_ request: RecordedRequest) async -> FakeResponse {
        await state.record(request)
        if let failure = await state.takeFailure() { return failure }
        let components = request.pathComponents
        guard components.count >= 4, components[0] == "wp-json", components[1] == "wc", components[2] == "v3" else {
            return Self.error(404, "rest_no_route", "No route was found matching the URL and request method.")
        }
        let expected = "Basic " + Data("\(consumerKey):\(consumerSecret)".utf8).base64EncodedString()
        guard request.header("Authorization") == expected else {
            return Self.error(401, "woocommerce_rest_authentication_error", "Consumer key is invalid.")
        }
        let route = Array(components.dropFirst(3))
        switch (request.method, route.count) {
        case ("POST", 1) where route[0] == "coupons":
            return await createCoupon(request)
        case ("GET", 1) where route[0] == "coupons":
            let code = request.query["code"]?.lowercased()
            return .json(200, .array(await state.couponList().filter { code == nil || $0["code"]?.string == code }))
        case ("GET", 2) where route[0] == "coupons":
            guard let id = Int64(route[1]), let coupon = await state.coupons[id] else {
                return Self.error(404, "woocommerce_rest_shop_coupon_invalid_id", "Invalid ID.")
            }
            return .json(200, coupon)
        case ("GET", 2) where route[0] == "orders":
            guard let id = Int64(route[1]), let order = await state.orders[id] else {
                return Self.error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.")
            }
            return .json(200, Self.json(order))
        case ("PUT", 2) where route[0] == "orders":
            return await updateOrder(request, id: Int64(route[1]))
        default:
            return Self.error(404, "rest_no_route", "No route was found matching the URL and request method.")
        }
    }

    func createCoupon(_ request: RecordedRequest) async -> FakeResponse {
        guard let body = request.json, let rawCode = body["code"]?.string, !rawCode.isEmpty else {
            return Self.error(400, "rest_missing_callback_param", "Missing parameter(s): code")
        }
        let type = body["discount_type"]?.string ?? "fixed_cart"
        guard ["percent", "fixed_cart", "fixed_product"].contains(type) else {
            return Self.error(400, "rest_invalid_param", "Invalid parameter(s): discount_type")
        }
        if let amount = body["amount"], amount.string == nil {
            // The schema types `amount` as a string.
            return Self.error(400, "rest_invalid_param", "Invalid parameter(s): amount")
        }
        for key in ["minimum_amount", "maximum_amount"] where body[key] != nil && body[key]?.string == nil && body[key]?.isNull == false {
            return Self.error(400, "rest_invalid_param", "Invalid parameter(s): \(key)")
        }
        if let expires = body["date_expires"]?.string, FakeShopify.date(expires) == nil, !expires.contains("T") {
            return Self.error(400, "rest_invalid_param", "Invalid parameter(s): date_expires")
        }
        guard let coupon = await state.storeCoupon(code: rawCode.lowercased(), type: type, body: body) else {
            return Self.error(400, "woocommerce_rest_coupon_code_already_exists", "The coupon code already exists")
        }
        return .json(201, coupon)
    }

    func updateOrder(_ request: RecordedRequest, id: Int64?) async -> FakeResponse {
        guard let id, await state.orders[id] != nil else { return Self.error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.") }
        guard let body = request.json, body.object != nil else { return Self.error(400, "rest_invalid_json", "Invalid JSON body passed.") }
        for item in body["line_items"]?.array ?? [] {
            guard let product = item["product_id"]?.int else {
                return Self.error(400, "woocommerce_rest_required_product_reference", "Product ID or SKU is required.")
            }
            let variation = item["variation_id"]?.int ?? 0
            guard await state.knowsProduct(product, variation) else {
                return Self.error(400, "woocommerce_rest_invalid_product_id", "Product ID provided is invalid.")
            }
            guard let quantity = item["quantity"]?.int, quantity > 0 else {
                return Self.error(400, "woocommerce_rest_invalid_quantity", "Product quantity must be a positive integer.")
            }
            if item["id"] != nil { continue }
            await state.addLine(
                order: id,
                product: product,
                variation: variation,
                quantity: Int(quantity),
                subtotal: FakeMoney.cents(item["subtotal"]?.string),
                total: FakeMoney.cents(item["total"]?.string)
            )
        }
        guard let order = await state.orders[id] else { return Self.error(404, "woocommerce_rest_shop_order_invalid_id", "Invalid ID.") }
        return .json(200, Self.json(order))
    }

    static func json(_ order: Order) -> FakeJSON {
        [
            "id": .int(order.id),
            "status": .string(order.status),
            "currency": .string(order.currency),
            "total": .string(FakeMoney.string(order.total)),
            "line_items": .array(
                order.lineItems.map { line in
                    [
                        "id": .int(line.id), "product_id": .int(line.productID), "variation_id": .int(line.variationID),
                        "quantity": .int(Int64(line.quantity)), "subtotal": .string(FakeMoney.string(line.subtotal)),
                        "total": .string(FakeMoney.string(line.total)),
                    ]
                }
            ),
        ]
    }

    actor State {
        var requests: [RecordedRequest] = []
        var failures: [FakeFailure] = []
        var coupons: [Int64: FakeJSON] = [:]
        var orders: [Int64: Order] = [:]
        var prices: [String: Int64] = [:]
        var nextID: Int64 = 700

        func record(_ request: RecordedRequest) { requests.append(request) }
        func addFailure(_ failure: FakeFailure) { failures.append(failure) }

        func takeFailure() -> FakeResponse? {
            guard !failures.isEmpty else { return nil }
            let response = failures[0].response
            failures[0].count -= 1
            if failures[0].count <= 0 { failures.removeFirst() }
            return response
        }

        func newID() -> Int64 {
            nextID += 1
            return nextID
        }

        func couponList() -> [FakeJSON] { coupons.keys.sorted().compactMap { coupons[$0] } }

        func storeCoupon(code: String, type: String, body: FakeJSON) -> FakeJSON? {
            guard !coupons.values.contains(where: { $0["code"]?.string == code }) else { return nil }
            let id = newID()
            var members = body.object ?? [:]
            members["id"] = .int(id)
            members["code"] = .string(code)
            members["discount_type"] = .string(type)
            members["usage_count"] = 0
            members["used_by"] = []
            for key in ["individual_use", "free_shipping", "exclude_sale_items"] where members[key] == nil { members[key] = false }
            for key in ["usage_limit", "usage_limit_per_user", "date_expires"] where members[key] == nil { members[key] = .null }
            if members["email_restrictions"] == nil { members["email_restrictions"] = [] }
            coupons[id] = .object(members)
            return .object(members)
        }

        func setUsage(_ id: Int64, _ count: Int) {
            guard var members = coupons[id]?.object else { return }
            members["usage_count"] = .int(Int64(count))
            coupons[id] = .object(members)
        }

        func addProduct(id: Int64, variationID: Int64, price: Int64) { prices["\(id)/\(variationID)"] = price }
        func knowsProduct(_ id: Int64, _ variation: Int64) -> Bool { prices.isEmpty || prices["\(id)/\(variation)"] != nil }
        func addOrder(_ order: Order) { orders[order.id] = order }

        func addLine(order id: Int64, product: Int64, variation: Int64, quantity: Int, subtotal: Int64?, total: Int64?) {
            guard var order = orders[id] else { return }
            let unit = prices["\(product)/\(variation)"] ?? 0
            let lineSubtotal = subtotal ?? unit * Int64(quantity)
            order.lineItems.append(
                LineItem(
                    id: newID(),
                    productID: product,
                    variationID: variation,
                    quantity: quantity,
                    subtotal: lineSubtotal,
                    total: total ?? lineSubtotal
                )
            )
            order.total = order.lineItems.reduce(0) { $0 + $1.total }
            orders[id] = order
        }
    }
}
