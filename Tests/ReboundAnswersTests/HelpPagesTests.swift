import Foundation
import ReboundAnswers
import Testing

@Suite struct HelpPagesTests {
    static func knowledge() throws -> ShopKnowledge {
        var articles = try BotFixtures.faqArticles()
        articles[3].section = "Returns"
        articles[25].section = "Returns"
        articles.append(
            KnowledgeArticle(
                id: "evil",
                title: "<img src=x onerror=alert(1)> Sizes",
                body: "# Size chart\n\n<script>alert(1)</script> Our **shirts** run small. [Chart](javascript:alert(1)) [Guide](/pages/sizes)",
                locale: "en",
                url: "javascript:alert(2)",
                section: "Returns"
            )
        )
        articles.append(KnowledgeArticle(id: "versand", title: "Versandkosten", body: "Der Versand kostet 4,90 €.", locale: "de", section: "Versand"))
        return ShopKnowledge(shop: ShopProfile(id: "demo", name: "Demo & <Co>", currency: "USD"), articles: articles)
    }

    @Test func articleListBySection() throws {
        let view = HelpCenterView(knowledge: try Self.knowledge(), locale: "en", paths: BotFixtures.paths)
        #expect(view.sections.map(\.title) == ["Returns", "General"])
        #expect(view.sections[0].articles.count == 3 && view.sections[1].articles.count == 77)
        let html = HelpPages.index(view)
        #expect(html.contains("<title>Help · Demo &amp; &lt;Co&gt;</title>"))
        #expect(html.contains("<a href=\"/help/demo/articles/faq-4\">What is your return policy?</a>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; Sizes") && !html.contains("<img"))
        let de = HelpCenterView(knowledge: try Self.knowledge(), locale: "de", paths: BotFixtures.paths)
        #expect(de.sections.map(\.title) == ["Versand"])
        #expect(HelpPages.index(de).contains("<html lang=\"de\">"))
    }

