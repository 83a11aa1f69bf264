import Foundation

/// The bot's sentences in English and German, filled from the shop's facts.
///
/// Texts are templates, not generated prose: every number, date and name in them comes from the
/// shop's data, so a template answer cannot state something the data does not say.
struct BotText: Sendable {
    let language: TextLanguage
    let timeZone: TimeZone

    init(language: TextLanguage, timeZone: String) {
        self.language = language
        self.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")!
    }

    var de: Bool { language == .german }

    func clarify() -> String {
        de ? "Wobei kann ich Ihnen helfen? Schreiben Sie mir gern Ihre Frage." : "How can I help? Please type your question."
    }

    func handoff(askedForHuman: Bool) -> String {
        if askedForHuman {
            return de
                ? "Gern verbinde ich Sie mit unserem Team. Jemand meldet sich in Kürze bei Ihnen."
                : "Sure, I'm connecting you with our team. Someone will get back to you shortly."
        }
        return de
            ? "Dazu habe ich keine sichere Antwort. Ich gebe Ihre Frage an unser Team weiter, jemand meldet sich in Kürze bei Ihnen."
            : "I don't have a reliable answer to that, so I've passed your question to our team. Someone will get back to you shortly."
    }

    func askForOrder(_ claim: OrderClaim) -> String {
        switch (claim.orderNumber, claim.email) {
        case (let number?, _?):
            return de ? "Danke! Ich sehe mir Bestellung \(number) an." : "Thanks! Let me look up order \(number)."
        case (_?, nil):
            return de
                ? "Danke! Bitte nennen Sie mir noch die E-Mail-Adresse, mit der Sie bestellt haben."
                : "Thanks! Please also tell me the email address you used for the order."
        case (nil, _?):
            return de ? "Danke! Bitte nennen Sie mir noch Ihre Bestellnummer." : "Thanks! Please also tell me your order number."
        default:
            return de
                ? "Um Ihre Bestellung zu finden, nennen Sie mir bitte Ihre Bestellnummer und die E-Mail-Adresse, mit der Sie bestellt haben."
                : "To look up your order, please tell me your order number and the email address you used for the order."
        }
    }

    func verificationFailed() -> String {
        de
            ? "Zu dieser Bestellnummer und E-Mail-Adresse habe ich keine Bestellung gefunden. Bitte prüfen Sie beide Angaben."
            : "I couldn't find an order with that order number and email address. Please check both and try again."
    }

    func orderStatus(_ order: OrderRecord) -> String {
        let placed = de ? "Bestellung \(order.number) vom \(date(order.placedAt))" : "Order \(order.number), placed on \(date(order.placedAt))"
        let tracked = order.shipments.filter { $0.trackingURL != nil || $0.trackingNumber != nil }
        var text: String
        switch order.status {
        case .cancelled:
            text = de ? "\(placed), wurde storniert." : "\(placed), was cancelled."
        case .unfulfilled:
            text = de ? "\(placed), wird gerade vorbereitet und ist noch nicht versandt." : "\(placed), is being prepared and has not shipped yet."
        case .partiallyFulfilled:
            text = de ? "\(placed), ist teilweise versandt." : "\(placed), has partly shipped."
        case .fulfilled:
            let when = order.shipments.compactMap(\.shippedAt).max().map { de ? " am \(date($0))" : " on \(date($0))" } ?? ""
            text = de ? "\(placed), wurde\(when) versandt." : "\(placed), shipped\(when)."
        case .delivered:
            let when = order.deliveredAt.map { de ? " am \(date($0))" : " on \(date($0))" } ?? ""
            text = de ? "\(placed), wurde\(when) zugestellt." : "\(placed), was delivered\(when)."
        }
        for shipment in tracked {
            let carrier = shipment.carrier.map { " (\($0))" } ?? ""
            if let url = shipment.trackingURL {
                text += de ? " Sendungsverfolgung\(carrier): \(url)" : " Tracking\(carrier): \(url)"
            } else if let number = shipment.trackingNumber {
                text += de ? " Sendungsnummer\(carrier): \(number)" : " Tracking number\(carrier): \(number)"
            }
        }
        return text
    }

    func orderReturns(_ eligibility: ReturnEligibility, order: OrderRecord) -> String {
        let returnable = eligibility.lines.filter(\.isReturnable).map(\.item.title)
        let excluded = eligibility.lines.filter { !$0.isReturnable }
        var parts: [String] = []
        if returnable.isEmpty {
            parts.append(
                de
                    ? "Aus Bestellung \(order.number) kann derzeit nichts zurückgegeben werden."
                    : "Nothing from order \(order.number) can be returned right now."
            )
        } else {
            let until = eligibility.windowEndsAt.map { de ? " bis zum \(date($0))" : " until \(date($0))" } ?? ""
            parts.append(
                de
                    ? "Aus Bestellung \(order.number) können Sie\(until) zurückgeben: \(returnable.joined(separator: ", "))."
                    : "From order \(order.number) you can return\(until): \(returnable.joined(separator: ", "))."
            )
        }
        for line in excluded {
            parts.append("\(line.item.title): \(exclusion(line.exclusion!)).")
        }
        return parts.joined(separator: " ")
    }

