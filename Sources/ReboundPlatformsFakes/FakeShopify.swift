import Foundation
public import Logging

/// A stand-in for one shop's Shopify Admin API: the REST PriceRule and DiscountCode resources and the GraphQL order
/// editing mutations, on `127.0.0.1` with a port chosen by the system.
///
/// It checks `X-Shopify-Access-Token`, validates price rules the way the reference describes (negative values,
/// `shipping_line` only with `percentage`, `-100` and `each`), answers `lookup.json` with `303 See Other`, keeps
/// orders in memory for `orderEditBegin` / `orderEditAddVariant` / `orderEditAddLineItemDiscount` /
/// `orderEditCommit`, and records every request.
///
/// ```swift
/// let shopify = FakeShopify()
/// try await shopify.run { baseURL in
///     let platform = ShopifyDiscountPlatform(configuration: .init(shopURL: baseURL, accessToken: shopify.accessToken))
///     ...
/// }
/// ```
public final class FakeShopify: Sendable {
    /// An order in the fake's memory.
    public struct Order: Hashable, Sendable {
        public var id: Int64
        public var currency: String
        public var lineItems: [LineItem]
        /// Staff notes of committed edits.
        public var staffNotes: [String]
        /// Whether any committed edit asked Shopify to notify the customer.
        public var customerNotified: Bool
        public var committedEdits: Int
        /// What the customer paid before any edit.
        public var paid: Int64
    }

    public struct LineItem: Hashable, Sendable {
        public var id: Int64
        public var variantID: Int64
        public var quantity: Int
        /// Unit price in cents.
        public var unitPrice: Int64
        /// Discount on the whole line in cents.
        public var discount: Int64
        public var discountDescription: String?
    }

    public let accessToken: String
    public let apiVersion: String
    let state: State
    let logger: Logger?

    public init(accessToken: String = "shpat_fake_token", apiVersion: String = "2024-10", logger: Logger? = nil) {
        self.accessToken = accessToken
        self.apiVersion = apiVersion
        self.state = State()
        self.logger = logger
    }

    /// Serves until `body` returns; `body` gets the base URL, `http://127.0.0.1:{port}`.
    public func run<T>(_ body: (String) async throws -> T) async throws -> T {
        try await FakeServer.run(name: "FakeShopify", logger: logger, handle: { [self] request in await self.handle(request) }) { port in
            let base = "http://127.0.0.1:\(port)"
            await state.setBaseURL(base)
            return try await body(base)
        }
    }

    /// Every request received, in order.
    public var requests: [RecordedRequest] {
        get async { await state.requests }
    }

    /// Answers the next `count` requests with `status` (429 with `Retry-After` by default) and Shopify's error body.
    public func failNextRequests(_ count: Int = 1, status: Int = 429, retryAfter: String? = "2.0") async {
        var headers: [(String, String)] = []
        if let retryAfter { headers.append(("Retry-After", retryAfter)) }
        let message: FakeJSON =
            status == 429
            ? ["errors": "Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."]
            : ["errors": "Internal Server Error"]
        await state.addFailure(FakeFailure(count: count, response: .json(status, message, headers: headers)))
    }

    /// Answers the next `count` requests with exactly this status and JSON body (a 422 `errors` object, say).
    public func answerNextRequests(_ count: Int = 1, status: Int, body: FakeJSON, headers: [(String, String)] = []) async {
        await state.addFailure(FakeFailure(count: count, response: .json(status, body, headers: headers)))
    }

    /// Answers the next GraphQL request with `{"errors":[{"message":"Throttled","extensions":{"code":"THROTTLED"}}]}`.
    public func throttleNextGraphQL() async {
        await state.setThrottleGraphQL()
    }

    /// Puts an order in memory. Its lines' variants become known.
    public func addOrder(id: Int64, currency: String = "USD", lineItems: [(variantID: Int64, quantity: Int, unitPrice: String)] = []) async {
        await state.addOrder(id: id, currency: currency, lineItems: lineItems)
    }

    /// Makes a variant known with its unit price. Once any variant is known, unknown ones are refused.
    public func addVariant(id: Int64, price: String) async {
        await state.addVariant(id: id, price: FakeMoney.cents(price) ?? 0)
    }

    public func order(id: Int64) async -> Order? {
        await state.orders[id]
    }

    /// The price rules as stored (the JSON Shopify would return).
    public func priceRules() async -> [FakeJSON] {
        await state.priceRuleList()
    }

    /// The discount codes as stored.
    public func discountCodes() async -> [FakeJSON] {
        await state.discountCodeList()
    }

    /// Pretends customers used a code.
    public func setUsageCount(code: String, to count: Int) async {
        await state.setUsage(code: code, count: count)
    }

    func handle(_ request: RecordedRequest) async -> FakeResponse {
        await state.record(request)
        if let failure = await state.takeFailure() { return failure }
        let components = request.pathComponents
        guard components.count >= 4, components[0] == "admin", components[1] == "api", components[2] == apiVersion else {
            return .json(404, ["errors": "Not Found"])
        }
        guard request.header("X-Shopify-Access-Token") == accessToken else {
            return .json(401, ["errors": "[API] Invalid API key or access token (unrecognized login or wrong password)"])
        }
        let route = Array(components.dropFirst(3))
        switch (request.method, route.count) {
        case ("POST", 1) where route[0] == "graphql.json":
            return await graphQL(request)
        default:
            return await rest(request, route: route)
        }
    }
}
