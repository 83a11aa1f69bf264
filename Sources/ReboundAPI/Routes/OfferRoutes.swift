import Foundation
import HTTPTypes
import Hummingbird
import ReboundChannels
import ReboundCore
import ReboundPlatforms
import ReboundStore

/// The post-purchase one-click offer on the thank-you page (public key, CORS):
///
/// - `GET /v1/orders/{id}/offer` picks the product that goes best with the just-placed order and signs an offer
///   token, valid `offer_minutes` (default 15);
/// - `POST /v1/orders/{id}/offer` with `{"token": …}` adds it to the order through the platform's order-edit API
///   (Shopify GraphQL `orderEditBegin`/`orderEditAddVariant`/`orderEditCommit`, WooCommerce REST `PUT orders/{id}`),
///   or, without a platform API, answers a pre-filled one-click cart URL.
///
/// A fulfilled or cancelled order answers 409, an expired token 410; a second click adds nothing (one row per order
/// and product in `recs_offer_accepts` is claimed before the platform is called).
struct OfferRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }
    static let kind = LinkToken.Kind(rawValue: "p")

    func add(to router: Router<ReboundRequestContext>) {
        router.get("v1/orders/:id/offer") { request, context in try await self.offer(request, id: try context.parameters.require("id")) }
        router.post("v1/orders/:id/offer") { request, context in try await self.accept(request, id: try context.parameters.require("id")) }
    }

    func order(_ shop: Shop, _ id: String) async throws -> Order {
        guard let order = try await store.order(shopID: shop.id, idOrExternalID: id) else { throw ProblemDetails.notFound("order \(id)") }
        if order.cancelledAt != nil {
            throw ProblemDetails(.conflict, type: "order-closed", title: "The order cannot be changed", detail: "order \(id) is cancelled")
        }
        if let status = order.fulfillmentStatus, ["fulfilled", "partial", "shipped", "completed"].contains(status.lowercased()) {
            throw ProblemDetails(.conflict, type: "order-closed", title: "The order cannot be changed", detail: "order \(id) is already \(status)")
        }
        return order
    }

    func signer(_ shop: Shop, now: Date) async throws -> LinkSigner {
        LinkSigner(key: Array(try await store.linkKey(shopID: shop.id, now: now).utf8))
    }

    func offer(_ request: Request, id: String) async throws -> JSONResponse {
        let (shop, origin) = try await WidgetRoutes(environment: environment).shop(request)
        let order = try await order(shop, id)
        let now = environment.clock.now()
        let settings = try await store.recsSettings(shopID: shop.id)
        let visitor = Query(request).string("visitor").map { String($0.prefix(100)) }
        let subject = visitor ?? order.customerID?.rawValue
        if Recommender.inHoldout(placement: "thank_you", subject: subject, percent: settings.holdout(for: "thank_you")) {
            try await store.appendRecsEvents(
                Recommender.exposureEvents(placement: "thank_you", items: nil, visitor: visitor, currency: order.total.currency.rawValue, now: now),
                customerID: order.customerID,
                shopID: shop.id,
                now: now
            )
            return WidgetRoutes.cors(JSONResponse(.object(["offer": .null, "holdout": true])), origin)
        }
        var anchors: [String: Double] = [:]
        for line in order.lines { if let product = line.productID { anchors[product] = 1 } }
        let result = try await Recommender(store: store).recommend(shopID: shop.id, .init(anchors: anchors, placement: "thank_you", limit: 1))
        guard let item = result.items.first else {
            return WidgetRoutes.cors(JSONResponse(.object(["offer": .null, "holdout": false, "source": "fallback"])), origin)
        }
        let expires = now.addingTimeInterval(TimeInterval(settings.offerMinutes * 60))
        let token = try await signer(shop, now: now).sign(
            LinkToken(
                kind: Self.kind,
                shopID: shop.id.rawValue,
                subject: visitor ?? "",
                reference: [order.id.rawValue, item.product.id, item.variant.id, String(settings.offerDiscountPercent)].joined(separator: "|"),
                expiresAt: expires
            )
        )
        try await store.appendRecsEvents(
            Recommender.exposureEvents(placement: "thank_you", items: [item], visitor: visitor, currency: order.total.currency.rawValue, now: now),
            customerID: order.customerID,
            shopID: shop.id,
            now: now
        )
        var offer = Recommender.json(item, currency: order.total.currency.rawValue).objectValue ?? [:]
        offer["discount_percent"] = .int(Int64(settings.offerDiscountPercent))
        offer["offer_price"] = .int(Self.discounted(item.variant.price, percent: settings.offerDiscountPercent))
        offer["expires_at"] = DTO.time(expires)
        offer["token"] = .string(token)
        return WidgetRoutes.cors(
            JSONResponse(
                .object(["offer": .object(offer), "holdout": false, "source": .string(result.source), "order_id": .string(order.id.rawValue)])
            ),
            origin
        )
    }

    static func discounted(_ price: Int64, percent: Int) -> Int64 { price - price * Int64(percent) / 100 }

    func accept(_ request: Request, id: String) async throws -> JSONResponse {
        let (shop, origin) = try await WidgetRoutes(environment: environment).shop(request)
        guard case .object(let body) = try await RequestBody.json(request, limit: 8 * 1024), let text = body["token"]?.stringValue else {
            throw ProblemDetails.validation(field: "token", "is required: the token of GET /v1/orders/{id}/offer")
        }
        let now = environment.clock.now()
        let token: LinkToken
        let signer = try await signer(shop, now: now)
        do {
            token = try signer.verify(text, now: now, kind: Self.kind)
        } catch {
            if error.code == .expired {
                throw ProblemDetails(.gone, type: "offer-expired", title: "The offer has expired", detail: "the offer \(error.reason)")
            }
            throw ProblemDetails(.badRequest, type: "bad-token", title: "The offer token is not valid", detail: error.reason)
        }
        let parts = token.reference.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard token.shopID == shop.id.rawValue, parts.count == 4 else {
            throw ProblemDetails(.badRequest, type: "bad-token", title: "The offer token is not valid", detail: "the token is for another shop")
        }
        let order = try await order(shop, id)
        guard order.id.rawValue == parts[0] else {
            throw ProblemDetails(.badRequest, type: "bad-token", title: "The offer token is not valid", detail: "the token is for another order")
        }
        let (productID, variantID, percent) = (parts[1], parts[2], Int(parts[3]) ?? 0)
        guard let product = try await store.recsCatalog(shopID: shop.id, ids: [productID])[productID], product.isAvailable,
            let variant = product.variants.first(where: { $0.id == variantID && $0.isInStock })
        else {
            throw ProblemDetails(.conflict, type: "offer-unavailable", title: "The offered product is no longer available", detail: productID)
        }
        let price = Self.discounted(variant.price, percent: percent)
        let channels = try await store.channelSettings(shopID: shop.id)
        let currency = order.total.currency.rawValue
        guard let api = channels.platformAPI, ["shopify", "woocommerce"].contains(api.kind) else {
            // No order-edit API: a one-click cart with the product, for a second checkout.
            return WidgetRoutes.cors(
                JSONResponse(
                    .object([
                        "status": "cart_url", "url": DTO.string(Self.cartURL(channels.branding, product: product, variant: variant)),
                        "product_id": .string(productID), "variant_id": .string(variantID), "price": .int(price), "currency": .string(currency),
                    ])
                ),
                origin
            )
        }
        if let earlier = try await store.claimOfferAcceptance(
            shopID: shop.id,
            orderID: order.id.rawValue,
            productID: productID,
            variantID: variantID,
            now: now
        ) {
            var answer = (try? JSONValue.parse(earlier.result))?.objectValue ?? [:]
            answer["status"] = .string(earlier.status)
            answer["already_added"] = true
            return WidgetRoutes.cors(JSONResponse(.object(answer)), origin)
        }
        let addition = OrderAddition(
            orderID: order.externalID,
            variantID: variantID,
            productID: productID,
            quantity: 1,
            discount: percent > 0 ? .percent(percent) : nil,
            currency: currency,
            unitPrice: variant.price
        )
        let edited: OrderEditResult
        do {
            let platform: any OrderEditPlatform
            if api.kind == "shopify" {
                platform = ShopifyOrderEditor(configuration: .init(shopURL: api.baseURL, accessToken: api.accessToken ?? ""))
            } else {
                platform = WooCommerceOrderEditor(
                    configuration: .init(siteURL: api.baseURL, consumerKey: api.consumerKey ?? "", consumerSecret: api.consumerSecret ?? "")
                )
            }
            edited = try await platform.addToOrder(addition)
        } catch {
            try await store.finishOfferAcceptance(shopID: shop.id, orderID: order.id.rawValue, productID: productID, status: nil, result: "{}")
            throw ProblemDetails(.badGateway, type: "platform-error", title: "The shop platform refused the change", detail: "\(error)")
        }
        let answer: [String: JSONValue] = [
            "status": "added", "product_id": .string(productID), "variant_id": .string(variantID), "price": .int(price),
            "currency": .string(currency), "platform_order_id": .string(edited.orderID), "line_item_id": DTO.string(edited.lineItemID),
            "payment_pending": .bool(edited.paymentPending), "already_added": false,
        ]
        try await store.finishOfferAcceptance(
            shopID: shop.id,
            orderID: order.id.rawValue,
            productID: productID,
            status: "added",
            result: JSONValue.object(answer).jsonText
        )
        let added = Event(
            id: Event.ID("recommendation_added:offer:\(order.id.rawValue):\(productID)"),
            type: "recommendation_added",
            anonymousID: token.subject.isEmpty ? nil : token.subject,
            occurredAt: now,
            properties: [
                "placement": "thank_you", "product_id": .string(productID), "variant_id": .string(variantID), "price": .int(price), "quantity": 1,
                "revenue": .int(price), "currency": .string(currency), "order_id": .string(order.id.rawValue),
            ]
        )
        try await store.appendRecsEvents([added], customerID: order.customerID, shopID: shop.id, now: now)
        return WidgetRoutes.cors(JSONResponse(.object(answer), status: .created), origin)
    }

    /// Shopify's cart permalink (`/cart/{variant}:1`), WooCommerce's `?add-to-cart=`, else the product page.
    static func cartURL(_ branding: ChannelSettings.Branding, product: RecsCatalogItem, variant: RecsCatalogItem.Variant) -> String? {
        guard let store = branding.storeURL?.trimmingCharacters(in: CharacterSet(charactersIn: "/")) else { return product.url }
        switch branding.platform {
        case "shopify": return "\(store)/cart/\(variant.id):1"
        case "woocommerce": return "\(store)/?add-to-cart=\(variant.id == product.id ? product.id : variant.id)&quantity=1"
        default: return product.url ?? store
        }
    }
}