    @Test func articlePageEscapesEverything() throws {
        let knowledge = try Self.knowledge()
        let view = try #require(HelpArticleView(knowledge: knowledge, id: "evil", locale: "en", paths: BotFixtures.paths))
        let html = HelpPages.article(view)
        #expect(!html.contains("<script") && !html.contains("<img") && !html.lowercased().contains("javascript:"))
        #expect(html.contains("<h2>Size chart</h2>") && html.contains("<strong>shirts</strong>"))
        #expect(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && html.contains("<a href=\"/pages/sizes\" rel=\"nofollow noopener\">Guide</a>")
        )
        #expect(html.contains("Content-Security-Policy") && html.contains("default-src 'none'"))
        #expect(view.related.map(\.title) == ["What is your return policy?", "Can I return a product if I changed my mind?"])
        #expect(HelpArticleView(knowledge: knowledge, id: "missing", locale: "en", paths: BotFixtures.paths) == nil)
    }

    @Test func searchPage() throws {
        let knowledge = try Self.knowledge()
        let view = HelpSearchView(knowledge: knowledge, query: "track my order \"><script>", locale: "en", paths: BotFixtures.paths)
        #expect(view.results.first?.title == "How can I track my order?")
        let html = HelpPages.search(view)
        #expect(html.contains("value=\"track my order &quot;&gt;&lt;script&gt;\"") && !html.contains("<script"))
        #expect(HelpPaths(shop: "my shop").search("a&b") == "/help/my%20shop/search?q=a%26b")
        let nothing = HelpPages.search(HelpSearchView(knowledge: knowledge, query: "zzzz", locale: "en", paths: BotFixtures.paths))
        #expect(nothing.contains("No articles found"))
        let long = HelpSearchView(knowledge: knowledge, query: String(repeating: "return ", count: 10_000), locale: "en", paths: BotFixtures.paths)
        #expect(long.query.count == 200)
    }

    @Test func orderLookupFormSaysTheSameForEveryFailure() {
        let view = OrderLookupView(
            shop: BotFixtures.shop,
            locale: "en",
            paths: BotFixtures.paths,
            orderNumber: "9999\"><b>",
            email: "x@y.z",
            failed: true,
            csrfToken: "tok\"en"
        )
        let html = PortalPages.lookup(view)
        #expect(html.contains("We couldn&#39;t find an order with that order number and email address."))
        #expect(html.contains("value=\"9999&quot;&gt;&lt;b&gt;\"") && html.contains("name=\"csrf_token\" value=\"tok&quot;en\""))
        #expect(html.contains("action=\"/help/demo/orders\""))
    }

    @Test func orderStatusPageWithTrackingAndReturnLink() throws {
        let order = try BotFixtures.wooOrder()
        let within = order.placedAt.addingTimeInterval(10 * 86_400)
        let html = PortalPages.orderStatus(
            OrderStatusView(
                shop: BotFixtures.shop,
                locale: "en",
                paths: BotFixtures.paths,
                order: order,
                returnPolicy: BotFixtures.returns(),
                now: within
            )
        )
        #expect(html.contains("<h1>Order 727</h1>") && html.contains("Delivered"))
        #expect(html.contains("<a href=\"https://tracking.example/TEST-TRACKING-727\" rel=\"nofollow noopener\">Track your parcel</a> (UPS)"))
        #expect(html.contains("Returns possible until 21 April 2017.") && html.contains("/help/demo/orders/727/return"))
        #expect(html.contains("Ship Your Idea – Color: Black, Size: M Test") && html.contains("$29.35"))
        let late = PortalPages.orderStatus(
            OrderStatusView(
                shop: BotFixtures.shop,
                locale: "de",
                paths: BotFixtures.paths,
                order: order,
                returnPolicy: BotFixtures.returns(),
                now: BotFixtures.now
            )
        )
        #expect(late.contains("Für diese Bestellung ist keine Rücksendung mehr möglich.") && late.contains("29,35\u{00A0}$"))
    }

    @Test func returnFormAndValidation() throws {
        var order = try BotFixtures.wooOrder()
        order.lines[1].isOnSale = true
        let policy = BotFixtures.returns(saleItemsReturnable: false)
        let now = order.placedAt.addingTimeInterval(10 * 86_400)
        let html = PortalPages.returnForm(
            ReturnFormView(shop: BotFixtures.shop, locale: "en", paths: BotFixtures.paths, order: order, policy: policy, now: now, csrfToken: "t")
        )
        #expect(html.contains("name=\"item_315\" type=\"number\" min=\"0\" max=\"2\""))
        #expect(!html.contains("name=\"item_316\"") && html.contains("sale item, not returnable"))
        #expect(html.contains("value=\"refund\" checked") && html.contains("value=\"exchange\"") && html.contains("<option value=\"changed_mind\">"))

        let ok = ReturnRequest.validate(
            form: ["item_315": "1", "reason": "too_small", "resolution": "exchange"],
            order: order,
            policy: policy,
            now: now
        )
        #expect(
            ok
                == .success(
                    ReturnRequest(
                        orderNumber: "727",
                        items: [.init(lineID: "315", quantity: 1)],
                        reason: .tooSmall,
                        resolution: .exchange,
                        comment: nil
                    )
                )
        )
        guard
            case .failure(let bad) = ReturnRequest.validate(
                form: ["item_315": "5", "item_316": "1", "item_999": "1", "reason": "other", "resolution": "cash"],
                order: order,
                policy: policy,
                now: now
            )
        else {
            Issue.record("expected problems")
            return
        }
        #expect(bad.problems.map(\.field) == ["item_315", "item_316", "item_999", "resolution", "comment"])
        guard
            case .failure(let late) = ReturnRequest.validate(
                form: ["item_315": "1", "reason": "damaged", "resolution": "refund"],
                order: order,
                policy: policy,
                now: order.placedAt.addingTimeInterval(40 * 86_400)
            )
        else {
            Issue.record("expected the window to be closed")
            return
        }
        #expect(late.problems.first?.message.contains("windowClosed") == true)
        var refundsOnly = policy
        refundsOnly.exchangesAllowed = false
        guard
            case .failure(let noExchange) = ReturnRequest.validate(
                form: ["item_315": "1", "reason": "damaged", "resolution": "exchange"],
                order: order,
                policy: refundsOnly,
                now: now
            )
        else {
            Issue.record("expected exchanges to be refused")
            return
        }
        #expect(noExchange.problems == [ReturnRequest.Problem(field: "resolution", message: "exchanges are not offered")])
        let shown = PortalPages.returnForm(
            ReturnFormView(
                shop: BotFixtures.shop,
                locale: "de",
                paths: BotFixtures.paths,
                order: order,
                policy: policy,
                now: now,
                form: ["comment": "</textarea><script>"],
                problems: bad.problems
            )
        )
        #expect(shown.contains("&lt;/textarea&gt;&lt;script&gt;") && shown.contains("role=\"alert\"") && shown.contains("Rücksendung anmelden"))
    }

    @Test func printableInvoice() throws {
        let order = try BotFixtures.shopifyOrder()
        let seller = SellerDetails(
            name: "Demo Shop GmbH",
            addressLines: ["Beispielstraße 1", "10115 Berlin"],
            vatID: "DE123456789",
            email: "billing@example.com"
        )
        let html = PortalPages.invoice(
            InvoiceView(
                shop: BotFixtures.shop,
                locale: "en",
                paths: BotFixtures.paths,
                seller: seller,
                invoiceNumber: "INV-2022-0001",
                issuedAt: BotFixtures.now,
                order: order
            )
        )
        #expect(html.contains("<h1>Invoice INV-2022-0001</h1>") && html.contains("VAT ID DE123456789"))
        #expect(html.contains("Steve Shipper<br>Shipping Company<br>123 Shipping Street<br>40003 Shippington KY<br>US"))
        #expect(html.contains("Aviator sunglasses") && html.contains("<strong>$404.95</strong>"))
        #expect(html.contains("@media print"))
    }
}
