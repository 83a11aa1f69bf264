public import AsyncHTTPClient
public import Foundation
public import Logging
import NIOCore
import NIOHTTP1

/// POSTs JSON to webhooks (generic, HMAC-signed, or Slack) and retries 429, 5xx and network errors with backoff.
public struct WebhookSender: Sendable {
    let httpClient: HTTPClient
    let backoff: Backoff
    let sleeper: Sleeper
    let timeout: Duration

    public init(httpClient: HTTPClient = .shared, backoff: Backoff = Backoff(), sleeper: Sleeper, timeout: Duration = .seconds(10)) {
        self.httpClient = httpClient
        self.backoff = backoff
        self.sleeper = sleeper
        self.timeout = timeout
    }

    /// Sends a signed webhook. Each attempt is signed with the time it is sent.
    /// - Returns: the HTTP status of the successful attempt.
    @discardableResult
    public func send(url: String, body: [UInt8], signer: WebhookSigner?, now: @Sendable () -> Date, logger: Logger) async throws -> Int {
        var attempt = 1
        while true {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "User-Agent", value: "Rebound-Webhooks/1")
            if let signer {
                let timestamp = Int64(now().timeIntervalSince1970)
                request.headers.add(name: WebhookSigner.timestampHeader, value: String(timestamp))
                request.headers.add(name: WebhookSigner.signatureHeader, value: signer.signature(body: body, timestamp: timestamp))
            }
            request.body = .bytes(ByteBuffer(bytes: body))
            let failure: DeliveryError
            do {
                let response = try await httpClient.execute(request, timeout: .seconds(timeout.components.seconds))
                _ = try? await response.body.collect(upTo: 64 * 1024)
                let status = Int(response.status.code)
                if (200..<300).contains(status) { return status }
                let transient = status == 429 || status == 408 || status >= 500
                failure = DeliveryError(transient ? .transientFailure : .permanentFailure, "webhook \(url) answered \(status)", status: status)
            } catch {
                failure = DeliveryError(.connectionFailed, "webhook \(url): \(error)")
            }
            guard failure.isTransient, attempt < backoff.maxAttempts else { throw failure }
            let delay = backoff.delay(afterAttempt: attempt)
            logger.notice("webhook failed, retrying", metadata: ["rebound.webhook.attempt": "\(attempt)", "rebound.webhook.error": "\(failure)"])
            try await sleeper.sleep(delay)
            attempt += 1
        }
    }

    /// Posts a Slack message to an incoming-webhook URL.
    public func send(slack message: SlackMessage, to url: String, now: @Sendable () -> Date, logger: Logger) async throws {
        try await send(url: url, body: Array(try message.jsonData()), signer: nil, now: now, logger: logger)
    }
}
