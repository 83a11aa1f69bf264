public import Foundation
public import ReboundChannels
public import ReboundCore
public import ReboundStore

/// Gathers what a message prints (shop look, customer, cart with product facts, the run's discount code, signed
/// links) and renders it. Used by the dispatcher for real sends and by the preview endpoint.
public struct MessageComposer: Sendable {
    public let store: Store
    /// Where shoppers reach this server (links, pixels, callbacks).
    public let linkBaseURL: String
    /// How long restore, click and unsubscribe links work.
    public var linkValidity: TimeInterval = MessageComposer.defaultLinkValidity
    public static let defaultLinkValidity: TimeInterval = 30 * 86400

    public init(store: Store, linkBaseURL: String) {
        self.store = store
        self.linkBaseURL = linkBaseURL
    }

    /// Everything a template can use for one message.
    public struct Parts: Sendable {
        public var context: EmailRenderContext
        public var links: TrackingLinks
        public var locale: String
    }

    public func parts(
        shop: Shop,
        settings: ChannelSettings,
        customer: Customer?,
        cart: Cart?,
        messageID: String,
        runID: String?,
        template: String? = nil,
        now: Date
    ) async throws -> Parts {
        let key = try await store.linkKey(shopID: shop.id, now: now)
        let links = TrackingLinks(
            baseURL: linkBaseURL,
            signer: LinkSigner(key: Array(key.utf8)),
            shopID: shop.id.rawValue,
            customerID: customer?.id.rawValue ?? "",
            messageID: messageID,
            expiresAt: now.addingTimeInterval(linkValidity)
        )
        var products: [String: EmailRenderContext.Product] = [:]
        if let cart {
            for (id, facts) in try await store.productSummaries(shopID: shop.id, ids: cart.lines.map(\.productID)) {
                products[id] = EmailRenderContext.Product(title: facts.title, imageURL: facts.imageURL, url: facts.url)
            }
        }
        let discount = try await runID.asyncMap { try await store.discountCode(shopID: shop.id, runID: $0) } ?? nil
        let storeURL = settings.branding.storeURL
        var restore: String?
        if let cart {
            let target = Self.restoreTarget(cart: cart, branding: settings.branding, discountCode: discount?.code) ?? storeURL
            restore = target.map { links.restore(target: $0) }
        }
        let chat = storeURL.map { links.click(Self.appending([("rb_chat", "1")], to: $0)) }
        let recommendations = try await self.recommendations(
            shop: shop,
            template: template,
            customer: customer,
            cart: cart,
            links: links,
            record: messageID != "preview",
            now: now
        )
        let context = EmailRenderContext(
            shop: ShopBranding(
                name: shop.name,
                logoURL: settings.branding.logoURL,
                primaryColor: settings.branding.primaryColor ?? "#1a73e8",
                address: settings.branding.address.map { $0.split(separator: "\n").map(String.init) } ?? [],
                helpText: settings.sms?.helpText,
                websiteURL: storeURL
            ),
            customer: customer,
            cart: cart,
            products: products,
            discount: discount.map(Self.discount),
            recommendations: recommendations,
            links: EmailRenderContext.Links(restore: restore, chat: chat, unsubscribe: links.unsubscribe, openPixel: links.openPixel),
            timeZone: TimeZone(identifier: customer?.timeZone ?? shop.timeZone) ?? TimeZone(identifier: "UTC")!
        )
        return Parts(context: context, links: links, locale: customer?.locale ?? Self.defaultLocale(shop))
    }

    /// A German-speaking shop's customers without a known language get German.
    static func defaultLocale(_ shop: Shop) -> String {
        ["Europe/Berlin", "Europe/Vienna", "Europe/Zurich"].contains(shop.timeZone) ? "de" : "en"
    }

    static func discount(_ record: DiscountCodeRecord) -> EmailRenderContext.Discount {
        EmailRenderContext.Discount(
            code: record.code,
            percentOff: record.kind == "percent" ? record.value.map { Int($0) } : nil,
            amountOff: nil,
            freeShipping: record.kind == "free_shipping",
            expiresAt: record.expiresAt
        )
    }

    /// The platform URL that rebuilds the cart, marked so the storefront greets the returning shopper.
    public static func restoreTarget(cart: Cart, branding: ChannelSettings.Branding, discountCode: String?) -> String? {
        let welcome = [("rb_welcome", "1")]
        switch (branding.platform, branding.storeURL) {
        case ("shopify", let store?) where cart.lines.contains(where: { $0.variantID != nil }):
            return RestoreLinks.shopify(storeURL: store, lines: cart.lines, discountCode: discountCode, extraQuery: welcome)
        case ("woocommerce", let store?):
            // Core WooCommerce adds one product per request: the first line here, the cart page lists the rest.
            return RestoreLinks.wooCommerce(storeURL: store, lines: cart.lines).first.map { appending(welcome, to: $0) }
        default:
            return (cart.restoreURL ?? branding.storeURL).map { appending(welcome + (discountCode.map { [("discount", $0)] } ?? []), to: $0) }
        }
    }

    /// Shop templates (stored as JSON) replace shipped ones with the same id and locale.
    public static func merge(_ defaults: [EmailTemplate], _ stored: [Store.StoredTemplate]) -> [EmailTemplate] {
        var byKey: [String: EmailTemplate] = [:]
        for template in defaults { byKey[template.id + "@" + template.locale] = template }
        for record in stored {
            guard let template = try? JSONDecoder().decode(EmailTemplate.self, from: Data(record.document.utf8)) else { continue }
            byKey[template.id + "@" + template.locale] = template
        }
        return byKey.keys.sorted().compactMap { byKey[$0] }
    }

    static func appending(_ query: [(String, String)], to url: String) -> String {
        guard var components = URLComponents(string: url) else { return url }
        components.queryItems = (components.queryItems ?? []) + query.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.string ?? url
    }
}
