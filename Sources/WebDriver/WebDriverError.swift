/// An error from chromedriver or from this client, with the W3C error code.
///
/// The W3C codes are strings such as `no such element` or `javascript error`
/// (https://www.w3.org/TR/webdriver2/#errors). The client adds a few of its own for failures that
/// happen before or around the protocol, such as a driver that does not start.
public struct WebDriverError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The W3C error code, or one of the client's own codes below.
    public var code: String
    public var message: String
    /// The HTTP status chromedriver answered with, when the error came from it.
    public var httpStatus: Int?

    public init(code: String, message: String, httpStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }

    public var description: String {
        httpStatus.map { "WebDriverError(\(code), HTTP \($0)): \(message)" } ?? "WebDriverError(\(code)): \(message)"
    }

    // W3C codes the tests commonly look for.
    public static let noSuchElement = "no such element"
    public static let staleElementReference = "stale element reference"
    public static let javascriptError = "javascript error"
    public static let timeout = "timeout"
    public static let unknownError = "unknown error"
    // The client's own codes.
    /// chromedriver did not start or did not say which port it listens on.
    public static let driverNotStarted = "driver not started"
    /// chromedriver answered with something that is not a W3C response.
    public static let invalidResponse = "invalid response"
}
