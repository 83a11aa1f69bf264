import Foundation

/// Sends W3C WebDriver commands as JSON and unwraps the `{"value": …}` envelope.
struct WebDriverTransport: Sendable {
    let baseURL: URL
    let client: any HTTPClient

    init(baseURL: URL, client: any HTTPClient = .platformDefault) {
        self.baseURL = baseURL
        self.client = client
    }

    func get(_ path: String) async throws -> WireValue { try await send("GET", path, body: nil) }
    func post(_ path: String, _ body: WireValue = [:]) async throws -> WireValue { try await send("POST", path, body: body) }
    func delete(_ path: String) async throws -> WireValue { try await send("DELETE", path, body: nil) }

    private func send(_ method: String, _ path: String, body: WireValue?) async throws -> WireValue {
        guard let url = URL(string: baseURL.absoluteString + path) else {
            throw WebDriverError(code: WebDriverError.invalidResponse, message: "cannot build a URL from \(path)")
        }
        let (status, data) = try await client.send(method, url, body: try body.map { try JSONEncoder().encode($0) })
        guard let envelope = try? JSONDecoder().decode(WireValue.self, from: data) else {
            let text = String(decoding: data.prefix(500), as: UTF8.self)
            throw WebDriverError(code: WebDriverError.invalidResponse, message: "\(method) \(path): \(text)", httpStatus: status)
        }
        let value = envelope["value"] ?? .null
        // Only the status marks an error: a script may well return an object with an "error" key.
        if status >= 400 {
            throw WebDriverError(
                code: value["error"]?.stringValue ?? WebDriverError.unknownError,
                message: value["message"]?.stringValue ?? "\(method) \(path) failed",
                httpStatus: status
            )
        }
        return value
    }
}
