/// What kind of Chromium a new session starts.
public struct ChromeOptions: Sendable, Hashable {
    public var binary: String
    public var arguments: [String]

    /// Headless Chromium from Debian's `chromium` package, with a desktop-sized window.
    public init(
        binary: String = "/usr/bin/chromium",
        arguments: [String] = ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,900"]
    ) {
        self.binary = binary
        self.arguments = arguments
    }

    /// The `capabilities` object of a W3C New Session request.
    var capabilities: WireValue {
        [
            "alwaysMatch": [
                "browserName": "chrome",
                "goog:chromeOptions": ["binary": .string(binary), "args": .array(arguments.map { .string($0) })],
            ]
        ]
    }
}
