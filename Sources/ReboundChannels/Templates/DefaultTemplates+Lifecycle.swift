/// Shipped copy for the ready-made flows beyond cart recovery: checkout and browse abandonment, welcome,
/// post-purchase, win-back and loyalty, in English and German. Each is a full template a shop can replace.
extension DefaultTemplates {
    /// One message's words; the markup around them is shared.
    struct Copy {
        var id: String
        var subject: String
        var preview: String
        var headline: String
        var body: String
        var button: String
        /// `links.restore` (back to the cart) or `shop.website_url` (the storefront).
        var target: String = "shop.website_url"
        var showsCart: Bool = false
        var showsDiscount: Bool = false
        var showsRecommendations: Bool = false
    }

    static var lifecycle: [EmailTemplate] {
        lifecycleEnglish.map {
            lifecycleTemplate($0, locale: "en", total: "Total", code: "Your code", until: "valid until", more: "You might also like")
        }
            + lifecycleGerman.map {
                lifecycleTemplate($0, locale: "de", total: "Summe", code: "Ihr Code", until: "gültig bis", more: "Das könnte Ihnen auch gefallen")
            }
    }

    static func lifecycleTemplate(_ copy: Copy, locale: String, total: String, code: String, until: String, more: String) -> EmailTemplate {
        let discountHTML = """
            {{#discount.code}}<p style="text-align:center;font-size:18px;">\(code): <strong style="letter-spacing:2px;">{{discount.code}}</strong>{{#discount.expires_at}}<br><small>\(until) {{discount.expires_at}}</small>{{/discount.expires_at}}</p>{{/discount.code}}
            """
        let discountText =
            "{{#discount.code}}\(code): {{discount.code}}{{#discount.expires_at}} (\(until) {{discount.expires_at}}){{/discount.expires_at}}\n{{/discount.code}}"
        var html = "<h2>\(copy.headline)</h2>\n<p>\(copy.body)</p>\n"
        var text = "\(copy.headline)\n\n\(copy.body)\n\n"
        if copy.showsCart {
            html += cartHTML(total: total) + "\n"
            text += cartText(total: total) + "\n\n"
        }
        if copy.showsDiscount {
            html += discountHTML + "\n"
            text += discountText
        }
        html += "{{#\(copy.target)}}" + button(copy.target, copy.button) + "{{/\(copy.target)}}\n"
        text += "{{#\(copy.target)}}\(copy.button): {{\(copy.target)}}\n{{/\(copy.target)}}"
        if copy.showsRecommendations {
            html += recommendationsHTML(heading: more)
            text += "{{#recommendations}}- {{title}}: {{url}}\n{{/recommendations}}"
        }
        html +=
            "{{#links.chat}}<p style=\"text-align:center;\"><a href=\"{{links.chat}}\">\(locale == "de" ? "Fragen? Schreiben Sie uns" : "Questions? Chat with us")</a></p>{{/links.chat}}"
        return EmailTemplate(id: copy.id, locale: locale, subject: copy.subject, preview: copy.preview, html: html, text: text)
    }

