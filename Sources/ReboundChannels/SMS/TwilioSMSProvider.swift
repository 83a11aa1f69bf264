public import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends SMS through Twilio's Messages API (or a compatible one): `POST {base}/2010-04-01/Accounts/{sid}/Messages.json`,
/// form-encoded `To`, `From`, `Body`, `StatusCallback`, HTTP basic auth with the account sid and auth token.
public struct TwilioSMSProvider: SMSProvider {
    public struct Configuration: Sendable {
        public var accountSID: String
        public var authToken: String
        /// `https://api.twilio.com` unless testing against a fake.
        public var baseURL: String
        public var timeout: Duration

        public init(accountSID: String, authToken: String, baseURL: String = "https://api.twilio.com", timeout: Duration = .seconds(15)) {
            self.accountSID = accountSID
            self.authToken = authToken
            self.baseURL = baseURL
            self.timeout = timeout
        }
    }

    public let configuration: Configuration
    let httpClient: HTTPClient

    public init(configuration: Configuration, httpClient: HTTPClient = .shared) {
        self.configuration = configuration
        self.httpClient = httpClient
    }

    struct MessageDTO: Decodable {
        var sid: String
        var status: String
        var num_segments: String?
    }

    struct ErrorDTO: Decodable {
        var code: Int?
        var message: String?
    }

    /// Sends one message. A 4xx reply is a `permanentFailure` (bad number, no permission) except 429, which is
    /// `transientFailure` like 5xx and network errors.
    public func send(_ message: SMSMessage) async throws -> SMSReceipt {
        var base = configuration.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        var request = HTTPClientRequest(url: "\(base)/2010-04-01/Accounts/\(configuration.accountSID)/Messages.json")
        request.method = .POST
        let credentials = Data("\(configuration.accountSID):\(configuration.authToken)".utf8).base64EncodedString()
        request.headers.add(name: "Authorization", value: "Basic " + credentials)
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        var fields = [("To", message.to.e164), ("From", message.from), ("Body", message.body)]
        if let callback = message.statusCallbackURL { fields.append(("StatusCallback", callback)) }
        request.body = .bytes(ByteBuffer(string: FormEncoding.encode(fields)))
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            let seconds = configuration.timeout.components.seconds
            response = try await httpClient.execute(request, timeout: .seconds(seconds))
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw DeliveryError(.connectionFailed, "Twilio request failed: \(error)")
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let detail = (try? JSONDecoder().decode(ErrorDTO.self, from: Data(body.readableBytesView)))
            let text = detail.map { "\($0.code.map(String.init) ?? "?") \($0.message ?? "")" } ?? String(buffer: body)
            let transient = status == 429 || status >= 500
            throw DeliveryError(transient ? .transientFailure : .permanentFailure, "Twilio: \(text)", status: status)
        }
        guard let dto = try? JSONDecoder().decode(MessageDTO.self, from: Data(body.readableBytesView)) else {
            throw DeliveryError(.providerError, "Twilio answered \(status) with an unreadable body")
        }
        return SMSReceipt(providerID: dto.sid, status: SMSDeliveryStatus(rawValue: dto.status), segments: dto.num_segments.flatMap { Int($0) })
    }
}
