import Foundation
import ReboundCore

extension EmailRenderContext {
    /// The Mustache data: `shop`, `customer`, `cart` (`lines`, `subtotal`, `total`, …), `discount`, `reviews`,
    /// `recommendations`, `links`, `extra`. Absent optional values are left out, so `{{#customer.first_name}}`
    /// works as a conditional; lists are always present.
    public func mustacheData(locale: String) -> [String: Any] {
        let money = MoneyFormatter(locale: locale)
        var data: [String: Any] = [:]
        var shopData: [String: Any] = [
            "name": shop.name, "primary_color": shop.primaryColor, "text_color": shop.textColor,
            "background_color": shop.backgroundColor, "address": shop.address,
            "address_line": shop.address.joined(separator: " · "),
        ]
        shopData["logo_url"] = shop.logoURL
        shopData["help_text"] = shop.helpText
        shopData["website_url"] = shop.websiteURL
        data["shop"] = shopData

        if let customer {
            var c: [String: Any] = [:]
            c["first_name"] = customer.firstName
            c["last_name"] = customer.lastName
            c["email"] = customer.email
            let name = [customer.firstName, customer.lastName].compactMap { $0 }.joined(separator: " ")
            if !name.isEmpty { c["name"] = name }
            data["customer"] = c
        }

        if let cart {
            var lines: [[String: Any]] = []
            for line in cart.lines where line.quantity > 0 {
                let product = products[line.itemKey] ?? products[line.productID]
                var l: [String: Any] = [
                    "title": product?.title ?? line.title ?? line.productID,
                    "quantity": line.quantity,
                    "unit_price": money.string(Money(minorUnits: line.price, currency: cart.currency)),
                    "line_total": money.string(Money(minorUnits: line.price * Int64(line.quantity), currency: cart.currency)),
                    "product_id": line.productID,
                ]
                l["variant_id"] = line.variantID
                l["image_url"] = product?.imageURL
                l["url"] = product?.url
                lines.append(l)
            }
            let subtotal = Money(minorUnits: cart.value, currency: cart.currency)
            var c: [String: Any] = [
                "lines": lines, "item_count": cart.itemCount, "subtotal": money.string(subtotal),
                "total": money.string(Money(minorUnits: cart.value + (shipping?.minorUnits ?? 0), currency: cart.currency)),
            ]
            c["shipping"] = shipping.map { money.string($0) }
            data["cart"] = c
        }

        if let discount {
            var d: [String: Any] = ["code": discount.code, "free_shipping": discount.freeShipping]
            d["percent_off"] = discount.percentOff
            d["amount_off"] = discount.amountOff.map { money.string($0) }
            d["expires_at"] = discount.expiresAt.map { Self.formatDate($0, locale: locale, timeZone: timeZone) }
            data["discount"] = d
        }

        data["reviews"] = reviews.map { review -> [String: Any] in
            let stars = max(0, min(5, review.rating))
            var r: [String: Any] = [
                "product": review.productTitle, "rating": review.rating, "text": review.text,
                "stars": String(repeating: "★", count: stars) + String(repeating: "☆", count: 5 - stars),
            ]
            r["author"] = review.author
            return r
        }
        data["recommendations"] = recommendations.map { item -> [String: Any] in
            var r: [String: Any] = ["title": item.title, "url": item.url]
            r["image_url"] = item.imageURL
            r["price"] = item.price.map { money.string($0) }
            return r
        }
        data["has_reviews"] = !reviews.isEmpty
        data["has_recommendations"] = !recommendations.isEmpty
        var l: [String: Any] = [:]
        l["restore"] = links.restore
        l["chat"] = links.chat
        l["unsubscribe"] = links.unsubscribe
        l["open_pixel"] = links.openPixel
        data["links"] = l
        data["extra"] = extra
        let german = locale.lowercased().hasPrefix("de")
        data["labels"] = ["unsubscribe": german ? "Abmelden" : "Unsubscribe"]
        return data
    }

    /// `28.11.2026, 14:00` in German, `28 Nov 2026, 14:00` otherwise; 24-hour clock in the given zone.
    static func formatDate(_ date: Date, locale: String, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let (y, m, d, h, min) = (c.year ?? 0, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        if locale.lowercased().hasPrefix("de") { return "\(two(d)).\(two(m)).\(y), \(two(h)):\(two(min)) Uhr" }
        if locale.lowercased() == "en-us" {
            return "\(RFC5322Date.months[m - 1]) \(d), \(y), \(two(h)):\(two(min))"
        }
        return "\(d) \(RFC5322Date.months[m - 1]) \(y), \(two(h)):\(two(min))"
    }
}
