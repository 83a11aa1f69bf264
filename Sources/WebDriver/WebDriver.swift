public import Foundation

/// One browser session on chromedriver, speaking the W3C WebDriver protocol (https://www.w3.org/TR/webdriver2/).
///
/// ```swift
/// let driver = try await ChromeDriverService.start()
/// let browser = try await WebDriverSession.start(driver: driver)
/// try await browser.navigate(to: URL(string: "http://127.0.0.1:8080/")!)
/// try await browser.findElement(css: "#buy").click()
/// try await browser.waitUntil("the cart shows one line") { try await browser.findElements(css: ".line").count == 1 }
/// try await browser.delete()
/// driver.stop()
/// ```
public struct WebDriverSession: Sendable {
    public let id: String
    let transport: WebDriverTransport

    /// Starts a new browser session (W3C New Session).
    public static func start(driver: ChromeDriverService, options: ChromeOptions = ChromeOptions()) async throws -> WebDriverSession {
        try await start(driverURL: driver.url, options: options)
    }

    /// Starts a new browser session on a chromedriver that is already running at `driverURL`.
    public static func start(driverURL: URL, options: ChromeOptions = ChromeOptions()) async throws -> WebDriverSession {
        let transport = WebDriverTransport(baseURL: driverURL)
        let value = try await transport.post("/session", ["capabilities": options.capabilities])
        guard let id = value["sessionId"]?.stringValue else {
            throw WebDriverError(code: WebDriverError.invalidResponse, message: "New Session answered without a sessionId: \(value)")
        }
        return WebDriverSession(id: id, transport: transport)
    }

    var path: String { "/session/\(id)" }

    /// Ends the session and closes the browser.
    public func delete() async throws {
        _ = try await transport.delete(path)
    }

    // MARK: Navigation

    /// Loads `url` and returns when the page has loaded (the document's load event).
    public func navigate(to url: URL) async throws {
        _ = try await transport.post(path + "/url", ["url": .string(url.absoluteString)])
    }

    public func currentURL() async throws -> String {
        try await transport.get(path + "/url").stringValue ?? ""
    }

    public func title() async throws -> String {
        try await transport.get(path + "/title").stringValue ?? ""
    }

    public func refresh() async throws {
        _ = try await transport.post(path + "/refresh")
    }

    // MARK: Scripts

    /// Runs `script` as the body of a function in the page and returns what it returns (W3C Execute Script).
    ///
    /// Arguments are in `arguments[0]`, `arguments[1]`…; pass `element.reference` to hand over an element.
    @discardableResult
    public func execute(_ script: String, _ arguments: [WireValue] = []) async throws -> WireValue {
        try await transport.post(path + "/execute/sync", ["script": .string(script), "args": .array(arguments)])
    }

    // MARK: Screenshots

    /// The viewport as PNG data.
    public func screenshot() async throws -> Data {
        guard let text = try await transport.get(path + "/screenshot").stringValue, let data = Data(base64Encoded: text) else {
            throw WebDriverError(code: WebDriverError.invalidResponse, message: "the screenshot is not base64")
        }
        return data
    }

    /// Writes a PNG of the viewport to `url`, creating its folder when needed.
    public func saveScreenshot(to url: URL) async throws {
        let data = try await screenshot()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }
}
