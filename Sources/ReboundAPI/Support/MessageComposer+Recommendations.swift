import Foundation
import ReboundChannels
import ReboundCore
import ReboundStore

extension MessageComposer {
    /// What the template's recommendation slot shows: complements of the cart in cart recovery, cross-sells of the
    /// last order in post-purchase, "based on what you bought" in win-back. Each link is a signed click link whose
    /// target carries `rb_rec`, so the click is recorded as `recommendation_clicked` (placement `email`).
    /// Customers in the email placement's holdout get none.
    func recommendations(
        shop: Shop,
        template: String?,
        customer: Customer?,
        cart: Cart?,
        links: TrackingLinks,
        record: Bool,
        now: Date
    ) async throws -> [EmailRenderContext.Recommendation] {
        // Until the shop's orders have been counted there is nothing to recommend (and nothing to measure).
        guard let template, try await store.recsHasModel(shopID: shop.id) else { return [] }
        let family = template.split(separator: ".").first.map(String.init) ?? template
        var anchors: [String: Double] = [:]
        var excluded = Set<String>()
        let recommender = Recommender(store: store)
        switch family {
        case "cart_recovery", "checkout_abandoned", "browse_abandoned":
            guard let cart else { return [] }
            for line in cart.lines { anchors[line.productID, default: 0] += 1 }
        case "post_purchase":
            guard let customer else { return [] }
            let last = try await store.orders(shopID: shop.id, filter: .init(customerID: customer.id), cursor: nil, limit: 1).items.first
            for product in last?.lines.compactMap(\.productID) ?? [] { anchors[product] = 1 }
            excluded = Set(try await recommender.purchaseAnchors(shopID: shop.id, customerID: customer.id, now: now).keys)
        case "win_back":
            guard let customer else { return [] }
            anchors = try await recommender.purchaseAnchors(shopID: shop.id, customerID: customer.id, now: now)
        default:
            return []
        }
        guard !anchors.isEmpty else { return [] }
        let settings = try await store.recsSettings(shopID: shop.id)
        let subject = customer?.id.rawValue ?? cart?.anonymousID
        if Recommender.inHoldout(placement: "email", subject: subject, percent: settings.holdout(for: "email")) {
            if record {
                try await store.appendRecsEvents(
                    Recommender.exposureEvents(
                        placement: "email",
                        items: nil,
                        visitor: cart?.anonymousID,
                        currency: shop.currency.rawValue,
                        now: now
                    ),
                    customerID: customer?.id,
                    shopID: shop.id,
                    now: now
                )
            }
            return []
        }
        let result = try await recommender.recommend(shopID: shop.id, .init(anchors: anchors, excluded: excluded, placement: "email", limit: 3))
        if record {
            try await store.appendRecsEvents(
                Recommender.exposureEvents(
                    placement: "email",
                    items: result.items,
                    visitor: cart?.anonymousID,
                    currency: shop.currency.rawValue,
                    now: now
                ),
                customerID: customer?.id,
                shopID: shop.id,
                now: now
            )
        }
        return result.items.compactMap { item in
            guard let url = item.product.url else { return nil }
            let target = Self.appending([("rb_rec", item.product.id), ("rb_placement", "email")], to: url)
            return EmailRenderContext.Recommendation(
                title: item.product.title,
                url: links.click(target),
                imageURL: item.product.imageURL,
                price: Money(minorUnits: item.variant.price, currency: shop.currency)
            )
        }
    }
}
