/// Renders the self-service portal: order lookup, order status, return form and invoice.
/// Pure, every value escaped; forms post to the paths in the view and carry the CSRF token.
public enum PortalPages {
    public static func lookup(_ view: OrderLookupView) -> String {
        let e = HTMLEscaping.escape
        let text = PageText(locale: view.locale)
        var body = "<h1>\(e(text.findOrder))</h1><p>\(e(text.lookupHint))</p>\n"
        if view.failed { body += "<p class=\"error\" role=\"alert\">\(e(text.notFound))</p>" }
        body += "<form method=\"post\" action=\"\(HTMLEscaping.href(view.paths.orders))\">" + csrf(view.csrfToken)
        body += "<label for=\"number\">\(e(text.orderNumber))</label>"
        body += "<input id=\"number\" name=\"order_number\" required maxlength=\"40\" autocomplete=\"off\" value=\"\(e(view.orderNumber))\">"
        body += "<label for=\"email\">\(e(text.email))</label>"
        body += "<input id=\"email\" name=\"email\" type=\"email\" required maxlength=\"254\" autocomplete=\"email\" value=\"\(e(view.email))\">"
        body += "<p><button type=\"submit\">\(e(text.show))</button></p></form>"
        return HelpPageLayout.document(title: text.findOrder, locale: view.locale, shop: view.shop, paths: view.paths, body: body)
    }

    public static func orderStatus(_ view: OrderStatusView) -> String {
        let e = HTMLEscaping.escape
        let text = PageText(locale: view.locale)
        let bot = BotText(language: TextLanguage(localeIdentifier: view.locale) ?? .english, timeZone: view.shop.timeZone)
        let order = view.order
        var body = "<h1>\(e(text.order)) \(e(order.number))</h1>\n"
        body += "<p>\(e(text.placed)) \(e(bot.date(order.placedAt))) · \(e(text.status)): <strong>\(e(text.status(order.status)))</strong></p>\n"
        for shipment in order.shipments where shipment.trackingURL != nil || shipment.trackingNumber != nil {
            let carrier = shipment.carrier.map { " (\(e($0)))" } ?? ""
            if let url = shipment.trackingURL {
                body += "<p><a href=\"\(HTMLEscaping.href(url))\" rel=\"nofollow noopener\">\(e(text.tracking))</a>\(carrier)"
                if let n = shipment.trackingNumber { body += " · \(e(text.trackingNumber)) \(e(n))" }
                body += "</p>"
            } else if let n = shipment.trackingNumber {
                body += "<p>\(e(text.trackingNumber))\(carrier): \(e(n))</p>"
            }
        }
        body += lines(order, text: text, language: bot.language)
        if let eligibility = view.eligibility {
            if eligibility.hasReturnableItems {
                if let end = eligibility.windowEndsAt { body += "<p>\(e(text.returnUntil(bot.date(end))))</p>" }
                body += "<p><a href=\"\(HTMLEscaping.href(view.paths.returnRequest(order.number)))\">\(e(text.requestReturn))</a></p>"
            } else if eligibility.windowEndsAt == nil && order.status != .cancelled {
                body += "<p class=\"muted\">\(e(text.returnNotYet))</p>"
            } else {
                body += "<p class=\"muted\">\(e(text.returnClosed))</p>"
            }
        }
        body += "<p><a href=\"\(HTMLEscaping.href(view.paths.invoice(order.number)))\">\(e(text.invoice))</a></p>"
        return HelpPageLayout.document(title: "\(text.order) \(order.number)", locale: view.locale, shop: view.shop, paths: view.paths, body: body)
    }

    public static func returnForm(_ view: ReturnFormView) -> String {
        let e = HTMLEscaping.escape
        let text = PageText(locale: view.locale)
        let bot = BotText(language: TextLanguage(localeIdentifier: view.locale) ?? .english, timeZone: view.shop.timeZone)
        var body = "<h1>\(e(text.requestReturn)) · \(e(text.order)) \(e(view.order.number))</h1>\n"
        if let end = view.eligibility.windowEndsAt, view.eligibility.hasReturnableItems { body += "<p>\(e(text.returnUntil(bot.date(end))))</p>" }
        if !view.problems.isEmpty {
            body += "<div class=\"error\" role=\"alert\"><ul>" + view.problems.map { "<li>\(e($0.message))</li>" }.joined() + "</ul></div>"
        }
        guard view.eligibility.hasReturnableItems else {
            body += "<p>\(e(text.returnClosed))</p>"
            return HelpPageLayout.document(title: text.requestReturn, locale: view.locale, shop: view.shop, paths: view.paths, body: body)
        }
        body += "<form method=\"post\" action=\"\(HTMLEscaping.href(view.paths.returnRequest(view.order.number)))\">" + csrf(view.csrfToken)
        body += "<fieldset><legend>\(e(text.whichItems))</legend><table><tr><th>\(e(text.items))</th><th class=\"n\">\(e(text.quantity))</th></tr>"
        for line in view.eligibility.lines {
            let name = "item_" + line.item.id
            let title = line.item.title + (line.item.variantTitle.map { " – \($0)" } ?? "")
            if line.isReturnable {
                let value = view.form[name] ?? "0"
                body += "<tr><td><label for=\"\(e(name))\">\(e(title))</label></td><td class=\"n\">"
                body +=
                    "<input id=\"\(e(name))\" name=\"\(e(name))\" type=\"number\" min=\"0\" max=\"\(line.item.quantity)\" value=\"\(e(value))\"></td></tr>"
            } else {
                body += "<tr><td>\(e(title))<br><small class=\"muted\">\(e(bot.exclusion(line.exclusion!)))</small></td><td class=\"n\">–</td></tr>"
            }
        }
        body += "</table></fieldset>"
        body += "<label for=\"reason\">\(e(text.reason))</label><select id=\"reason\" name=\"reason\" required>"
        for reason in ReturnReason.allCases {
            let selected = view.form["reason"] == reason.rawValue ? " selected" : ""
            body += "<option value=\"\(e(reason.rawValue))\"\(selected)>\(e(text.reason(reason)))</option>"
        }
        body += "</select><fieldset><legend>\(e(text.refundOrExchange))</legend>"
        var options: [(ReturnResolution, String)] = []
        if view.eligibility.refundsAllowed { options.append((.refund, text.refund)) }
        if view.eligibility.exchangesAllowed { options.append((.exchange, text.exchange)) }
        for (i, (value, label)) in options.enumerated() {
            let checked = view.form["resolution"] == value.rawValue || (view.form["resolution"] == nil && i == 0) ? " checked" : ""
            body += "<label><input type=\"radio\" name=\"resolution\" value=\"\(e(value.rawValue))\"\(checked)> \(e(label))</label>"
        }
        body += "</fieldset><label for=\"comment\">\(e(text.comment))</label>"
        body +=
            "<textarea id=\"comment\" name=\"comment\" rows=\"3\" maxlength=\"\(ReturnRequest.maximumCommentLength)\">\(e(view.form["comment"] ?? ""))</textarea>"
        body += "<p><button type=\"submit\">\(e(text.send))</button></p></form>"
        return HelpPageLayout.document(title: text.requestReturn, locale: view.locale, shop: view.shop, paths: view.paths, body: body)
    }