    func exclusion(_ exclusion: ReturnExclusion) -> String {
        switch exclusion {
        case .finalSale: de ? "Endverkauf, vom Umtausch ausgeschlossen" : "final sale, not returnable"
        case .saleItem: de ? "reduzierte Ware, vom Umtausch ausgeschlossen" : "sale item, not returnable"
        case .excludedTag: de ? "von der Rückgabe ausgeschlossen" : "excluded from returns"
        case .windowClosed: de ? "die Rückgabefrist ist abgelaufen" : "the return window has closed"
        case .notDelivered: de ? "noch nicht zugestellt" : "not delivered yet"
        }
    }

    /// "nach Österreich", "in die Schweiz", "in die USA"; English: the country name.
    func destination(_ code: String) -> String {
        let name = CountryNames.name(for: code, language: language)
        guard de else { return name }
        if let phrase = Self.germanDestinations[code.uppercased()] { return phrase }
        return "nach \(name)"
    }

    static let germanDestinations: [String: String] = [
        "CH": "in die Schweiz", "US": "in die USA", "NL": "in die Niederlande", "TR": "in die Türkei", "GB": "ins Vereinigte Königreich",
        "SK": "in die Slowakei", "UA": "in die Ukraine", "MN": "in die Mongolei", "PH": "auf die Philippinen", "MV": "auf die Malediven",
        "SC": "auf die Seychellen", "BS": "auf die Bahamas", "AE": "in die Vereinigten Arabischen Emirate", "DO": "in die Dominikanische Republik",
        "CZ": "nach Tschechien", "IR": "in den Iran", "IQ": "in den Irak", "LB": "in den Libanon", "YE": "in den Jemen", "OM": "in den Oman",
        "SD": "in den Sudan", "VA": "in den Vatikan", "CG": "in die Republik Kongo", "CD": "in die Demokratische Republik Kongo",
    ]

    func days(_ rate: ShippingRate) -> String {
        let range = rate.minDays == rate.maxDays ? "\(rate.minDays)" : "\(rate.minDays)–\(rate.maxDays)"
        if de { return "\(range) \(rate.maxDays == 1 ? "Werktag" : "Werktage")" }
        return "\(range) business \(rate.maxDays == 1 ? "day" : "days")"
    }

    func rates(_ zone: ShippingZone, subtotal: MoneyAmount?) -> String {
        zone.ratesByPrice.map { rate in
            let price = rate.price(forSubtotal: subtotal)
            let cost = price.minorUnits == 0 ? (de ? "kostenlos" : "free") : price.formatted(language)
            return "\(rate.name): \(cost), \(days(rate))"
        }.joined(separator: "; ")
    }

    func freeShipping(_ zone: ShippingZone, subtotal: MoneyAmount?) -> String? {
        guard let rate = zone.ratesByPrice.first(where: { $0.freeAbove != nil }), let threshold = rate.freeAbove else { return nil }
        if let subtotal, subtotal.currency == threshold.currency {
            let gap = threshold.minorUnits - subtotal.minorUnits
            if gap <= 0 {
                return de ? "Ihr Warenkorb erreicht den kostenlosen Versand (\(rate.name))." : "Your cart qualifies for free shipping (\(rate.name))."
            }
            let missing = MoneyAmount(minorUnits: gap, currency: threshold.currency).formatted(language)
            return de
                ? "Ab \(threshold.formatted(language)) ist der Versand (\(rate.name)) kostenlos – Ihnen fehlen noch \(missing)."
                : "\(rate.name) shipping is free from \(threshold.formatted(language)) – you're \(missing) away."
        }
        return de
            ? "Ab \(threshold.formatted(language)) ist der Versand (\(rate.name)) kostenlos."
            : "\(rate.name) shipping is free from \(threshold.formatted(language))."
    }

    func duties(_ zone: ShippingZone, country: String) -> String {
        switch zone.duties {
        case .none:
            return de ? "Es fallen keine Zollgebühren an." : "There are no customs duties."
        case .included:
            return de ? "Zölle und Einfuhrsteuern sind im Preis enthalten." : "Duties and import taxes are included in the price."
        case .payableOnDelivery:
            return de
                ? "Zölle und Einfuhrsteuern können bei der Zustellung anfallen und werden vom Empfänger bezahlt."
                : "Import duties and taxes may be charged on delivery and are paid by the recipient."
        }
    }

