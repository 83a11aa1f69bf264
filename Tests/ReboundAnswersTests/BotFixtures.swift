import Foundation
import ReboundAnswers

/// Knowledge for bot tests, from the real data where it exists:
/// - articles: the 79 FAQ entries of `faq/ecommerce_faq_chatbot_dataset.json`;
/// - catalogue: Shopify's `products/create` sample (Example T-Shirt, Small 75 / Medium 50 at 19.99, was 24.99)
///   and WooCommerce's product 794 (Premium Quality, 21.99, stock not tracked);
/// - orders: Shopify's order sample (#9999, jon@example.com, unfulfilled) and WooCommerce order 727
///   (john.doe@example.com, completed).
/// The data sets have no shipping zones, trust facts, incentive rules or tracking numbers, so those
/// below are test values, marked as such. The return policy follows the FAQ's text (30 days from
/// purchase, final-sale and clearance items excluded).
enum BotFixtures {
    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let paths = HelpPaths(shop: "demo")
    static let shop = ShopProfile(id: "demo", name: "Demo Shop", currency: "USD", timeZone: "UTC")

    static func usd(_ minor: Int64) -> MoneyAmount { MoneyAmount(minorUnits: minor, currency: "USD") }

    static func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: try TestData.path(relative)))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func faqArticles() throws -> [KnowledgeArticle] {
        let entries = try json("faq/ecommerce_faq_chatbot_dataset.json")["questions"] as? [[String: String]] ?? []
        return entries.enumerated().map { i, e in
            let id = KnowledgeDocument.ID("faq-\(i + 1)")
            return KnowledgeArticle(id: id, title: e["question"]!, body: e["answer"]!, locale: "en", url: paths.article(id))
        }
    }

    static func shopifyProduct() throws -> CatalogueProduct {
        let p = try json("shopify/webhooks/2026-04/products__create.json")
        let variants = (p["variants"] as? [[String: Any]] ?? []).map { v in
            CatalogueVariant(
                id: "\(v["id"]!)",
                title: v["title"] as! String,
                options: [v["option1"] as! String],
                price: MoneyAmount(decimal: v["price"] as! String, currency: "USD")!,
                compareAtPrice: (v["compare_at_price"] as? String).flatMap { MoneyAmount(decimal: $0, currency: "USD") },
                stock: (v["inventory_quantity"] as? NSNumber)?.intValue
            )
        }
        let tags = (p["tags"] as! String).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return CatalogueProduct(
            id: "\(p["id"]!)",
            title: p["title"] as! String,
            url: "https://example.com/products/" + (p["handle"] as! String),
            tags: tags,
            variants: variants
        )
    }

    static func wooProduct() throws -> CatalogueProduct {
        let p = try json("woocommerce/product.created__794.json")
        let price = MoneyAmount(decimal: p["price"] as! String, currency: "USD")!
        return CatalogueProduct(
            id: "\(p["id"]!)",
            title: p["name"] as! String,
            url: p["permalink"] as? String,
            variants: [CatalogueVariant(id: "\(p["id"]!)", title: "Default Title", price: price, stock: nil)]
        )
    }

    static func shopifyOrder() throws -> OrderRecord {
        let o = try json("shopify/webhooks/2026-04/orders__create.json")
        let lines = (o["line_items"] as? [[String: Any]] ?? []).map { l in
            OrderLineItem(
                id: "\(l["id"]!)",
                productID: (l["product_id"] as? NSNumber).map { "\($0)" },
                title: l["title"] as! String,
                quantity: (l["quantity"] as! NSNumber).intValue,
                unitPrice: MoneyAmount(decimal: l["price"] as! String, currency: "USD")!
            )
        }
        let shippingLines = o["shipping_lines"] as? [[String: Any]] ?? []
        let shipping = shippingLines.compactMap { ($0["price"] as? String).flatMap { MoneyAmount(decimal: $0, currency: "USD") } }
            .reduce(usd(0)) { MoneyAmount(minorUnits: $0.minorUnits + $1.minorUnits, currency: "USD") }
        let a = o["shipping_address"] as? [String: Any] ?? [:]
        let address = PostalAddress(
            name: a["name"] as? String,
            company: a["company"] as? String,
            lines: [a["address1"] as? String, a["address2"] as? String].compactMap { $0 },
            postalCode: a["zip"] as? String,
            city: a["city"] as? String,
            region: a["province_code"] as? String,
            country: a["country_code"] as? String
        )
        return OrderRecord(
            number: o["name"] as! String,
            email: o["email"] as! String,
            placedAt: ISO8601DateFormatter().date(from: o["created_at"] as! String) ?? now,
            status: .unfulfilled,
            lines: lines,
            subtotal: MoneyAmount(decimal: o["subtotal_price"] as! String, currency: "USD")!,
            shipping: shipping,
            tax: MoneyAmount(decimal: o["total_tax"] as! String, currency: "USD")!,
            total: MoneyAmount(decimal: o["total_price"] as! String, currency: "USD")!,
            shippingAddress: address,
            billingAddress: address,
            statusURL: o["order_status_url"] as? String
        )
    }

    /// WooCommerce order 727 as delivered. The sample has no tracking data: the shipment is a test value.
    static func wooOrder(deliveredAt: Date? = nil) throws -> OrderRecord {
        let o = try json("woocommerce/order.updated__727.json")
        let lines = (o["line_items"] as? [[String: Any]] ?? []).map { l in
            OrderLineItem(
                id: "\(l["id"]!)",
                productID: "\(l["product_id"]!)",
                title: HTMLText.plainText(fromHTML: l["name"] as! String),
                sku: (l["sku"] as? String).flatMap { $0.isEmpty ? nil : $0 },
                quantity: (l["quantity"] as! NSNumber).intValue,
                unitPrice: MoneyAmount(minorUnits: Int64(((l["price"] as! NSNumber).doubleValue * 100).rounded()), currency: "USD")
            )
        }
        let billing = o["billing"] as? [String: Any] ?? [:]
        let address = PostalAddress(
            name: "\(billing["first_name"] as? String ?? "") \(billing["last_name"] as? String ?? "")",
            lines: [billing["address_1"] as? String ?? ""],
            postalCode: billing["postcode"] as? String,
            city: billing["city"] as? String,
            region: billing["state"] as? String,
            country: billing["country"] as? String
        )
        let placed = ISO8601DateFormatter().date(from: (o["date_created"] as! String) + "Z")!
        let delivered = deliveredAt ?? placed.addingTimeInterval(3 * 86_400)
        return OrderRecord(
            number: o["number"] as! String,
            email: billing["email"] as! String,
            placedAt: placed,
            status: .delivered,
            shipments: [
                Shipment(
                    carrier: "UPS",
                    trackingNumber: "TEST-TRACKING-727",
                    trackingURL: "https://tracking.example/TEST-TRACKING-727",
                    shippedAt: placed.addingTimeInterval(86_400),
                    deliveredAt: delivered
                )
            ],
            lines: lines,
            subtotal: MoneyAmount(decimal: "18.00", currency: "USD")!,
            shipping: MoneyAmount(decimal: o["shipping_total"] as! String, currency: "USD")!,
            tax: MoneyAmount(decimal: o["total_tax"] as! String, currency: "USD")!,
            total: MoneyAmount(decimal: o["total"] as! String, currency: "USD")!,
            billingAddress: address
        )
    }

    /// Test values: the data sets have no shipping zones.
    static let shipping = ShippingPolicy(
        zones: [
            ShippingZone(
                name: "Domestic",
                countries: ["US"],
                rates: [
                    ShippingRate(name: "Standard", price: usd(500), freeAbove: usd(5_000), minDays: 3, maxDays: 5),
                    ShippingRate(name: "Express", price: usd(1_500), minDays: 1, maxDays: 2),
                ]
            ),
            ShippingZone(
                name: "Canada",
                countries: ["CA"],
                rates: [ShippingRate(name: "International", price: usd(2_000), freeAbove: usd(15_000), minDays: 5, maxDays: 10)],
                duties: .payableOnDelivery
            ),
            ShippingZone(
                name: "EU",
                countries: ["AT", "DE", "NL", "FR"],
                rates: [ShippingRate(name: "International", price: usd(2_500), minDays: 6, maxDays: 12)],
                duties: .included
            ),
        ],
        source: AnswerSource(kind: .shipping, title: "Shipping", url: "https://example.com/pages/shipping"),
        homeCountry: "US"
    )

    /// From the FAQ: "return products within 30 days of purchase"; "Clearance or final sale items are typically non-returnable".
    static func returns(saleItemsReturnable: Bool = true) -> ReturnPolicy {
        ReturnPolicy(
            windowDays: 30,
            windowStart: .order,
            saleItemsReturnable: saleItemsReturnable,
            excludedTags: ["final-sale", "clearance"],
            source: AnswerSource(kind: .returns, title: "What is your return policy?", url: paths.article("faq-4"), articleID: "faq-4")
        )
    }

    /// Test values: the data sets have no trust facts.
    static let trust = TrustFacts(
        legalName: "Demo Shop GmbH",
        address: "Beispielstraße 1, 10115 Berlin",
        foundedYear: 2015,
        reviews: ReviewSummary(rating: 4.7, count: 1_250, provider: "Trusted Shops", url: "https://example.com/reviews"),
        paymentMethods: ["PayPal", "Visa", "Mastercard"],
        contactEmail: "help@example.com",
        source: AnswerSource(kind: .trust, title: "Imprint", url: "https://example.com/pages/imprint")
    )

    /// Test values: the shop's discount rules.
    static let incentives = IncentiveRules(
        percent: 10,
        maxPercent: 15,
        oncePerCustomer: true,
        minimumCartValue: usd(3_000),
        code: "STAY10",
        validForHours: 48,
        source: AnswerSource(kind: .incentive, title: "Discount terms", url: "https://example.com/pages/discounts")
    )

    static func knowledge(saleItemsReturnable: Bool = true, catalogue: [CatalogueProduct]? = nil, articles: [KnowledgeArticle]? = nil) throws
        -> ShopKnowledge
    {
        ShopKnowledge(
            shop: shop,
            articles: try articles ?? faqArticles(),
            catalogue: try catalogue ?? [shopifyProduct(), wooProduct()],
            shipping: shipping,
            returns: returns(saleItemsReturnable: saleItemsReturnable),
            trust: trust,
            incentives: incentives,
            synonyms: [.english: ["parcel": ["package"]], .german: ["paket": ["sendung"]]]
        )
    }

    static func bot(saleItemsReturnable: Bool = true) throws -> AnswerBot {
        AnswerBot(knowledge: try knowledge(saleItemsReturnable: saleItemsReturnable))
    }

    /// A cart of two Example T-Shirts (2 × 19.99).
    static let cart = CartSummary(
        lines: [CartSummary.Line(title: "Example T-Shirt", variantTitle: "Medium", quantity: 2, unitPrice: usd(1_999))],
        subtotal: usd(3_998)
    )

    static func request(_ question: String, locale: String = "en", cart: CartSummary? = nil, order: OrderContext = .none, country: String? = nil)
        -> BotRequest
    {
        BotRequest(question: question, locale: locale, now: now, shopperCountry: country, cart: cart, order: order)
    }
}
