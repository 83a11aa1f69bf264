public import Foundation

/// Turns Shopify webhook bodies (Admin API REST representation) into `PlatformUpdate`s.
///
/// The topic comes from the `X-Shopify-Topic` header, not the body. Ids are read as integers or
/// strings, never through `Double`: real deliveries carry 18-digit ids.
public enum ShopifyPayload {
    public static let topics: Set<String> = [
        "checkouts/create", "checkouts/update", "carts/create", "carts/update", "orders/create", "orders/updated", "orders/paid",
        "orders/fulfilled", "orders/cancelled", "refunds/create", "customers/create", "customers/update", "products/create",
        "products/update", "app/uninstalled", "customers/redact",
    ]

    public static func parse(topic: String, body: JSONValue, shopCurrency: Currency, receivedAt: Date) throws(PayloadError)
        -> PlatformUpdate
    {
        guard case .object = body else { throw PayloadError("body is not a JSON object") }
        switch topic {
        case "checkouts/create", "checkouts/update":
            return .checkout(try checkout(body, isCheckout: true, shopCurrency: shopCurrency, receivedAt: receivedAt))
        case "carts/create", "carts/update":
            return .checkout(try checkout(body, isCheckout: false, shopCurrency: shopCurrency, receivedAt: receivedAt))
        case "orders/create", "orders/updated", "orders/paid", "orders/cancelled":
            return .order(try order(body, shopCurrency: shopCurrency, receivedAt: receivedAt))
        case "orders/fulfilled":
            guard let id = body["id"]?.stringValue else { throw PayloadError("order has no id") }
            return .orderFulfilled(externalID: id, at: PlatformDate.parse(body["updated_at"]) ?? receivedAt)
        case "refunds/create":
            guard let orderID = body["order_id"]?.stringValue else { throw PayloadError("refund has no order_id") }
            let currency = shopCurrency
            var amount: Int64 = 0
            for transaction in body["transactions"]?.arrayValue ?? [] {
                if let text = transaction["amount"]?.stringValue, let minor = Money(decimal: text, currency: currency) {
                    amount += minor.minorUnits
                }
            }
            if amount == 0 {
                for line in body["refund_line_items"]?.arrayValue ?? [] {
                    if let text = line["subtotal"]?.stringValue, let minor = Money(decimal: text, currency: currency) {
                        amount += minor.minorUnits
                    }
                }
            }
            return .refund(orderExternalID: orderID, amount: amount, at: PlatformDate.parse(body["created_at"]) ?? receivedAt)
        case "customers/create", "customers/update":
            guard let snapshot = customer(body, receivedAt: receivedAt) else { throw PayloadError("customer has no email, phone or id") }
            return .customer(snapshot)
        case "products/create", "products/update":
            return .product(try product(body, shopCurrency: shopCurrency, receivedAt: receivedAt))
        case "app/uninstalled":
            return .uninstalled
        case "customers/redact":
            guard let customer = body["customer"] else { throw PayloadError("customers/redact has no customer") }
            let identity = CustomerIdentity(
                email: customer["email"]?.stringValue,
                phone: customer["phone"]?.stringValue,
                externalID: customer["id"]?.stringValue
            )
            guard !identity.isEmpty else { throw PayloadError("customers/redact names no customer") }
            return .redactCustomer(identity)
        default:
            return .ignored(topic: topic)
        }
    }

    static func money(_ value: JSONValue?, _ currency: Currency) -> Int64? {
        guard let value else { return nil }
        if let text = value.stringValue { return Money.minorUnits(fromDecimal: text, digits: currency.minorUnitDigits) }
        return nil
    }

    static func checkout(_ body: JSONValue, isCheckout: Bool, shopCurrency: Currency, receivedAt: Date) throws(PayloadError)
        -> CheckoutSnapshot
    {
        guard let token = body["token"]?.stringValue ?? body["id"]?.stringValue, !token.isEmpty else {
            throw PayloadError("checkout has no token")
        }
        let currency = body["currency"]?.stringValue.flatMap(Currency.init(rawValue:)) ?? shopCurrency
        var lines: [CartLine] = []
        for (index, item) in (body["line_items"]?.arrayValue ?? []).enumerated() {
            guard let productID = item["product_id"]?.stringValue else { throw PayloadError("line_items[\(index)].product_id is missing") }
            let quantity = Int(clamping: item["quantity"]?.int64Value ?? 1)
            let price = money(item["price"] ?? item["variant_price"] ?? item["original_price"], currency) ?? 0
            lines.append(
                CartLine(
                    productID: productID,
                    variantID: item["variant_id"]?.stringValue,
                    title: item["title"]?.stringValue,
                    quantity: quantity,
                    price: price
                )
            )
        }
        var snapshotCustomer = body["customer"].flatMap { customer($0, receivedAt: receivedAt) }
        let identity = CustomerIdentity(
            email: body["email"]?.stringValue ?? snapshotCustomer?.identity.email,
            phone: body["phone"]?.stringValue ?? body["sms_marketing_phone"]?.stringValue ?? snapshotCustomer?.identity.phone,
            externalID: snapshotCustomer?.identity.externalID
        )
        if !identity.isEmpty {
            var merged = snapshotCustomer ?? CustomerSnapshot(identity: identity)
            merged.identity = identity
            if body["buyer_accepts_marketing"]?.boolValue == true, merged.emailConsent == nil {
                merged.emailConsent = Consent(granted: true, source: "shopify_checkout", at: receivedAt)
            }
            if body["buyer_accepts_sms_marketing"]?.boolValue == true, merged.smsConsent == nil {
                merged.smsConsent = Consent(granted: true, source: "shopify_checkout", at: receivedAt)
            }
            if merged.locale == nil { merged.locale = body["customer_locale"]?.stringValue }
            if merged.country == nil { merged.country = body["shipping_address"]?["country_code"]?.stringValue }
            snapshotCustomer = merged
        }
        return CheckoutSnapshot(
            token: token,
            cartToken: isCheckout ? body["cart_token"]?.stringValue : nil,
            isCheckout: isCheckout,
            customer: snapshotCustomer,
            lines: lines,
            currency: currency,
            restoreURL: body["abandoned_checkout_url"]?.stringValue,
            updatedAt: PlatformDate.parse(body["updated_at"]) ?? receivedAt,
            completedAt: PlatformDate.parse(body["completed_at"])
        )
    }

