import Foundation
import ReboundAnswers
import Testing

@Suite struct AnswerBotReturnsTests {
    @Test func policyWithTheSaleItemException() throws {
        let strict = try BotFixtures.bot(saleItemsReturnable: false)
        let d = strict.decide(BotFixtures.request("Can I return sale items?"))
        #expect(d.kind == .answer)
        #expect(
            d.text
                == "You can return items within 30 days of ordering for a refund or an exchange. Exception: sale items are final and cannot be returned. Items marked final-sale, clearance cannot be returned."
        )
        #expect(d.sources.first?.articleID == "faq-4" && d.has(.returnFacts))
        let de = strict.decide(BotFixtures.request("Kann ich reduzierte Ware zurückschicken?", locale: "de"))
        #expect(de.text.contains("Ausnahme: Reduzierte Artikel sind vom Umtausch ausgeschlossen."))
    }

    @Test func productOnSaleIsExcludedWhenThePolicySaysSo() throws {
        // The Shopify sample T-shirt costs 19.99 with a compare-at price of 24.99: it is on sale.
        var request = BotFixtures.request("Can I return this if it doesn't fit?")
        request.productID = try BotFixtures.shopifyProduct().id
        #expect(try BotFixtures.bot(saleItemsReturnable: false).decide(request).text.hasSuffix("Example T-Shirt: sale item, not returnable."))
        #expect(try BotFixtures.bot(saleItemsReturnable: true).decide(request).text.hasSuffix("Example T-Shirt can be returned."))
        #expect(try BotFixtures.bot(saleItemsReturnable: true).decide(request).sources.count == 2)
    }

    @Test func eligibilityOfAnOrder() throws {
        let order = try BotFixtures.wooOrder()
        var lines = order.lines
        lines[1].isOnSale = true
        var sale = order
        sale.lines = lines
        let policy = BotFixtures.returns(saleItemsReturnable: false)
        let within = ReturnEligibility.evaluate(order: sale, policy: policy, now: order.placedAt.addingTimeInterval(10 * 86_400))
        #expect(within.lines.map(\.isReturnable) == [true, false] && within.lines[1].exclusion == .saleItem)
        #expect(within.windowEndsAt == order.placedAt.addingTimeInterval(30 * 86_400))
        let late = ReturnEligibility.evaluate(order: sale, policy: policy, now: order.placedAt.addingTimeInterval(31 * 86_400))
        #expect(!late.hasReturnableItems && late.lines[0].exclusion == .windowClosed)
        var fromDelivery = policy
        fromDelivery.windowStart = .delivery
        var shipped = order
        shipped.status = .fulfilled
        shipped.shipments[0].deliveredAt = nil
        #expect(ReturnEligibility.evaluate(order: shipped, policy: fromDelivery, now: BotFixtures.now).windowEndsAt == nil)
    }

    @Test func verifiedOrderReturnQuestion() throws {
        let order = try BotFixtures.wooOrder()
        var request = BotFixtures.request("Can I return something from this order?", order: .verified(order))
        request.now = order.placedAt.addingTimeInterval(5 * 86_400)
        let d = try BotFixtures.bot().decide(request)
        #expect(
            d.kind == .answer
                && d.text.hasPrefix("From order 727 you can return until 21 April 2017: Woo Single #1, Ship Your Idea – Color: Black, Size: M Test.")
        )
        #expect(d.sources.map(\.kind) == [.order, .returns])
    }
}