    static let lifecycleEnglish: [Copy] = [
        Copy(
            id: "checkout_abandoned.help",
            subject: "Your order isn't finished yet",
            preview: "Your checkout at {{shop.name}} is saved. Anything we can help with?",
            headline:
                "{{#customer.first_name}}{{customer.first_name}}, y{{/customer.first_name}}{{^customer.first_name}}Y{{/customer.first_name}}ou were almost done",
            body: "Your checkout is saved. If shipping, payment or sizing held you up, reply to this email or chat with us: we answer fast.",
            button: "Finish my order",
            target: "links.restore",
            showsCart: true
        ),
        Copy(
            id: "checkout_abandoned.reminder",
            subject: "Still want these?",
            preview: "We kept your checkout at {{shop.name}}.",
            headline: "Your items are still reserved",
            body: "We can't hold them for ever. Complete your order in two clicks.",
            button: "Complete my order",
            target: "links.restore",
            showsCart: true,
            showsDiscount: true
        ),
        Copy(
            id: "browse_abandoned.recommendations",
            subject: "Saw something you liked?",
            preview: "A few picks from {{shop.name}} based on what you looked at.",
            headline: "Still thinking about it?",
            body: "Here is what you looked at, and a few things other customers chose with it.",
            button: "Take another look",
            showsRecommendations: true
        ),
        Copy(
            id: "welcome.story",
            subject: "Welcome to {{shop.name}}",
            preview: "Thanks for joining us. Here is who we are.",
            headline: "Welcome{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}!",
            body: "Thanks for signing up. We pick every product ourselves and answer every question personally: just reply to this email.",
            button: "Visit the shop",
            showsDiscount: true
        ),
        Copy(
            id: "welcome.bestsellers",
            subject: "Our customers' favourites",
            preview: "The products people order again and again at {{shop.name}}.",
            headline: "What our customers love",
            body: "These are the products ordered most often in our shop.",
            button: "See the bestsellers",
            showsRecommendations: true
        ),
        Copy(
            id: "welcome.first_order",
            subject: "A thank-you for your first order",
            preview: "Your welcome code is still waiting.",
            headline: "Ready for your first order?",
            body: "Your welcome code still works, but not for long.",
            button: "Shop now",
            showsDiscount: true
        ),
        Copy(
            id: "post_purchase.thanks",
            subject: "Thank you for your order",
            preview: "A few tips to get the most out of your purchase.",
            headline: "Thank you{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}!",
            body: "Your order is on its way. Questions about using it, returns or anything else? Reply to this email: a person answers.",
            button: "Visit the shop"
        ),
        Copy(
            id: "post_purchase.review",
            subject: "How do you like it?",
            preview: "Your review helps other customers at {{shop.name}}.",
            headline: "How was your order?",
            body: "It takes a minute and helps other customers decide. Thank you!",
            button: "Write a review"
        ),
        Copy(
            id: "post_purchase.cross_sell",
            subject: "Goes well with your last order",
            preview: "Picked for you at {{shop.name}}.",
            headline: "Made to go together",
            body: "Customers who bought what you bought often added these.",
            button: "See the picks",
            showsRecommendations: true
        ),
        Copy(
            id: "win_back.miss_you",
            subject: "We miss you{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}",
            preview: "Here's something to welcome you back to {{shop.name}}.",
            headline: "It's been a while",
            body: "We'd love to see you again, so here is a code for your next order. Tell us if something kept you away: it helps us improve.",
            button: "Come back to the shop",
            showsDiscount: true,
            showsRecommendations: true
        ),
        Copy(
            id: "win_back.last_chance",
            subject: "Your code expires soon",
            preview: "Last chance to use your welcome-back code.",
            headline: "Last chance",
            body: "Your welcome-back code expires soon.",
            button: "Use my code",
            showsDiscount: true
        ),
        Copy(
            id: "loyalty_tier.vip",
            subject: "You're now a VIP at {{shop.name}}",
            preview: "Thank you for your loyalty: here's an exclusive code.",
            headline: "Welcome to VIP{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}",
            body: "You are one of our best customers. As a VIP you get early access to new products and this exclusive code.",
            button: "Shop as a VIP",
            showsDiscount: true
        ),
    ]

