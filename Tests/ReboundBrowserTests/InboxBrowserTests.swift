import Foundation
import HummingbirdTesting
import ReboundAPI
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing
import WebDriver

/// The inbox in a real headless Chromium against the real server: an agent signs in, opens a conversation from the
/// list and replies through the composer's script. The screenshot goes to `.build/screenshots/admin-inbox-reply.png`.
@Suite(.serialized) struct InboxBrowserTests {
    @Test func anAgentSignsInOpensTheInboxAndReplies() async throws {
        guard let engine = TestEngine.available.first else { return }
        try await withLiveTestApp(engine) { app, _ in
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
            let conversation = try await app.store.appendConversationMessage(
                shopID: app.shop.id,
                to: .find(channel: "email", customerID: nil, visitorID: nil, externalThread: "<q1@example.com>", subject: "Sizes", cartID: nil),
                author: "shopper",
                authorName: "Kim",
                body: "Does the jacket come in M?",
                now: app.clock.now
            ).conversation
            let port = try #require(app.client.port)
            let base = "http://127.0.0.1:\(port)"
            let driver = try await ChromeDriverService.start()
            defer { driver.stop() }
            let browser = try await WebDriverSession.start(driver: driver)
            let screenshots = BrowserStorefront.screenshots
            try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
            do {
                try await browser.navigate(to: try #require(URL(string: base + "/admin/login?next=/admin/inbox")))
                try await browser.waitForElement(css: "input[name=email]").sendKeys(agent.email)
                try await browser.findElement(css: "input[name=password]").sendKeys(password + Key.enter)
                let link = try await browser.waitForElement(css: "li[data-conversation-id=\"\(conversation.id)\"] a")
                try await link.click()
                let box = try await browser.waitForElement(css: "#reply-body")
                try await box.sendKeys("Yes, M is in stock.")
                try await browser.findElement(css: "#composer button[type=submit]").click()
                // The script posts with the CSRF header and appends the server-rendered message without a reload.
                try await browser.waitUntil("the reply in the thread") {
                    (try? await browser.findElement(css: "#thread .msg.agent .body").text()) == "Yes, M is in stock."
                }
                let messages = try await app.store.conversationMessages(shopID: app.shop.id, conversationID: conversation.id)
                #expect(messages.map(\.author) == ["shopper", "agent"])
                #expect(messages.last?.authorName == "Lena")
                let outbox = try await app.store.messages(shopID: app.shop.id, filter: .init(), cursor: nil, limit: 10).items
                #expect(outbox.map(\.template) == ["reply"])
                try await browser.saveScreenshot(to: screenshots.appendingPathComponent("admin-inbox-reply.png"))
            } catch {
                try? await browser.saveScreenshot(to: screenshots.appendingPathComponent("admin-inbox-reply-failed.png"))
                try? await browser.delete()
                throw error
            }
            try await browser.delete()
        }
    }
}
