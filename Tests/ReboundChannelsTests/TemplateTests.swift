import Foundation
import ReboundChannels
import ReboundCore
import Testing

@Suite struct TemplateTests {
    static let now = Date(timeIntervalSince1970: 1_795_702_001)

    func context(currency: Currency = .eur, firstName: String? = "Jürgen") -> EmailRenderContext {
        EmailRenderContext(
            shop: ShopBranding(name: "Käsehaus", address: ["Hauptstraße 1", "50667 Köln"]),
            customer: Customer(id: "cus_1", email: "jm@example.de", firstName: firstName, createdAt: Self.now, updatedAt: Self.now),
            cart: Cart(
                id: "cart_1",
                token: "t",
                lines: [
                    CartLine(productID: "p1", variantID: "v1", title: "Bergkäse <500 g>", quantity: 1, price: 1999),
                    CartLine(productID: "p2", title: "Messer", quantity: 2, price: 123_456),
                ],
                currency: currency,
                createdAt: Self.now
            ),
            products: ["p1/v1": .init(imageURL: "https://cdn.example/kaese.jpg")],
            discount: .init(code: "STAY10", percentOff: 10, expiresAt: Self.now.addingTimeInterval(48 * 3600)),
            reviews: [.init(productTitle: "Bergkäse", rating: 4, text: "Würzig!", author: "Anna")],
            recommendations: [.init(title: "Brot", url: "https://shop.example/brot", price: Money(minorUnits: 450, currency: currency))],
            links: .init(restore: "https://rebound.example/r/abc", chat: "https://shop.example/chat", unsubscribe: "https://rebound.example/u/x"),
            timeZone: TimeZone(identifier: "Europe/Berlin")!
        )
    }

    @Test func moneyIsFormattedForTheLocale() {
        #expect(MoneyFormatter(locale: "de-DE").string(Money(minorUnits: 1999, currency: .eur)) == "19,99\u{00A0}€")
        #expect(MoneyFormatter(locale: "en-IE").string(Money(minorUnits: 1999, currency: .eur)) == "€19.99")
        #expect(MoneyFormatter(locale: "en-US").string(Money(minorUnits: 1999, currency: .usd)) == "$19.99")
        #expect(MoneyFormatter(locale: "de-DE").string(Money(minorUnits: 123_456_789, currency: .eur)) == "1.234.567,89\u{00A0}€")
        #expect(MoneyFormatter(locale: "en-GB").string(Money(minorUnits: -500, currency: .gbp)) == "-£5.00")
        #expect(MoneyFormatter(locale: "ja-JP").string(Money(minorUnits: 1500, currency: Currency(rawValue: "JPY")!)) == "¥1,500")
    }

    @Test(arguments: ["cart_recovery.help", "cart_recovery.reviews", "cart_recovery.offer", "cart_recovery_72h.reminder"])
    func shippedTemplatesRenderInGermanWithoutMissingVariables(id: String) throws {
        let renderer = try TemplateRenderer(templates: DefaultTemplates.all)
        let content = try renderer.render(id, locale: "de-DE", context: context())
        #expect(content.missingVariables.isEmpty)
        #expect(content.html.contains("19,99\u{00A0}€"))
        #expect(content.html.contains("2.469,12\u{00A0}€"))
        #expect(content.html.contains("Bergkäse &lt;500 g&gt;"))
        #expect(content.text.contains("Bergkäse <500 g>"))
        #expect(content.html.contains("https://rebound.example/r/abc"))
        #expect(content.html.contains("Abmelden"))
    }

    @Test func offerMentionsCodeAndExpiryInLocalTime() throws {
        let renderer = try TemplateRenderer(templates: DefaultTemplates.all)
        let de = try renderer.render("cart_recovery.offer", locale: "de-DE", context: context())
        #expect(de.subject == "10 % Rabatt für deinen Warenkorb – nur für kurze Zeit")
        #expect(de.html.contains("STAY10") && de.html.contains("28.11.2026, 15:06 Uhr"))
        let en = try renderer.render("cart_recovery.offer", locale: "en-IE", context: context())
        #expect(en.subject == "10% off for your cart, for a short time")
        #expect(en.html.contains("€19.99"))
        #expect(en.preview == "Use code STAY10 before 28 Nov 2026, 15:06.")
    }

    @Test func englishForUSDollarsAndFallbackLocale() throws {
        let renderer = try TemplateRenderer(templates: DefaultTemplates.all)
        let content = try renderer.render("cart_recovery.help", locale: "fr-FR", context: context(currency: .usd, firstName: nil))
        #expect(content.subject == "Something went wrong with your cart?")
        #expect(content.html.contains("Something went wrong?"))
        let us = try renderer.render("cart_recovery.help", locale: "en-US", context: context(currency: .usd))
        #expect(us.html.contains("$19.99"))
    }

    @Test func genericTemplateUsesExtras() throws {
        var ctx = context()
        ctx.extra = [
            "subject": "Willkommen!", "preview": "Schön, dass du da bist", "headline": "willkommen", "body": "Text",
            "cta_url": "https://shop.example", "cta_label": "Zum Shop",
        ]
        let content = try TemplateRenderer(templates: DefaultTemplates.all).render("generic", locale: "de", context: ctx)
        #expect(content.subject == "Willkommen!")
        #expect(content.html.contains("Zum Shop"))
        #expect(content.missingVariables.isEmpty)
    }

    @Test func missingVariablesRenderEmptyAndAreReported() throws {
        let template = EmailTemplate(
            id: "t",
            locale: "en",
            subject: "Hi {{customer.frist_name}}",
            preview: "",
            html: "<p>{{customer.first_name}} {{coupon}}</p>{{#cart.lines}}{{titel}}{{/cart.lines}}{{#nothing}}{{inside}}{{/nothing}}",
            text: "{{customer.first_name}}"
        )
        let content = try TemplateRenderer(templates: [template]).render("t", locale: "en", context: context())
        #expect(content.subject == "Hi")
        #expect(content.missingVariables == ["customer.frist_name", "coupon", "titel"])
        #expect(content.html.contains("<p>Jürgen </p>"))
    }

    @Test func syntaxErrorsCarryLineAndColumn() {
        let broken = EmailTemplate(
            id: "broken",
            locale: "de",
            subject: "ok",
            preview: "",
            html: "<p>Hallo</p>\n<p>{{#cart}}x{{/carts}}</p>",
            text: ""
        )
        #expect {
            try TemplateRenderer.validate(broken)
        } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.code == .syntax && error.part == "html" && error.line == 2 && error.column > 1
        }
        let subject = EmailTemplate(id: "s", locale: "de", subject: "Hallo {{name", preview: "", html: "", text: "")
        #expect {
            try TemplateRenderer.validate(subject)
        } throws: { error in
            guard let error = error as? TemplateError else { return false }
            return error.part == "subject" && error.line == 1 && error.column >= 1 && error.column <= 13
        }
    }

    @Test func unknownTemplateIsNotFound() throws {
        let renderer = try TemplateRenderer(templates: DefaultTemplates.all)
        #expect(throws: TemplateError.self) { try renderer.render("nope", locale: "de", context: context()) }
    }
}