    func shipsTo(_ country: String, zone: ShippingZone, subtotal: MoneyAmount?) -> String {
        var parts = [
            de
                ? "Ja, wir liefern \(destination(country)). \(rates(zone, subtotal: subtotal))."
                : "Yes, we ship to \(destination(country)). \(rates(zone, subtotal: subtotal))."
        ]
        if let free = freeShipping(zone, subtotal: subtotal) { parts.append(free) }
        parts.append(duties(zone, country: country))
        return parts.joined(separator: " ")
    }

    func doesNotShip(_ country: String) -> String {
        de ? "Leider liefern wir derzeit nicht \(destination(country))." : "Sorry, we don't ship to \(destination(country)) at the moment."
    }

    func shippingCost(_ country: String, zone: ShippingZone, subtotal: MoneyAmount?) -> String {
        var parts = [
            de
                ? "Versand \(destination(country)): \(rates(zone, subtotal: subtotal))."
                : "Shipping to \(destination(country)): \(rates(zone, subtotal: subtotal))."
        ]
        if let free = freeShipping(zone, subtotal: subtotal) { parts.append(free) }
        return parts.joined(separator: " ")
    }

    func deliveryTime(_ country: String, zone: ShippingZone) -> String {
        let list = zone.ratesByPrice.map { "\(days($0)) (\($0.name))" }.joined(separator: de ? " oder " : " or ")
        return de ? "Lieferzeit \(destination(country)): \(list)." : "Delivery to \(destination(country)) takes \(list)."
    }

    func trust(_ facts: TrustFacts) -> String {
        var parts: [String] = []
        if let year = facts.foundedYear {
            parts.append(
                de ? "Dieser Shop wird seit \(year) von \(facts.legalName) betrieben." : "This shop has been run by \(facts.legalName) since \(year)."
            )
        } else {
            parts.append(de ? "Dieser Shop wird von \(facts.legalName) betrieben." : "This shop is run by \(facts.legalName).")
        }
        if let address = facts.address { parts.append(de ? "Anschrift: \(address)." : "Address: \(address).") }
        if let r = facts.reviews {
            let rating = de ? String(format: "%.1f", r.rating).replacingOccurrences(of: ".", with: ",") : String(format: "%.1f", r.rating)
            let scale = de ? String(format: "%g", r.scale).replacingOccurrences(of: ".", with: ",") : String(format: "%g", r.scale)
            parts.append(
                de
                    ? "Bei \(r.provider) haben wir \(rating) von \(scale) Sternen aus \(r.count) Bewertungen."
                    : "We're rated \(rating) out of \(scale) on \(r.provider) from \(r.count) reviews."
            )
        }
        if !facts.paymentMethods.isEmpty {
            parts.append(
                de
                    ? "Bezahlen können Sie mit \(facts.paymentMethods.joined(separator: ", "))."
                    : "You can pay with \(facts.paymentMethods.joined(separator: ", "))."
            )
        }
        if let protection = facts.buyerProtection { parts.append(protection.hasSuffix(".") ? protection : protection + ".") }
        if let email = facts.contactEmail { parts.append(de ? "Sie erreichen uns unter \(email)." : "You can reach us at \(email).") }
        return parts.joined(separator: " ")
    }

    func returns(_ policy: ReturnPolicy, askedAboutSale: Bool, product: CatalogueProduct?) -> String {
        var parts: [String] = []
        let start = policy.windowStart == .delivery ? (de ? "ab Zustellung" : "of delivery") : (de ? "ab Bestellung" : "of ordering")
        var how: [String] = []
        if policy.refundsAllowed { how.append(de ? "Erstattung" : "a refund") }
        if policy.exchangesAllowed { how.append(de ? "Umtausch" : "an exchange") }
        let options = how.isEmpty ? "" : (de ? " (\(how.joined(separator: " oder ")))" : " for \(how.joined(separator: " or "))")
        parts.append(
            de
                ? "Sie können Artikel innerhalb von \(policy.windowDays) Tagen \(start) zurückgeben\(options)."
                : "You can return items within \(policy.windowDays) days \(start)\(options)."
        )
        if let cost = policy.returnShippingCost {
            parts.append(
                cost.minorUnits == 0
                    ? (de ? "Die Rücksendung ist kostenlos." : "Return shipping is free.")
                    : (de ? "Die Rücksendung kostet \(cost.formatted(language))." : "Return shipping costs \(cost.formatted(language)).")
            )
        }
        if let product {
            let exclusion = policy.exclusion(isOnSale: product.isOnSale, isFinalSale: product.isFinalSale, tags: product.tags)
            if let exclusion {
                parts.append("\(product.title): \(self.exclusion(exclusion)).")
            } else {
                parts.append(de ? "\(product.title) kann zurückgegeben werden." : "\(product.title) can be returned.")
            }
        } else if askedAboutSale || !policy.saleItemsReturnable || !policy.excludedTags.isEmpty {
            if policy.saleItemsReturnable {
                parts.append(de ? "Reduzierte Artikel können ebenfalls zurückgegeben werden." : "Sale items can be returned too.")
            } else {
                parts.append(
                    de ? "Ausnahme: Reduzierte Artikel sind vom Umtausch ausgeschlossen." : "Exception: sale items are final and cannot be returned."
                )
            }
            if !policy.excludedTags.isEmpty {
                let list = policy.excludedTags.joined(separator: ", ")
                parts.append(
                    de ? "Von der Rückgabe ausgeschlossen sind Artikel mit dem Vermerk \(list)." : "Items marked \(list) cannot be returned."
                )
            }
        }
        return parts.joined(separator: " ")
    }