    static func order(_ body: JSONValue, shopCurrency: Currency, receivedAt: Date) throws(PayloadError) -> OrderSnapshot {
        guard let externalID = body["id"]?.stringValue else { throw PayloadError("order has no id") }
        let currency = body["currency"]?.stringValue.flatMap(Currency.init(rawValue:)) ?? shopCurrency
        var lines: [OrderLine] = []
        for item in body["line_items"]?.arrayValue ?? [] {
            lines.append(
                OrderLine(
                    productID: item["product_id"]?.stringValue,
                    variantID: item["variant_id"]?.stringValue,
                    title: item["title"]?.stringValue ?? item["name"]?.stringValue ?? "",
                    quantity: Int(clamping: item["quantity"]?.int64Value ?? 1),
                    price: money(item["price"], currency) ?? 0
                )
            )
        }
        let total = money(body["total_price"], currency) ?? lines.reduce(0) { $0 + $1.price * Int64($1.quantity) }
        let subtotal = money(body["subtotal_price"], currency) ?? total
        var customer = body["customer"].flatMap { self.customer($0, receivedAt: receivedAt) }
        let email = body["email"]?.stringValue ?? body["contact_email"]?.stringValue
        if customer == nil, let email {
            customer = CustomerSnapshot(identity: CustomerIdentity(email: email, phone: body["phone"]?.stringValue))
        }
        if customer != nil, customer?.locale == nil { customer?.locale = body["customer_locale"]?.stringValue }
        let codes = (body["discount_codes"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
        let order = Order(
            id: .random(prefix: "ord"),
            externalID: externalID,
            number: body["name"]?.stringValue ?? body["order_number"]?.stringValue,
            email: email.flatMap(CustomerIdentity.normalizedEmail),
            lines: lines,
            subtotal: Money(minorUnits: subtotal, currency: currency),
            total: Money(minorUnits: total, currency: currency),
            discountCodes: codes,
            source: "shopify",
            cartToken: body["cart_token"]?.stringValue,
            checkoutToken: body["checkout_token"]?.stringValue,
            financialStatus: body["financial_status"]?.stringValue,
            fulfillmentStatus: body["fulfillment_status"]?.stringValue,
            cancelledAt: PlatformDate.parse(body["cancelled_at"]),
            placedAt: PlatformDate.parse(body["processed_at"]) ?? PlatformDate.parse(body["created_at"]) ?? receivedAt
        )
        return OrderSnapshot(order: order, customer: customer)
    }

    static func customer(_ body: JSONValue, receivedAt: Date) -> CustomerSnapshot? {
        let identity = CustomerIdentity(
            email: body["email"]?.stringValue,
            phone: body["phone"]?.stringValue,
            externalID: body["id"]?.stringValue
        )
        guard !identity.isEmpty else { return nil }
        func consent(_ value: JSONValue?, stateKey: String) -> Consent? {
            guard let value, let state = value[stateKey]?.stringValue else { return nil }
            let at = PlatformDate.parse(value["consent_updated_at"]) ?? receivedAt
            let source = "shopify:" + (value["opt_in_level"]?.stringValue ?? "unknown")
            return Consent(granted: state == "subscribed", source: source, at: at)
        }
        let tags = (body["tags"]?.stringValue ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        return CustomerSnapshot(
            identity: identity,
            firstName: body["first_name"]?.stringValue,
            lastName: body["last_name"]?.stringValue,
            locale: body["locale"]?.stringValue,
            country: body["default_address"]?["country_code"]?.stringValue,
            tags: tags,
            emailConsent: consent(body["email_marketing_consent"], stateKey: "state"),
            smsConsent: consent(body["sms_marketing_consent"], stateKey: "state")
        )
    }

    static func product(_ body: JSONValue, shopCurrency: Currency, receivedAt: Date) throws(PayloadError) -> Product {
        guard let id = body["id"]?.stringValue else { throw PayloadError("product has no id") }
        let variants = (body["variants"]?.arrayValue ?? []).compactMap { item -> Variant? in
            guard let variantID = item["id"]?.stringValue else { return nil }
            return Variant(
                id: Variant.ID(variantID),
                title: item["title"]?.stringValue ?? "",
                sku: item["sku"]?.stringValue,
                price: Money(minorUnits: money(item["price"], shopCurrency) ?? 0, currency: shopCurrency),
                stock: item["inventory_quantity"]?.int64Value.map { Int(clamping: $0) }
            )
        }
        let image = body["image"]?["src"]?.stringValue ?? body["images"]?.arrayValue?.first?["src"]?.stringValue
        return Product(
            id: Product.ID(id),
            title: body["title"]?.stringValue ?? "",
            category: body["product_type"]?.stringValue,
            url: body["handle"]?.stringValue.map { "/products/" + $0 },
            imageURL: image,
            status: body["status"]?.stringValue ?? "active",
            variants: variants,
            updatedAt: PlatformDate.parse(body["updated_at"]) ?? receivedAt
        )
    }
}
