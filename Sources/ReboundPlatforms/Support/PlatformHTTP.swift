import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// The one place adapters touch AsyncHTTPClient: builds the request, applies the timeout, retries 429s per the
/// `RetryPolicy`, collects the body and maps transport failures to `PlatformError`. Everything is async; nothing
/// here blocks an event loop.
struct PlatformHTTP: Sendable {
    /// A collected response.
    struct Response: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var body: [UInt8]

        var isSuccess: Bool { (200..<300).contains(status) }
        var bodyText: String { String(decoding: body, as: UTF8.self) }

        func decode<T: Decodable>(_ type: T.Type, service: String) throws -> T {
            do {
                return try JSONDecoder().decode(T.self, from: Data(body))
            } catch {
                throw PlatformError(.protocolError, "\(service) answered \(status) with an unreadable body: \(error)", status: status)
            }
        }

        var retryAfter: Duration? { RetryPolicy.parseRetryAfter(headers.first(name: "Retry-After")) }
    }

    let client: HTTPClient
    let timeout: Duration
    let retry: RetryPolicy
    /// Names the service in error messages ("Shopify").
    let service: String
    /// Largest body read; platform answers here are small JSON documents.
    let maxBodyBytes: Int = 4 << 20

    /// Sends one request, retrying 429s as the policy allows. Non-2xx answers are returned, not thrown: each adapter
    /// reads its platform's error body.
    func send(
        _ method: HTTPMethod,
        _ url: String,
        headers: [(String, String)] = [],
        json body: [UInt8]? = nil
    ) async throws -> Response {
        var attempt = 1
        while true {
            let response = try await sendOnce(method, url, headers: headers, body: body)
            guard response.status == 429, attempt < retry.maxAttempts else { return response }
            let wait = response.retryAfter ?? retry.defaultDelay
            guard wait <= retry.maximumDelay else { return response }
            Logger.current.notice(
                "rate limited, waiting before retrying",
                metadata: [
                    "rebound.platform.service": "\(service)",
                    "rebound.platform.attempt": "\(attempt)",
                    "rebound.platform.wait": "\(wait)",
                ]
            )
            try await retry.sleep(wait)
            attempt += 1
        }
    }

    func sendOnce(_ method: HTTPMethod, _ url: String, headers: [(String, String)], body: [UInt8]?) async throws -> Response {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "Rebound/1")
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(timeout))
            let collected = try await response.body.collect(upTo: maxBodyBytes)
            return Response(status: Int(response.status.code), headers: response.headers, body: Array(collected.readableBytesView))
        } catch let error as HTTPClientError {
            if error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                throw PlatformError(.timeout, "\(service) did not answer within \(timeout)")
            }
            throw PlatformError(.connectionFailed, "\(service) request failed: \(error)")
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw PlatformError(.connectionFailed, "\(service) request failed: \(error)")
        }
    }

    /// `Duration` to NIO's `TimeAmount` without dropping the fraction of a second.
    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// `"Basic " + base64(user:password)`, RFC 7617.
    static func basicAuthorization(user: String, password: String) -> String {
        "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
    }

    /// The base URL without trailing slashes.
    static func trimmed(_ base: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// JSON with sorted keys, so bodies are stable for logs and tests.
    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(value))
        } catch {
            throw PlatformError(.invalidRequest, "cannot encode request: \(error)")
        }
    }

    /// Percent-encodes a value for a query string or a path segment (RFC 3986 unreserved characters kept).
    static func escape(_ value: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }
}
