import Foundation
import ReboundCore
import ReboundTesting
import WebDriver

/// A real headless Chromium on a test storefront page (served by a static file server of the test) that loads
/// `/widget.js` from the real Rebound server under test. Screenshots go to `.build/screenshots/` (see README).
struct BrowserStorefront {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let screenshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent(".build/screenshots")

    let app: TestApp
    let pageBase: String
    let browser: WebDriverSession

    /// Starts the page server, chromedriver and Chromium, runs `body`, saves a screenshot, stops everything.
    static func run(_ name: String, app: TestApp, port: Int, _ body: (BrowserStorefront) async throws -> Void) async throws {
        let pages = try ChildProcess(
            executable: "/usr/bin/env",
            arguments: ["python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", fixtures.path]
        )
        defer { pages.stop() }
        let pagePort = try await pages.waitForOutput { ChildProcess.number(after: "port ", in: $0) }
        let driver = try await ChromeDriverService.start()
        defer { driver.stop() }
        let browser = try await WebDriverSession.start(driver: driver)
        let storefront = BrowserStorefront(app: app, pageBase: "http://127.0.0.1:\(pagePort)", browser: browser)
        // The page's clock starts at the browser's real time, and the server refuses events from its future: bring
        // the server's test clock up to the same moment (both then move only when the test says so).
        let lag = Date().timeIntervalSince(app.clock.now)
        if lag > 0 { app.clock.advance(by: lag) }
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        do {
            try await body(storefront.with(port: port))
            try await browser.saveScreenshot(to: screenshots.appendingPathComponent(name + ".png"))
        } catch {
            try? await browser.saveScreenshot(to: screenshots.appendingPathComponent(name + "-failed.png"))
            try? await browser.delete()
            throw error
        }
        try await browser.delete()
    }

    var reboundPort = 0
    func with(port: Int) -> BrowserStorefront {
        var copy = self
        copy.reboundPort = port
        return copy
    }

    /// Opens the storefront page and waits until the widget has its configuration from the server.
    func open(_ page: String, query: String = "") async throws {
        let rebound = "http://127.0.0.1:\(reboundPort)"
        let url = URL(
            string: "\(pageBase)/storefront.html?rebound=\(rebound)&key=\(app.shop.publicKey)&page=\(page)" + (query.isEmpty ? "" : "&" + query)
        )!
        try await browser.navigate(to: url)
        try await browser.waitUntil("the widget to load its config") {
            try await browser.execute("return !!(window.Rebound && Rebound._state && Rebound._state().configLoaded)").boolValue == true
        }
    }

    func state() async throws -> WireValue { try await browser.execute("return Rebound._state()") }

    /// Moves the page's fake clock.
    func advance(seconds: Double) async throws {
        try await browser.execute("ReboundClock.advance(arguments[0])", [.number(seconds * 1000)])
    }

    func isShown(_ css: String) async throws -> Bool {
        for element in try await browser.findElements(css: css) where try await element.isDisplayed() { return true }
        return false
    }

    func text(_ css: String) async throws -> String { try await browser.findElement(css: css).text() }
}
