import Foundation
import ReboundAnswers
import Testing

@Suite struct AnswerBotCatalogueTests {
    @Test func stockOfANamedVariant() throws {
        let d = try BotFixtures.bot().decide(BotFixtures.request("Is the Example T-Shirt in stock in Medium?"))
        #expect(d.kind == .answer)
        #expect(d.text == "Example T-Shirt – Medium: in stock, $19.99 (was $24.99).")
        #expect(d.sources.first?.title == "Example T-Shirt" && d.sources.first?.url == "https://example.com/products/example-t-shirt")
    }

    @Test func sizeTheProductDoesNotComeIn() throws {
        let d = try BotFixtures.bot().decide(BotFixtures.request("Do you have the t-shirt in large?"))
        #expect(d.text.hasPrefix("Example T-Shirt doesn't come in Large."))
        #expect(d.text.contains("Small: in stock") && d.has(.variantNotFound))
    }

    @Test func soldOutWithRestockDateAndLowStock() throws {
        var product = try BotFixtures.shopifyProduct()
        product.variants[0].stock = 0
        product.variants[0].restockDate = Date(timeIntervalSince1970: 1_773_532_800)  // 2026-03-15
        product.variants[1].stock = 3
        let bot = AnswerBot(knowledge: try BotFixtures.knowledge(catalogue: [product]))
        #expect(
            bot.decide(BotFixtures.request("When will the Example T-Shirt be back in stock in small?")).text
                == "Example T-Shirt – Small: sold out, back in stock on 15 March 2026, $19.99 (was $24.99)."
        )
        #expect(
            bot.decide(BotFixtures.request("Gibt es das Example T-Shirt noch in Medium?", locale: "de")).text
                == "Example T-Shirt – Medium: nur noch 3 auf Lager, 19,99\u{00A0}$ (statt 24,99\u{00A0}$)."
        )
    }

    @Test func priceOfASimpleProductAndTheProductPageContext() throws {
        let bot = try BotFixtures.bot()
        #expect(bot.decide(BotFixtures.request("How much is the Premium Quality?")).text == "Premium Quality: available, $21.99.")
        var request = BotFixtures.request("is this available in small?")
        request.productID = try BotFixtures.shopifyProduct().id
        #expect(bot.decide(request).text == "Example T-Shirt – Small: in stock, $19.99 (was $24.99).")
    }

    @Test func oneLetterSizesOnlyAsCapitals() throws {
        var product = try BotFixtures.shopifyProduct()
        product.variants = [
            CatalogueVariant(id: "1", title: "Blue / M", options: ["Blue", "M"], price: BotFixtures.usd(1_999), stock: 4),
            CatalogueVariant(id: "2", title: "Black / M", options: ["Black", "M"], price: BotFixtures.usd(1_999), stock: 0),
            CatalogueVariant(id: "3", title: "Blue / L", options: ["Blue", "L"], price: BotFixtures.usd(1_999), stock: 9),
        ]
        let bot = AnswerBot(knowledge: try BotFixtures.knowledge(catalogue: [product]))
        #expect(
            bot.decide(BotFixtures.request("Is the example t-shirt available in blau, Größe M?", locale: "de")).text
                == "Example T-Shirt – Blue / M: nur noch 4 auf Lager, 19,99\u{00A0}$."
        )
        // "I'm" is not size M: every variant is listed.
        #expect(bot.decide(BotFixtures.request("I'm asking if the example t-shirt is in stock")).text.contains("Blue / L: in stock"))
    }
}
