import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ReboundAPI
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing
import WebDriver

/// End to end in a real headless Chromium against the real server: the storefront page loads `/widget.js`, the
/// proactive prompt waits for its delay, exit intent shows the shop's code, a restore link is greeted, the
/// free-shipping bar follows the cart, and a shopper and an agent chat.
@Suite(.serialized) struct StorefrontBrowserTests {
    static let settings = ShopSettings(freeShippingThreshold: 5000)

    /// Shop settings and a catalogue the tactics need; the product data is the test storefront's own items.
    static func prepare(_ app: TestApp) async throws {
        let widget: JSONValue = [
            "tactics": ["exit_intent": ["code": "DANKE10", "text": "10 % auf Ihre Bestellung"], "proactive_chat": ["delay_seconds": 45]]
        ]
        #expect(try await app.request(.patch, "/v1/settings", json: ["widget": widget]).status == .ok)
        try await app.store.saveProducts(
            [
                Product(
                    id: Product.ID("bottle"),
                    title: "Trinkflasche",
                    category: "Zubehör",
                    url: "/products/bottle",
                    imageURL: nil,
                    status: "active",
                    variants: [
                        Variant(
                            id: Variant.ID("bottle-1"),
                            title: "0,75 l",
                            sku: "B1",
                            price: Money(minorUnits: 1200, currency: Currency(rawValue: "EUR")!),
                            stock: 12
                        )
                    ],
                    updatedAt: app.clock.now
                ),
                Product(
                    id: Product.ID("rain-jacket"),
                    title: "Regenjacke",
                    category: "Jacken",
                    url: "/products/rain-jacket",
                    status: "active",
                    variants: [
                        Variant(
                            id: Variant.ID("rain-jacket-m"),
                            title: "M",
                            price: Money(minorUnits: 4500, currency: Currency(rawValue: "EUR")!),
                            stock: 3
                        )
                    ],
                    updatedAt: app.clock.now
                ),
            ],
            shopID: app.shop.id
        )
    }

    @Test func tacticsShowAndTheChatReachesAnAgent() async throws {
        guard let engine = TestEngine.available.first else { return }
        try await withLiveTestApp(engine, settings: Self.settings) { app, _ in
            try await Self.prepare(app)
            let port = try #require(app.client.port)
            try await BrowserStorefront.run("storefront-cart", app: app, port: port) { shop in
                try await shop.open("cart")
                // Proactive prompt: not before 45 s on the page's clock, then shown.
                try await shop.advance(seconds: 44)
                #expect(try await !shop.isShown(".rb-bubble"))
                try await shop.advance(seconds: 1)
                #expect(try await shop.isShown(".rb-bubble"))

                // The free-shipping bar follows the cart and offers the product that closes the gap.
                try await shop.browser.findElement(css: "#add-socks").click()
                try await shop.browser.waitUntil("the bar to show the gap") {
                    try await shop.text("[data-rebound-slot=\"free-shipping\"] .rb-fs-text").contains("41,50")
                }
                try await shop.browser.waitUntil("the gap filler") {
                    try await shop.isShown("[data-rebound-slot=\"free-shipping\"] .rb-fs-rec")
                }
                // 41,50 € short: the cheapest product in stock that closes the gap (the 12 € bottle would not).
                #expect(try await shop.text("[data-rebound-slot=\"free-shipping\"] .rb-fs-rec").contains("Regenjacke"))

                // Exit intent: the pointer leaves through the top of the window.
                try await shop.browser.execute(
                    "document.dispatchEvent(new MouseEvent('mouseout', {clientY: -5, relatedTarget: null, bubbles: true}))"
                )
                try await shop.browser.waitUntil("the exit-intent offer") { try await shop.isShown(".rb-dialog") }
                #expect(try await shop.browser.findElement(css: ".rb-dialog .rb-code").property("value") == .string("DANKE10"))
                try await shop.browser.execute("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}))")

                // Chat: the shopper writes; the agent answers through the API; the page shows it.
                try await shop.browser.findElement(css: ".rb-launcher").click()
                try await shop.browser.waitUntil("the chat to connect") { try await shop.state()["connected"] == true }
                try await shop.browser.findElement(css: ".rb-form textarea").sendKeys("Passen die Socken in Größe 42?" + Key.enter)
                var conversationID: String?
                try await shop.browser.waitUntil("the message to reach the server") {
                    conversationID = try await app.store.conversations(shopID: app.shop.id, status: nil, limit: 1).first?.id
                    return conversationID != nil
                }
                let id = try #require(conversationID)
                let reply = try await app.request(.post, "/v1/conversations/\(id)/messages", json: ["text": "Ja, 39–42 passt.", "name": "Lena"])
                #expect(reply.status == .created)
                try await shop.browser.waitUntil("the agent's answer on the page") {
                    (try? await shop.text(".rb-agent .rb-text")) == "Ja, 39–42 passt."
                }
                let messages = try await app.store.conversationMessages(shopID: app.shop.id, conversationID: id)
                #expect(messages.map(\.author) == ["shopper", "agent"])
                // What the widget tracked reaches the server as events (flushed now instead of after its 300 ms timer).
                try await shop.browser.execute("Rebound.flush()")
                try await shop.browser.waitUntil("the exposures to arrive") {
                    let exposures = try await app.request(.get, "/v1/events?type=widget_exposure").json["data"]?.arrayValue ?? []
                    return exposures.contains { $0["properties"]?["tactic"] == "exit_intent" }
                }
            }
        }
    }

    @Test func aRestoreLinkIsGreeted() async throws {
        guard let engine = TestEngine.available.first else { return }
        try await withLiveTestApp(engine, settings: Self.settings) { app, _ in
            try await Self.prepare(app)
            let port = try #require(app.client.port)
            try await BrowserStorefront.run("storefront-welcome-back", app: app, port: port) { shop in
                try await shop.open("cart", query: "rb_welcome=1")
                try await shop.browser.waitUntil("the welcome-back greeting") { try await shop.isShown(".rb-bubble") }
                #expect(try await shop.text(".rb-bubble p").contains("Willkommen zurück"))
                // The "questions? chat with us" link of a message opens the chat.
                try await shop.open("cart", query: "rb_chat=1")
                try await shop.browser.waitUntil("the chat panel") { try await shop.isShown(".rb-panel") }
            }
        }
    }
}
