import ReboundAnswers
import Testing

@Suite struct AnswerBotShippingTests {
    @Test func shipsToCanadaWithCostTimeAndDuties() throws {
        let d = try BotFixtures.bot().decide(BotFixtures.request("Do you ship to Canada?", cart: BotFixtures.cart))
        guard case .answer(let a) = d else { Issue.record("expected an answer, got \(d)"); return }
        #expect(
            a.text
                == "Yes, we ship to Canada. International: $20.00, 5–10 business days. International shipping is free from $150.00 – you're $110.02 away. Import duties and taxes may be charged on delivery and are paid by the recipient."
        )
        #expect(a.sources == [BotFixtures.shipping.source])
        #expect(a.intent == "delivery_options" && a.confidence == 1)
        #expect(d.has(.matchedCountry))
    }

    @Test func germanQuestionGermanAnswer() throws {
        let d = try BotFixtures.bot().decide(BotFixtures.request("Liefert ihr nach Österreich?", locale: "de-AT"))
        #expect(d.kind == .answer)
        #expect(
            d.text
                == "Ja, wir liefern nach Österreich. International: 25,00\u{00A0}$, 6–12 Werktage. Zölle und Einfuhrsteuern sind im Preis enthalten."
        )
        #expect(d.sources.first?.url == "https://example.com/pages/shipping")
    }

    @Test func countryNotServedIsAnAnswerFromTheZones() throws {
        let d = try BotFixtures.bot().decide(BotFixtures.request("Do you deliver to Brazil?"))
        #expect(d.kind == .answer && d.text == "Sorry, we don't ship to Brazil at the moment." && d.has(.countryNotServed))
        let de = try BotFixtures.bot().decide(BotFixtures.request("Versendet ihr in die Schweiz?", locale: "de"))
        #expect(de.text == "Leider liefern wir derzeit nicht in die Schweiz.")
    }

    @Test func shippingCostUsesShopperCountryAndFreeShippingGap() throws {
        let bot = try BotFixtures.bot()
        let d = bot.decide(BotFixtures.request("How much is shipping?", cart: BotFixtures.cart))
        #expect(
            d.text
                == "Shipping to the United States: Standard: $5.00, 3–5 business days; Express: $15.00, 1–2 business days. Standard shipping is free from $50.00 – you're $10.02 away."
        )
        let rich = CartSummary(lines: BotFixtures.cart.lines, subtotal: BotFixtures.usd(6_000))
        #expect(
            bot.decide(BotFixtures.request("how much is shipping", cart: rich)).text.hasPrefix(
                "Shipping to the United States: Standard: free, 3–5 business days"
            )
        )
        let de = bot.decide(BotFixtures.request("Was kosten die Versandkosten?", locale: "de", country: "DE"))
        #expect(de.text == "Versand nach Deutschland: International: 25,00\u{00A0}$, 6–12 Werktage.")
    }

    @Test func shippingCostObjectionGetsTheFactNotADiscount() throws {
        let d = try BotFixtures.bot().decide(BotFixtures.request("shipping is way too expensive", cart: BotFixtures.cart))
        #expect(d.kind == .answer && d.text.contains("free from $50.00 – you're $10.02 away"))
        #expect(d.has(.priceObjection) && !d.has(.incentiveOffered))
    }

    @Test func deliveryTime() throws {
        let bot = try BotFixtures.bot()
        #expect(
            bot.decide(BotFixtures.request("How long does delivery take to the Netherlands?")).text
                == "Delivery to the Netherlands takes 6–12 business days (International)."
        )
        #expect(
            bot.decide(BotFixtures.request("Wie lange dauert der Versand?", locale: "de")).text
                == "Lieferzeit in die USA: 3–5 Werktage (Standard) oder 1–2 Werktage (Express)."
        )
    }
}
