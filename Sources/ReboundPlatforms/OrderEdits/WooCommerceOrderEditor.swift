public import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Adds a line to a placed WooCommerce order with "Update an Order", `PUT /wp-json/wc/v3/orders/{id}` and a
/// `line_items` array (https://woocommerce.github.io/woocommerce-rest-api-docs/#update-an-order). Line items sent
/// without an `id` are added; WooCommerce then recalculates the order's totals.
///
/// Caveat: this changes the order only. WooCommerce does not charge the customer for the added line; the payment
/// (a new invoice, a pay-for-order link, or a gateway's own post-purchase API) is separate, so
/// ``OrderEditResult/paymentPending`` is always true. The documented field for the variation is `variation_id`
/// ("Variation ID, if applicable"). A discount is written as the line's `subtotal` (before discounts) and `total`
/// (after), which needs ``OrderAddition/unitPrice``.
public struct WooCommerceOrderEditor: OrderEditPlatform {
    public typealias Configuration = WooCommerceConfiguration

    public let configuration: Configuration
    let http: PlatformHTTP

    public init(configuration: Configuration, httpClient: HTTPClient = .shared, retry: RetryPolicy = .none) {
        self.configuration = configuration
        self.http = PlatformHTTP(client: httpClient, timeout: configuration.timeout, retry: retry, service: "WooCommerce")
    }

    public func addToOrder(_ addition: OrderAddition) async throws -> OrderEditResult {
        try configuration.validate()
        try addition.validate()
        guard let orderID = Int64(addition.orderID) else { throw PlatformError(.invalidRequest, "not a WooCommerce order id: \(addition.orderID)") }
        guard let productText = addition.productID, let productID = Int64(productText) else {
            throw PlatformError(.invalidRequest, "WooCommerce needs a numeric product id")
        }
        var variationID: Int64?
        if let variant = addition.variantID {
            guard let parsed = Int64(variant) else { throw PlatformError(.invalidRequest, "not a WooCommerce variation id: \(variant)") }
            variationID = parsed
        }
        var line = LineItemDTO(product_id: productID, variation_id: variationID, quantity: addition.quantity)
        if let discount = addition.discount {
            guard let unitPrice = addition.unitPrice else {
                throw PlatformError(.invalidRequest, "a discounted WooCommerce line needs the unit price")
            }
            let subtotal = unitPrice * Int64(addition.quantity)
            let off: Int64 =
                switch discount {
                case .percent(let percent): (subtotal * Int64(percent) + 50) / 100
                case .fixedAmount(let amount): min(amount, subtotal)
                }
            line.subtotal = DecimalAmount.format(minorUnits: subtotal, currency: addition.currency)
            line.total = DecimalAmount.format(minorUnits: subtotal - off, currency: addition.currency)
        }
        let response = try await http.send(
            .PUT,
            configuration.url("orders/\(orderID)"),
            headers: configuration.headers,
            json: try PlatformHTTP.encode(OrderUpdateDTO(line_items: [line]))
        )
        guard response.isSuccess else { throw WooCommerceErrors.error(response) }
        let order = try response.decode(OrderDTO.self, service: "WooCommerce")
        // The new line is the matching one with the highest id: ids only grow.
        let added = order.line_items?
            .filter { $0.product_id == productID && ($0.variation_id ?? 0) == (variationID ?? 0) }
            .max { ($0.id ?? 0) < ($1.id ?? 0) }
        return OrderEditResult(
            orderID: order.id.map(String.init) ?? String(orderID),
            lineItemID: added?.id.map(String.init),
            amountOutstanding: nil,
            paymentPending: true
        )
    }
}

struct OrderUpdateDTO: Encodable {
    var line_items: [LineItemDTO]
}

/// "Order - Line items properties" (https://woocommerce.github.io/woocommerce-rest-api-docs/#order-line-items-properties).
struct LineItemDTO: Codable {
    var id: Int64?
    var product_id: Int64?
    var variation_id: Int64?
    var quantity: Int?
    var subtotal: String?
    var total: String?

    init(product_id: Int64, variation_id: Int64?, quantity: Int) {
        self.product_id = product_id
        self.variation_id = variation_id
        self.quantity = quantity
    }
}

struct OrderDTO: Decodable {
    var id: Int64?
    var status: String?
    var total: String?
    var line_items: [LineItemDTO]?
}
