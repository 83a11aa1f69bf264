import Foundation
import Hummingbird
import HummingbirdTesting
import ReboundAPI
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing
import WebDriver

/// Two real headless Chromiums against the real server: a shopper chats in the storefront widget while an agent has
/// the inbox open, and the agent's page updates over `/admin/ws` without a reload; a shopper sends a picture with the
/// widget's `+` button and the agent's open thread shows it. Screenshots (`.build/screenshots/`): `admin-inbox-live.png`,
/// `storefront-chat-live.png`, `storefront-chat-image.png` and `admin-inbox-image.png`.
@Suite(.serialized) struct LiveInboxBrowserTests {
    /// Signs an agent of the app's shop in, in a browser of its own, on `/admin/inbox`.
    static func signedInInbox(_ app: TestApp, base: String, driver: ChromeDriverService) async throws -> WebDriverSession {
        let password = "correct horse battery"
        let agent = Agent(
            shopID: app.shop.id,
            id: "ag_lena",
            email: "lena@shop.example",
            name: "Lena",
            role: .agent,
            passwordHash: try await AdminAuth.hashPassword(password, cost: 4),
            createdAt: app.clock.now
        )
        try await app.store.createAgent(agent)
        let browser = try await WebDriverSession.start(driver: driver)
        try await browser.navigate(to: try #require(URL(string: base + "/admin/login?next=/admin/inbox")))
        try await browser.waitForElement(css: "input[name=email]").sendKeys(agent.email)
        try await browser.findElement(css: "input[name=password]").sendKeys(password + Key.enter)
        _ = try await browser.waitForElement(css: "#inbox")
        return browser
    }

    /// Waits until the inbox page's socket is joined (the page marks itself live on the server's `ready` frame).
    static func waitUntilLive(_ browser: WebDriverSession) async throws {
        try await browser.waitUntil("the inbox socket to be live") {
            try await browser.execute("return document.getElementById('inbox')?.dataset.live === '1'").boolValue == true
        }
    }

    @Test func theInboxShowsTheShoppersMessagesWithoutAReload() async throws {
        guard let engine = TestEngine.available.first else { return }
        try await withLiveTestApp(engine, settings: StorefrontBrowserTests.settings) { app, _ in
            try await StorefrontBrowserTests.prepare(app)
            let port = try #require(app.client.port)
            try await BrowserStorefront.run("storefront-chat-live", app: app, port: port) { shop in
                // Signed in after the storefront moved the server's clock to the browser's time, so the session is fresh.
                let driver = try await ChromeDriverService.start()
                defer { driver.stop() }
                let inbox = try await Self.signedInInbox(app, base: "http://127.0.0.1:\(port)", driver: driver)
                let screenshot = BrowserStorefront.screenshots.appendingPathComponent("admin-inbox-live.png")
                do {
                    try await Self.waitUntilLive(inbox)
                    // A marker in the page's window: a reload would drop it.
                    try await inbox.execute("window.__sameDocument = true")

                    try await shop.open("cart")
                    try await shop.browser.findElement(css: ".rb-launcher").click()
                    try await shop.browser.waitUntil("the chat to connect") { try await shop.state()["connected"] == true }
                    try await shop.browser.findElement(css: ".rb-form textarea").sendKeys("Gibt es die Regenjacke in M?" + Key.enter)
                    var conversationID: String?
                    try await shop.browser.waitUntil("the message to reach the server") {
                        conversationID = try await app.store.conversations(shopID: app.shop.id, status: nil, limit: 1).first?.id
                        return conversationID != nil
                    }
                    let id = try #require(conversationID)
                    // The new conversation shows in the agent's list by itself.
                    let row = "li[data-conversation-id=\"\(id)\"] a"
                    try await inbox.waitUntil("the new conversation in the list") { try await !inbox.findElements(css: row).isEmpty }
                    #expect(try await inbox.execute("return window.__sameDocument === true").boolValue == true)

                    // The agent opens it; the shopper writes again; the message appears in the open thread.
                    try await inbox.findElement(css: row).click()
                    _ = try await inbox.waitForElement(css: "#thread .msg.shopper")
                    try await Self.waitUntilLive(inbox)
                    try await inbox.execute("window.__sameDocument = true")
                    try await shop.browser.findElement(css: ".rb-form textarea").sendKeys("Und in L? <b>bitte</b>" + Key.enter)
                    try await inbox.waitUntil("the second message in the open thread") {
                        let bodies = try await inbox.findElements(css: "#thread .msg.shopper .body")
                        return bodies.count == 2
                    }
                    let bodies = try await inbox.findElements(css: "#thread .msg.shopper .body")
                    #expect(try await bodies[1].text() == "Und in L? <b>bitte</b>")
                    #expect(try await inbox.execute("return window.__sameDocument === true").boolValue == true)
                    #expect(try await inbox.findElements(css: "#thread .msg.shopper b").isEmpty)
                    try await inbox.saveScreenshot(to: screenshot)
                } catch {
                    try? await inbox.saveScreenshot(to: BrowserStorefront.screenshots.appendingPathComponent("admin-inbox-live-failed.png"))
                    try? await inbox.delete()
                    throw error
                }
                try await inbox.delete()
            }
        }
    }

    @Test func aShopperSendsAPictureFromTheWidget() async throws {
        guard let engine = TestEngine.available.first else { return }
        try await withLiveTestApp(engine, settings: StorefrontBrowserTests.settings) { app, _ in
            try await StorefrontBrowserTests.prepare(app)
            let port = try #require(app.client.port)
            try await BrowserStorefront.run("storefront-chat-image", app: app, port: port) { shop in
                try await shop.open("cart")
                try await shop.browser.findElement(css: ".rb-launcher").click()
                try await shop.browser.waitUntil("the chat to connect") { try await shop.state()["connected"] == true }
                try await shop.browser.findElement(css: ".rb-form textarea").sendKeys("Die Flasche kam so an:" + Key.enter)
                var conversationID: String?
                try await shop.browser.waitUntil("the message to reach the server") {
                    conversationID = try await app.store.conversations(shopID: app.shop.id, status: nil, limit: 1).first?.id
                    return conversationID != nil
                }
                let id = try #require(conversationID)
                // The agent has the conversation open.
                let driver = try await ChromeDriverService.start()
                defer { driver.stop() }
                let base = "http://127.0.0.1:\(port)"
                let inbox = try await Self.signedInInbox(app, base: base, driver: driver)
                do {
                    try await inbox.navigate(to: try #require(URL(string: base + "/admin/inbox/\(id)")))
                    try await Self.waitUntilLive(inbox)

                    // A real PNG: a screenshot of the storefront page.
                    let png = try await shop.browser.screenshot()
                    let file = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-upload-\(UUID().uuidString).png")
                    try png.write(to: file)
                    defer { try? FileManager.default.removeItem(at: file) }
                    // The + button opens the file picker (nothing to see headless); the test picks the file for it.
                    try await shop.browser.findElement(css: ".rb-attach").click()
                    try await shop.browser.findElement(css: ".rb-form input[type=file]").sendKeys(file.path)
                    try await shop.browser.waitUntil("the picture in the shopper's chat") {
                        try await Self.imageLoaded(shop.browser, ".rb-msg.rb-shopper img.rb-img")
                    }
                    try await shop.browser.waitUntil("the message to be confirmed") {
                        try await shop.browser.findElements(css: ".rb-msg.rb-shopper[data-pending]").isEmpty
                    }
                    // The agent's open thread shows it without a reload.
                    try await inbox.waitUntil("the picture in the agent's thread") { try await Self.imageLoaded(inbox, "#thread .msg.shopper img") }
                    // And the page renders it when read afresh.
                    try await inbox.refresh()
                    try await inbox.waitUntil("the picture in the reloaded thread") { try await Self.imageLoaded(inbox, "#thread .msg.shopper img") }
                    try await inbox.saveScreenshot(to: BrowserStorefront.screenshots.appendingPathComponent("admin-inbox-image.png"))

                    // Through the API: the message carries the image, and the server serves the same bytes.
                    let thread = try await app.request(.get, "/v1/conversations/\(id)").json
                    let attachment = try #require(thread["messages"]?.arrayValue?.last?["attachments"]?.arrayValue?.first)
                    #expect(attachment["content_type"] == "image/png")
                    #expect(try #require(attachment["width"]?.int64Value) > 100)
                    let served = try await app.request(.get, try #require(attachment["url"]?.stringValue))
                    #expect(served.status == .ok && Data(served.body.readableBytesView) == png)
                } catch {
                    try? await inbox.saveScreenshot(to: BrowserStorefront.screenshots.appendingPathComponent("admin-inbox-image-failed.png"))
                    try? await inbox.delete()
                    throw error
                }
                try await inbox.delete()
            }
        }
    }

    /// Whether the first image matching `css` has loaded (a broken image has no natural width).
    static func imageLoaded(_ browser: WebDriverSession, _ css: String) async throws -> Bool {
        let script = "const i = document.querySelector(arguments[0]); return !!(i && i.complete && i.naturalWidth > 0)"
        return try await browser.execute(script, [.string(css)]).boolValue == true
    }
}
