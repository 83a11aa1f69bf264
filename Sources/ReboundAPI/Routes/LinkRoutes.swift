import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReboundChannels
import ReboundCore
import ReboundStore

/// The signed links in messages: `/l/{token}` (click, then redirect), `/o/{token}.gif` (open pixel),
/// `/r/{token}` (restore the cart on the shop), `/u/{token}` (unsubscribe: GET asks, POST unsubscribes at once —
/// RFC 8058 one-click). An expired or tampered link gets a clear page, never a 500.
struct LinkRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to router: Router<ReboundRequestContext>) {
        router.get("l/:token") { _, context in
            try await follow(context.parameters.require("token"), kind: .click)
        }
        router.get("r/:token") { _, context in
            try await follow(context.parameters.require("token"), kind: .restore)
        }
        router.get("s/:id") { _, context in try await short(context.parameters.require("id")) }
        router.get("o/:pixel") { _, context in
            let name = try context.parameters.require("pixel")
            let token = name.hasSuffix(".gif") ? String(name.dropLast(4)) : name
            if let verified = try? await verify(token, kind: .open) {
                try await store.recordEngagement(
                    shopID: Shop.ID(verified.shopID),
                    messageID: verified.reference,
                    clicked: false,
                    at: environment.clock.now()
                )
            }
            // The pixel is the same whatever happened: mail clients show nothing either way.
            return Response(
                status: .ok,
                headers: [.contentType: "image/gif", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: Self.transparentGIF))
            )
        }
        router.get("u/:token") { _, context in
            let token = try context.parameters.require("token")
            do {
                _ = try await verify(token, kind: .unsubscribe)
            } catch {
                return LinkPage.problem(error)
            }
            return LinkPage.html(
                status: .ok,
                title: "Unsubscribe",
                body: """
                    <p>Stop receiving marketing emails from this shop?</p>
                    <form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click">
                    <button type="submit">Unsubscribe</button></form>
                    """
            )
        }
        router.post("u/:token") { _, context in
            let token = try context.parameters.require("token")
            let verified: LinkToken
            do { verified = try await verify(token, kind: .unsubscribe) } catch { return LinkPage.problem(error) }
            try await unsubscribe(verified)
            return LinkPage.html(status: .ok, title: "Unsubscribed", body: "<p>You are unsubscribed and will receive no more marketing emails.</p>")
        }
    }

    /// Records a click and redirects to the link's target.
    func follow(_ token: String, kind: LinkToken.Kind) async throws -> Response {
        let verified: LinkToken
        do { verified = try await verify(token, kind: kind) } catch { return LinkPage.problem(error) }
        guard let target = verified.target, let url = URL(string: target), ["http", "https"].contains(url.scheme ?? "") else {
            return LinkPage.html(status: .badRequest, title: "Broken link", body: "<p>This link has no destination.</p>")
        }
        let now = environment.clock.now()
        let shopID = Shop.ID(verified.shopID)
        if let message = try await store.recordEngagement(shopID: shopID, messageID: verified.reference, clicked: true, at: now) {
            var properties: [String: JSONValue] = ["message_id": .string(message.id), "url": .string(target)]
            if let cartID = message.cartID { properties["cart_id"] = .string(cartID.rawValue) }
            if let flowID = message.flowID { properties["flow_id"] = .string(flowID) }
            let type = kind == .restore ? "recovery_link_clicked" : "message_clicked"
            let event = Event(id: Event.ID("\(type)_\(message.id)_\(now.epochMilliseconds)"), type: type, occurredAt: now, properties: properties)
            try await store.appendSystemEvents([(event, message.customerID)], shopID: shopID, now: now)
            // A recommended product in an email (`rb_rec` marks it, see `MessageComposer.recommendations`).
            if let product = URLComponents(string: target)?.queryItems?.first(where: { $0.name == "rb_rec" })?.value {
                let click = Event(
                    id: Event.ID("recommendation_clicked_\(message.id)_\(product)_\(now.epochMilliseconds)"),
                    type: "recommendation_clicked",
                    occurredAt: now,
                    properties: ["placement": "email", "product_id": .string(product), "message_id": .string(message.id)]
                )
                try await store.appendSystemEvents([(click, message.customerID)], shopID: shopID, now: now)
            }
        }
        return Response(status: .found, headers: [.location: target, .cacheControl: "no-store"])
    }

    /// `/s/{id}`: the short restore link of an SMS (the message id without its prefix; ids are random). Counts the
    /// click and rebuilds the message's cart on the shop, like `/r/`.
    func short(_ id: String) async throws -> Response {
        let now = environment.clock.now()
        guard id.count <= 40, let found = try await store.message(id: "msg_" + id), found.message.channel == "sms" else {
            return LinkPage.problem(LinkTokenError(.malformed, "unknown short link"))
        }
        let message = found.message
        if now.timeIntervalSince(message.sentAt ?? message.scheduledAt) > MessageComposer.defaultLinkValidity {
            return LinkPage.problem(LinkTokenError(.expired, "short link expired"))
        }
        let settings = try await store.channelSettings(shopID: found.shopID)
        let cart = try await message.cartID.asyncMap { try await store.cart(shopID: found.shopID, id: $0) } ?? nil
        let code = try await message.runID.asyncMap { try await store.discountCode(shopID: found.shopID, runID: $0) } ?? nil
        guard
            let target = cart.flatMap({ MessageComposer.restoreTarget(cart: $0, branding: settings.branding, discountCode: code?.code) })
                ?? settings.branding.storeURL
        else { return LinkPage.html(status: .badRequest, title: "Broken link", body: "<p>This link has no destination.</p>") }
        try await store.recordEngagement(shopID: found.shopID, messageID: message.id, clicked: true, at: now)
        var properties: [String: JSONValue] = ["message_id": .string(message.id), "url": .string(target)]
        if let cartID = message.cartID { properties["cart_id"] = .string(cartID.rawValue) }
        let event = Event(
            id: Event.ID("recovery_link_clicked_\(message.id)_\(now.epochMilliseconds)"),
            type: "recovery_link_clicked",
            occurredAt: now,
            properties: properties
        )
        try await store.appendSystemEvents([(event, message.customerID)], shopID: found.shopID, now: now)
        return Response(status: .found, headers: [.location: target, .cacheControl: "no-store"])
    }

    func verify(_ token: String, kind: LinkToken.Kind) async throws -> LinkToken {
        guard let shopID = LinkSigner.unverifiedShopID(token), let shop = try await store.shop(id: Shop.ID(shopID)) else {
            throw LinkTokenError(.malformed, "the link does not name a shop")
        }
        let key = try await store.linkKey(shopID: shop.id, now: environment.clock.now())
        return try LinkSigner(key: Array(key.utf8)).verify(token, now: environment.clock.now(), kind: kind)
    }

    /// Withdraws email consent and ends the customer's flow runs (through the `unsubscribed` event).
    func unsubscribe(_ token: LinkToken) async throws {
        let now = environment.clock.now()
        let shopID = Shop.ID(token.shopID)
        guard !token.subject.isEmpty else { return }
        let customerID = Customer.ID(token.subject)
        try await store.setConsent(shopID: shopID, customerID: customerID, channel: "email", granted: false, source: "unsubscribe_link", now: now)
        let event = Event(
            id: Event.ID("unsubscribed_\(token.reference)"),
            type: "unsubscribed",
            occurredAt: now,
            properties: ["channel": "email", "message_id": .string(token.reference)]
        )
        try await store.appendSystemEvents([(event, customerID)], shopID: shopID, now: now)
    }

    /// A 1×1 transparent GIF.
    static let transparentGIF: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01,
        0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]
}

/// Small self-contained pages for people who follow links: no scripts, everything escaped.
enum LinkPage {
    static func html(status: HTTPResponse.Status, title: String, body: String) -> Response {
        let page = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(title))</title><style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#222}
            button{font-size:1rem;padding:.6rem 1.2rem;border:0;border-radius:4px;background:#1a73e8;color:#fff;cursor:pointer}</style></head>
            <body><h1>\(escape(title))</h1>\(body)</body></html>
            """
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: page))
        )
    }

    /// Expired links get 410 Gone and say so; forged or broken ones 400.
    static func problem(_ error: any Error) -> Response {
        if let error = error as? LinkTokenError, error.code == .expired {
            return html(
                status: .gone,
                title: "This link has expired",
                body: "<p>Links in our emails work for a limited time. Visit the shop to pick up where you left off.</p>"
            )
        }
        return html(
            status: .badRequest,
            title: "This link is not valid",
            body: "<p>The link is incomplete or was changed. Please use the link from the email as it is.</p>"
        )
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;")
    }
}
