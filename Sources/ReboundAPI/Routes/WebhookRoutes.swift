import Foundation
import HTTPTypes
import Hummingbird
import ReboundCore
import ReboundStore

/// `POST /webhooks/shopify/{shop}` and `/webhooks/woocommerce/{shop}`: HMAC-verified platform webhooks.
///
/// The signature is checked over the raw body in constant time before anything is parsed. A redelivery
/// (same webhook id) is a no-op; topics Rebound does not use are answered 200 and dropped.
struct WebhookRoutes {
    let environment: APIEnvironment

    func add(to router: Router<ReboundRequestContext>) {
        router.post("webhooks/shopify/:shop") { request, context in try await self.receive(.shopify, request, context: context) }
        router.post("webhooks/woocommerce/:shop") { request, context in try await self.receive(.woocommerce, request, context: context) }
    }

    struct Headers {
        var signature: HTTPField.Name
        var topic: HTTPField.Name
        var delivery: HTTPField.Name

        static let shopify = Headers(
            signature: HTTPField.Name("X-Shopify-Hmac-Sha256")!,
            topic: HTTPField.Name("X-Shopify-Topic")!,
            delivery: HTTPField.Name("X-Shopify-Webhook-Id")!
        )
        static let woocommerce = Headers(
            signature: HTTPField.Name("X-WC-Webhook-Signature")!,
            topic: HTTPField.Name("X-WC-Webhook-Topic")!,
            delivery: HTTPField.Name("X-WC-Webhook-Delivery-ID")!
        )
    }

    func refuse(_ platform: Platform, _ reason: String, _ problem: ProblemDetails) -> ProblemDetails {
        ReboundMetrics.webhookRefused(platform: platform.rawValue, reason: reason)
        return problem
    }

    func receive(_ platform: Platform, _ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let headers = platform == .shopify ? Headers.shopify : Headers.woocommerce
        let shopID = Shop.ID(try context.parameters.require("shop"))
        let body: [UInt8]
        do {
            body = try await RequestBody.bytes(request, limit: environment.maxBodyBytes)
        } catch let problem as ProblemDetails {
            throw refuse(platform, "too_large", problem)
        }
        guard let shop = try await environment.store.shop(id: shopID) else {
            throw refuse(platform, "unknown_shop", .notFound("shop \(shopID)"))
        }
        guard let secret = try await environment.store.webhookSecret(shopID: shop.id, platform: platform), !secret.isEmpty else {
            throw refuse(
                platform,
                "no_secret",
                ProblemDetails(
                    .unauthorized,
                    type: "webhook-not-configured",
                    title: "No webhook secret",
                    detail: "the shop has no \(platform.rawValue) secret configured"
                )
            )
        }
        // WooCommerce pings a new webhook with `webhook_id=N` form data and no signature; answer it so setup succeeds.
        if platform == .woocommerce, request.headers[headers.signature] == nil, String(decoding: body, as: UTF8.self).hasPrefix("webhook_id=") {
            return JSONResponse(.object(["status": .string("ping")]))
        }
        guard WebhookSignature.isValid(header: request.headers[headers.signature], body: body, secret: secret) else {
            throw refuse(
                platform,
                "bad_signature",
                ProblemDetails(
                    .unauthorized,
                    type: "bad-signature",
                    title: "Signature does not match",
                    detail: "\(headers.signature.rawName) is missing or wrong"
                )
            )
        }
        guard let topic = request.headers[headers.topic], !topic.isEmpty else {
            throw refuse(platform, "no_topic", .validation(field: headers.topic.rawName, "header is required"))
        }
        let json: JSONValue
        do {
            json = try RequestBody.json(body)
        } catch let problem as ProblemDetails {
            throw refuse(platform, "malformed", problem)
        }
        let now = environment.clock.now()
        let update: PlatformUpdate
        do {
            update =
                platform == .shopify
                ? try ShopifyPayload.parse(topic: topic, body: json, shopCurrency: shop.currency, receivedAt: now)
                : try WooCommercePayload.parse(topic: topic, body: json, shopCurrency: shop.currency, receivedAt: now)
        } catch {
            throw refuse(platform, "unreadable", .validation(field: "(body)", error.reason))
        }
        let delivery = request.headers[headers.delivery]
        let result = try await environment.store.applyPlatformUpdate(
            update,
            platform: platform,
            topic: topic,
            deliveryID: delivery,
            shop: shop,
            now: now
        )
        ReboundMetrics.webhookAccepted(platform: platform.rawValue, topic: topic)
        let status: String
        switch result {
        case .applied: status = "applied"
        case .duplicate: status = "duplicate"
        case .ignored: status = "ignored"
        }
        return JSONResponse(.object(["status": .string(status), "topic": .string(topic)]))
    }
}
