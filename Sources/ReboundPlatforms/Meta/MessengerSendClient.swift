public import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Sends text through the Messenger Platform Send API, for Messenger and for Instagram messaging:
/// `POST https://graph.facebook.com/v19.0/me/messages?access_token=…` (or `/{page-id}/messages`) with
/// `{"recipient": {"id"}, "messaging_type": "RESPONSE", "message": {"text"}}`, answered by
/// `{"recipient_id", "message_id"}` (https://developers.facebook.com/docs/messenger-platform/reference/send-api).
///
/// `RESPONSE` is for replies within 24 hours of the customer's last message; outside that window Meta refuses with
/// an error whose code is kept in ``PlatformError/platformCode``.
public struct MessengerSendClient: SocialMessageSender {
    public struct Configuration: Sendable {
        /// A Page access token with `pages_messaging` (and `instagram_manage_messages` for Instagram).
        public var pageAccessToken: String
        /// The Page id to post to; `nil` posts to `me`, the Page the token belongs to.
        public var pageID: String?
        /// `https://graph.facebook.com` unless testing against a fake.
        public var baseURL: String
        public var apiVersion: String
        public var timeout: Duration

        public init(
            pageAccessToken: String,
            pageID: String? = nil,
            baseURL: String = "https://graph.facebook.com",
            apiVersion: String = "v19.0",
            timeout: Duration = .seconds(15)
        ) {
            self.pageAccessToken = pageAccessToken
            self.pageID = pageID
            self.baseURL = baseURL
            self.apiVersion = apiVersion
            self.timeout = timeout
        }
    }

    public let configuration: Configuration
    /// `.messenger` or `.instagram`: the same API serves both; this only labels receipts.
    public let platform: SocialPlatform
    let http: PlatformHTTP

    public init(configuration: Configuration, platform: SocialPlatform = .messenger, httpClient: HTTPClient = .shared, retry: RetryPolicy = .none) {
        self.configuration = configuration
        self.platform = platform
        self.http = PlatformHTTP(client: httpClient, timeout: configuration.timeout, retry: retry, service: "Meta Send API")
    }

    struct SendDTO: Encodable {
        struct Recipient: Encodable { var id: String }
        struct Message: Encodable { var text: String }
        var recipient: Recipient
        var messaging_type: String
        var message: Message
    }

    struct ReceiptDTO: Decodable {
        var recipient_id: String?
        var message_id: String?
    }

    public func sendText(_ text: String, to recipientID: String) async throws -> SocialSendReceipt {
        try await send(text: text, to: recipientID, messagingType: "RESPONSE")
    }

    /// - Parameter messagingType: `RESPONSE`, `UPDATE` or `MESSAGE_TAG`, as the Send API defines them.
    public func send(text: String, to recipientID: String, messagingType: String) async throws -> SocialSendReceipt {
        guard !configuration.pageAccessToken.isEmpty else { throw PlatformError(.invalidConfiguration, "the Page access token is empty") }
        guard !recipientID.isEmpty else { throw PlatformError(.invalidRequest, "no recipient id") }
        guard !text.isEmpty else { throw PlatformError(.invalidRequest, "the message text is empty") }
        let node = configuration.pageID.map(PlatformHTTP.escape) ?? "me"
        let url =
            "\(PlatformHTTP.trimmed(configuration.baseURL))/\(configuration.apiVersion)/\(node)/messages"
            + "?access_token=\(PlatformHTTP.escape(configuration.pageAccessToken))"
        let body = SendDTO(recipient: .init(id: recipientID), messaging_type: messagingType, message: .init(text: text))
        let response = try await http.send(.POST, url, json: try PlatformHTTP.encode(body))
        guard response.isSuccess else { throw MetaGraphError.error(response, service: "Meta Send API") }
        let receipt = try response.decode(ReceiptDTO.self, service: "Meta Send API")
        guard let messageID = receipt.message_id else { throw PlatformError(.protocolError, "Meta Send API answered without message_id") }
        return SocialSendReceipt(platform: platform, messageID: messageID, recipientID: receipt.recipient_id)
    }
}