    static let lifecycleGerman: [Copy] = [
        Copy(
            id: "checkout_abandoned.help",
            subject: "Ihre Bestellung ist noch nicht abgeschlossen",
            preview: "Ihr Checkout bei {{shop.name}} ist gespeichert. Können wir helfen?",
            headline:
                "{{#customer.first_name}}{{customer.first_name}}, S{{/customer.first_name}}{{^customer.first_name}}S{{/customer.first_name}}ie waren fast fertig",
            body:
                "Ihr Checkout ist gespeichert. Hat Sie Versand, Zahlung oder die Größe aufgehalten? Antworten Sie auf diese E-Mail oder schreiben Sie uns im Chat: Wir antworten schnell.",
            button: "Bestellung abschließen",
            target: "links.restore",
            showsCart: true
        ),
        Copy(
            id: "checkout_abandoned.reminder",
            subject: "Noch Interesse?",
            preview: "Wir haben Ihren Checkout bei {{shop.name}} aufbewahrt.",
            headline: "Ihre Artikel sind noch reserviert",
            body: "Lange können wir sie nicht zurückhalten. Schließen Sie Ihre Bestellung mit zwei Klicks ab.",
            button: "Jetzt bestellen",
            target: "links.restore",
            showsCart: true,
            showsDiscount: true
        ),
        Copy(
            id: "browse_abandoned.recommendations",
            subject: "Etwas Schönes gesehen?",
            preview: "Ein paar Empfehlungen von {{shop.name}} zu dem, was Sie angesehen haben.",
            headline: "Noch am Überlegen?",
            body: "Das haben Sie sich angesehen, und das haben andere Kunden dazu gewählt.",
            button: "Noch einmal ansehen",
            showsRecommendations: true
        ),
        Copy(
            id: "welcome.story",
            subject: "Willkommen bei {{shop.name}}",
            preview: "Schön, dass Sie da sind. Das sind wir.",
            headline: "Willkommen{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}!",
            body:
                "Danke für Ihre Anmeldung. Wir wählen jedes Produkt selbst aus und beantworten jede Frage persönlich: Antworten Sie einfach auf diese E-Mail.",
            button: "Zum Shop",
            showsDiscount: true
        ),
        Copy(
            id: "welcome.bestsellers",
            subject: "Die Lieblinge unserer Kunden",
            preview: "Die Produkte, die bei {{shop.name}} immer wieder bestellt werden.",
            headline: "Das lieben unsere Kunden",
            body: "Diese Produkte werden in unserem Shop am häufigsten bestellt.",
            button: "Bestseller ansehen",
            showsRecommendations: true
        ),
        Copy(
            id: "welcome.first_order",
            subject: "Ein Dankeschön für Ihre erste Bestellung",
            preview: "Ihr Willkommenscode wartet noch.",
            headline: "Bereit für Ihre erste Bestellung?",
            body: "Ihr Willkommenscode gilt noch, aber nicht mehr lange.",
            button: "Jetzt einkaufen",
            showsDiscount: true
        ),
        Copy(
            id: "post_purchase.thanks",
            subject: "Vielen Dank für Ihre Bestellung",
            preview: "Ein paar Tipps, damit Sie lange Freude daran haben.",
            headline: "Vielen Dank{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}!",
            body:
                "Ihre Bestellung ist unterwegs. Fragen zur Anwendung, zur Rückgabe oder zu etwas anderem? Antworten Sie auf diese E-Mail: Ein Mensch antwortet.",
            button: "Zum Shop"
        ),
        Copy(
            id: "post_purchase.review",
            subject: "Wie gefällt es Ihnen?",
            preview: "Ihre Bewertung hilft anderen Kunden bei {{shop.name}}.",
            headline: "Wie war Ihre Bestellung?",
            body: "Es dauert nur eine Minute und hilft anderen Kunden bei der Entscheidung. Danke!",
            button: "Bewertung schreiben"
        ),
        Copy(
            id: "post_purchase.cross_sell",
            subject: "Passt zu Ihrer letzten Bestellung",
            preview: "Für Sie ausgewählt bei {{shop.name}}.",
            headline: "Passt perfekt dazu",
            body: "Kunden, die dasselbe gekauft haben wie Sie, haben oft auch das hier gewählt.",
            button: "Empfehlungen ansehen",
            showsRecommendations: true
        ),
        Copy(
            id: "win_back.miss_you",
            subject: "Wir vermissen Sie{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}",
            preview: "Ein kleines Willkommen-zurück von {{shop.name}}.",
            headline: "Lange nicht gesehen",
            body:
                "Wir würden uns freuen, Sie wiederzusehen, deshalb hier ein Code für Ihre nächste Bestellung. Sagen Sie uns gern, was Sie ferngehalten hat: Das hilft uns, besser zu werden.",
            button: "Zurück zum Shop",
            showsDiscount: true,
            showsRecommendations: true
        ),
        Copy(
            id: "win_back.last_chance",
            subject: "Ihr Code läuft bald ab",
            preview: "Letzte Gelegenheit für Ihren Willkommen-zurück-Code.",
            headline: "Letzte Chance",
            body: "Ihr Willkommen-zurück-Code läuft bald ab.",
            button: "Code einlösen",
            showsDiscount: true
        ),
        Copy(
            id: "loyalty_tier.vip",
            subject: "Sie sind jetzt VIP bei {{shop.name}}",
            preview: "Danke für Ihre Treue: Hier ist Ihr exklusiver Code.",
            headline: "Willkommen im VIP-Kreis{{#customer.first_name}}, {{customer.first_name}}{{/customer.first_name}}",
            body: "Sie gehören zu unseren besten Kunden. Als VIP erhalten Sie früher Zugang zu Neuheiten und diesen exklusiven Code.",
            button: "Als VIP einkaufen",
            showsDiscount: true
        ),
    ]

    /// SMS texts per template and language: `{shop}`, `{link}` are filled in; kept within one or two GSM-7
    /// segments where the words allow. The opt-out line is added by the sender.
    public static func smsText(_ template: String, locale: String) -> String {
        let german = locale.lowercased().hasPrefix("de")
        switch template {
        case "sms_cart.reminder":
            return german
                ? "{shop}: Ihr Warenkorb wartet noch auf Sie: {link} Fragen? Antworten Sie einfach auf diese SMS."
                : "{shop}: your cart is still waiting: {link} Questions? Just reply to this text."
        default:
            return german ? "{shop}: {link}" : "{shop}: {link}"
        }
    }
}