    func product(_ match: ProductMatcher.Match) -> String {
        let product = match.product
        var parts: [String] = []
        if match.optionsNotFound {
            let asked = match.requestedOptions.joined(separator: " / ")
            parts.append(de ? "\(product.title) gibt es nicht in \(asked)." : "\(product.title) doesn't come in \(asked).")
        }
        let variants = match.optionsNotFound ? product.variants : match.variants
        let describeAll = variants.count > 1 || match.optionsNotFound
        var lines: [String] = []
        for variant in variants {
            let name = variant.options.isEmpty ? "" : variant.options.joined(separator: " / ") + ": "
            lines.append(name + availability(variant))
        }
        let head = describeAll || variants.first?.options.isEmpty == false ? "\(product.title) – " : "\(product.title): "
        parts.append(head + lines.joined(separator: "; ") + ".")
        return parts.joined(separator: " ")
    }

    func availability(_ variant: CatalogueVariant) -> String {
        var text: String
        if let stock = variant.stock {
            if stock > 0 {
                text = stock <= 5 ? (de ? "nur noch \(stock) auf Lager" : "only \(stock) left in stock") : (de ? "auf Lager" : "in stock")
            } else if variant.allowsBackorder {
                text = de ? "nachbestellbar" : "available to backorder"
            } else {
                text = de ? "ausverkauft" : "sold out"
            }
            if stock <= 0, let restock = variant.restockDate {
                text += de ? ", wieder verfügbar ab \(date(restock))" : ", back in stock on \(date(restock))"
            } else if stock <= 0 {
                text += de ? ", noch kein Termin für neue Ware" : ", no restock date yet"
            }
        } else {
            text = de ? "verfügbar" : "available"
        }
        var price = variant.price.formatted(language)
        if variant.isOnSale, let was = variant.compareAtPrice {
            price += de ? " (statt \(was.formatted(language)))" : " (was \(was.formatted(language)))"
        }
        return text + ", " + price
    }

    func incentive(_ offer: IncentiveOffer) -> String {
        var conditions: [String] = []
        if let expiresAt = offer.expiresAt { conditions.append(de ? "gültig bis \(dateTime(expiresAt))" : "valid until \(dateTime(expiresAt))") }
        if let minimum = offer.minimumCartValue {
            conditions.append(de ? "ab \(minimum.formatted(language)) Bestellwert" : "on orders from \(minimum.formatted(language))")
        }
        let suffix = conditions.isEmpty ? "" : " (\(conditions.joined(separator: ", ")))"
        if let code = offer.code {
            return de
                ? "Ich kann Ihnen \(offer.percent) % Rabatt auf diese Bestellung anbieten: Code \(code)\(suffix)."
                : "I can offer you \(offer.percent)% off this order with the code \(code)\(suffix)."
        }
        return de
            ? "Ich kann Ihnen \(offer.percent) % Rabatt auf diese Bestellung anbieten\(suffix). Der Rabatt wird in Ihrem Warenkorb angezeigt."
            : "I can offer you \(offer.percent)% off this order\(suffix). The discount will show in your cart."
    }

    func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        let month = (de ? Self.germanMonths : Self.englishMonths)[(c.month ?? 1) - 1]
        return de ? "\(c.day ?? 1). \(month) \(c.year ?? 1970)" : "\(c.day ?? 1) \(month) \(c.year ?? 1970)"
    }

    func dateTime(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let c = calendar.dateComponents([.hour, .minute], from: date)
        let time = String(format: "%02d:%02d", c.hour ?? 0, c.minute ?? 0)
        return de ? "\(self.date(date)), \(time) Uhr" : "\(self.date(date)), \(time)"
    }

    static let englishMonths = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    static let germanMonths = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"]
}