    public static func invoice(_ view: InvoiceView) -> String {
        let e = HTMLEscaping.escape
        let text = PageText(locale: view.locale)
        let bot = BotText(language: TextLanguage(localeIdentifier: view.locale) ?? .english, timeZone: view.shop.timeZone)
        let order = view.order
        var body = "<p class=\"noprint muted\">\(e(text.printHint))</p>\n"
        body += "<h1>\(e(text.invoice)) \(e(view.invoiceNumber))</h1>\n<table><tr><td>"
        body += "<strong>\(e(view.seller.name))</strong><br>" + view.seller.addressLines.map(e).joined(separator: "<br>")
        if let vat = view.seller.vatID { body += "<br>\(e(text.vatID)) \(e(vat))" }
        if let email = view.seller.email { body += "<br>\(e(email))" }
        body += "</td><td>\(e(text.invoiceNumber)): \(e(view.invoiceNumber))<br>\(e(text.invoiceDate)): \(e(bot.date(view.issuedAt)))"
        body += "<br>\(e(text.order)): \(e(order.number)) · \(e(bot.date(order.placedAt)))</td></tr><tr><td>"
        if let billing = order.billingAddress ?? order.shippingAddress {
            body += "<strong>\(e(text.billTo))</strong><br>" + billing.printedLines.map(e).joined(separator: "<br>")
        }
        body += "</td><td>"
        if let shipping = order.shippingAddress {
            body += "<strong>\(e(text.shipTo))</strong><br>" + shipping.printedLines.map(e).joined(separator: "<br>")
        }
        body += "</td></tr></table>\n" + lines(order, text: text, language: bot.language)
        return HelpPageLayout.document(
            title: "\(text.invoice) \(view.invoiceNumber)",
            locale: view.locale,
            shop: view.shop,
            paths: view.paths,
            body: body
        )
    }

    /// The order lines and totals.
    static func lines(_ order: OrderRecord, text: PageText, language: TextLanguage) -> String {
        let e = HTMLEscaping.escape
        var h =
            "<table><tr><th>\(e(text.items))</th><th class=\"n\">\(e(text.quantity))</th><th class=\"n\">\(e(text.price))</th><th class=\"n\">\(e(text.total))</th></tr>"
        for line in order.lines {
            let variant = line.variantTitle.map { "<br><small class=\"muted\">\(e($0))</small>" } ?? ""
            h += "<tr><td>\(e(line.title))\(variant)</td><td class=\"n\">\(line.quantity)</td>"
            h += "<td class=\"n\">\(e(line.unitPrice.formatted(language)))</td><td class=\"n\">\(e(line.lineTotal.formatted(language)))</td></tr>"
        }
        func row(_ label: String, _ amount: MoneyAmount, bold: Bool = false) -> String {
            let v = e(amount.formatted(language))
            return "<tr><td colspan=\"3\" class=\"n\">\(e(label))</td><td class=\"n\">\(bold ? "<strong>\(v)</strong>" : v)</td></tr>"
        }
        h += row(text.subtotal, order.subtotal)
        if let discount = order.discount, discount.minorUnits != 0 {
            h += row(text.discount, MoneyAmount(minorUnits: -abs(discount.minorUnits), currency: discount.currency))
        }
        h += row(text.shipping, order.shipping)
        if !order.taxesIncluded { h += row(text.tax, order.tax) }
        h += row(text.total, order.total, bold: true)
        if order.taxesIncluded { h += row(text.taxIncluded, order.tax) }
        return h + "</table>"
    }

    static func csrf(_ token: String?) -> String {
        guard let token else { return "" }
        return "<input type=\"hidden\" name=\"csrf_token\" value=\"\(HTMLEscaping.escape(token))\">"
    }
}
