public import Foundation

/// Turns WooCommerce webhook bodies (REST API v3 representation) into `PlatformUpdate`s.
public enum WooCommercePayload {
    public static func parse(topic: String, body: JSONValue, shopCurrency: Currency, receivedAt: Date) throws(PayloadError)
        -> PlatformUpdate
    {
        guard case .object = body else { throw PayloadError("body is not a JSON object") }
        let resource = topic.split(separator: ".").first.map(String.init) ?? ""
        switch resource {
        case "order":
            return try order(body, topic: topic, shopCurrency: shopCurrency, receivedAt: receivedAt)
        case "customer":
            if topic == "customer.deleted" { return .ignored(topic: topic) }
            guard let snapshot = customer(body) else { throw PayloadError("customer has no email or id") }
            return .customer(snapshot)
        case "product":
            if topic == "product.deleted" { return .ignored(topic: topic) }
            return .product(try product(body, shopCurrency: shopCurrency, receivedAt: receivedAt))
        default:
            return .ignored(topic: topic)
        }
    }

    static func money(_ value: JSONValue?, _ currency: Currency) -> Int64? {
        guard let text = value?.stringValue else { return nil }
        return Money.minorUnits(fromDecimal: text, digits: currency.minorUnitDigits)
    }

    static func order(_ body: JSONValue, topic: String, shopCurrency: Currency, receivedAt: Date) throws(PayloadError) -> PlatformUpdate {
        guard let externalID = body["id"]?.stringValue else { throw PayloadError("order has no id") }
        let currency = body["currency"]?.stringValue.flatMap(Currency.init(rawValue:)) ?? shopCurrency
        let status = body["status"]?.stringValue
        let lines = (body["line_items"]?.arrayValue ?? []).map { item -> OrderLine in
            let quantity = Int(clamping: item["quantity"]?.int64Value ?? 1)
            // `price` is a number in the REST representation; `subtotal` / quantity is exact in minor units.
            let subtotal = money(item["subtotal"], currency)
            let unit = subtotal.map { quantity > 0 ? $0 / Int64(quantity) : $0 } ?? money(item["price"], currency) ?? 0
            let variation = item["variation_id"]?.int64Value ?? 0
            return OrderLine(
                productID: item["product_id"]?.stringValue,
                variantID: variation > 0 ? String(variation) : nil,
                title: item["name"]?.stringValue ?? "",
                quantity: quantity,
                price: unit
            )
        }
        let total = money(body["total"], currency) ?? 0
        let discount = money(body["discount_total"], currency) ?? 0
        let subtotal = lines.reduce(0) { $0 + $1.price * Int64($1.quantity) } - discount
        let billing = body["billing"]
        let email = billing?["email"]?.stringValue
        let customerID = body["customer_id"]?.int64Value ?? 0
        let identity = CustomerIdentity(
            email: email,
            phone: billing?["phone"]?.stringValue,
            externalID: customerID > 0 ? String(customerID) : nil
        )
        let customer =
            identity.isEmpty
            ? nil
            : CustomerSnapshot(
                identity: identity,
                firstName: billing?["first_name"]?.stringValue,
                lastName: billing?["last_name"]?.stringValue,
                country: billing?["country"]?.stringValue
            )
        let refunded = (body["refunds"]?.arrayValue ?? []).reduce(Int64(0)) { sum, refund in
            // Refund totals are negative strings in the order representation.
            sum + abs(money(refund["total"], currency) ?? 0)
        }
        let placedAt = PlatformDate.parse(body["date_created_gmt"], assumeUTC: true) ?? receivedAt
        let order = Order(
            id: .random(prefix: "ord"),
            externalID: externalID,
            number: body["number"]?.stringValue,
            email: email.flatMap(CustomerIdentity.normalizedEmail),
            lines: lines,
            subtotal: Money(minorUnits: subtotal, currency: currency),
            total: Money(minorUnits: total, currency: currency),
            discountCodes: (body["coupon_lines"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue },
            source: "woocommerce",
            cartToken: body["cart_hash"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 },
            financialStatus: status,
            fulfillmentStatus: status == "completed" ? "fulfilled" : nil,
            cancelledAt: status == "cancelled" ? PlatformDate.parse(body["date_modified_gmt"], assumeUTC: true) ?? receivedAt : nil,
            refundedTotal: refunded,
            placedAt: placedAt
        )
        return .order(OrderSnapshot(order: order, customer: customer))
    }

    static func customer(_ body: JSONValue) -> CustomerSnapshot? {
        let identity = CustomerIdentity(
            email: body["email"]?.stringValue,
            phone: body["billing"]?["phone"]?.stringValue,
            externalID: body["id"]?.stringValue
        )
        guard !identity.isEmpty else { return nil }
        return CustomerSnapshot(
            identity: identity,
            firstName: body["first_name"]?.stringValue,
            lastName: body["last_name"]?.stringValue,
            country: body["billing"]?["country"]?.stringValue
        )
    }

    static func product(_ body: JSONValue, shopCurrency: Currency, receivedAt: Date) throws(PayloadError) -> Product {
        guard let id = body["id"]?.stringValue else { throw PayloadError("product has no id") }
        let price = money(body["price"], shopCurrency) ?? 0
        let stock =
            body["stock_quantity"]?.int64Value.map { Int(clamping: $0) }
            ?? (body["stock_status"]?.stringValue == "outofstock" ? 0 : nil)
        return Product(
            id: Product.ID(id),
            title: body["name"]?.stringValue ?? "",
            category: body["categories"]?.arrayValue?.first?["name"]?.stringValue,
            url: body["permalink"]?.stringValue,
            imageURL: body["images"]?.arrayValue?.first?["src"]?.stringValue,
            status: body["status"]?.stringValue == "publish" ? "active" : (body["status"]?.stringValue ?? "active"),
            variants: [
                Variant(
                    id: Variant.ID(id),
                    title: "Default",
                    sku: body["sku"]?.stringValue,
                    price: Money(minorUnits: price, currency: shopCurrency),
                    stock: stock
                )
            ],
            updatedAt: PlatformDate.parse(body["date_modified_gmt"], assumeUTC: true) ?? receivedAt
        )
    }
}
