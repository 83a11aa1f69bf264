public import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Sends text through the WhatsApp Cloud API: `POST https://graph.facebook.com/v19.0/{phone-number-id}/messages`
/// with `Authorization: Bearer …` and `{"messaging_product": "whatsapp", "recipient_type": "individual", "to",
/// "type": "text", "text": {"preview_url", "body"}}`, answered by `{"messaging_product", "contacts": [{"input",
/// "wa_id"}], "messages": [{"id"}]}` (https://developers.facebook.com/docs/whatsapp/cloud-api/messages/text-messages).
///
/// Free-form text is only delivered within 24 hours of the customer's last message; outside it WhatsApp answers
/// error 131047 and a template message is needed.
public struct WhatsAppCloudClient: SocialMessageSender {
    public struct Configuration: Sendable {
        /// A system-user or user access token with `whatsapp_business_messaging`.
        public var accessToken: String
        /// The business phone number's id (not the number itself).
        public var phoneNumberID: String
        /// `https://graph.facebook.com` unless testing against a fake.
        public var baseURL: String
        public var apiVersion: String
        public var timeout: Duration

        public init(
            accessToken: String,
            phoneNumberID: String,
            baseURL: String = "https://graph.facebook.com",
            apiVersion: String = "v19.0",
            timeout: Duration = .seconds(15)
        ) {
            self.accessToken = accessToken
            self.phoneNumberID = phoneNumberID
            self.baseURL = baseURL
            self.apiVersion = apiVersion
            self.timeout = timeout
        }
    }

    public let configuration: Configuration
    public var platform: SocialPlatform { .whatsapp }
    let http: PlatformHTTP

    public init(configuration: Configuration, httpClient: HTTPClient = .shared, retry: RetryPolicy = .none) {
        self.configuration = configuration
        self.http = PlatformHTTP(client: httpClient, timeout: configuration.timeout, retry: retry, service: "WhatsApp Cloud API")
    }

    struct SendDTO: Encodable {
        struct Text: Encodable {
            var preview_url: Bool
            var body: String
        }
        var messaging_product = "whatsapp"
        var recipient_type = "individual"
        var to: String
        var type = "text"
        var text: Text
    }

    struct ReceiptDTO: Decodable {
        struct Contact: Decodable {
            var input: String?
            var wa_id: String?
        }
        struct Message: Decodable { var id: String }
        var contacts: [Contact]?
        var messages: [Message]?
    }

    public func sendText(_ text: String, to recipientID: String) async throws -> SocialSendReceipt {
        try await send(text: text, to: recipientID, previewURL: false)
    }

    /// - Parameter to: the customer's number with country code, digits only or E.164 (`+4915112345678`).
    public func send(text: String, to: String, previewURL: Bool) async throws -> SocialSendReceipt {
        guard !configuration.accessToken.isEmpty, !configuration.phoneNumberID.isEmpty else {
            throw PlatformError(.invalidConfiguration, "WhatsApp access token and phone number id must be set")
        }
        guard !to.isEmpty else { throw PlatformError(.invalidRequest, "no recipient number") }
        guard !text.isEmpty else { throw PlatformError(.invalidRequest, "the message text is empty") }
        let url =
            "\(PlatformHTTP.trimmed(configuration.baseURL))/\(configuration.apiVersion)/\(PlatformHTTP.escape(configuration.phoneNumberID))/messages"
        let body = SendDTO(to: to, text: .init(preview_url: previewURL, body: text))
        let response = try await http.send(
            .POST,
            url,
            headers: [("Authorization", "Bearer \(configuration.accessToken)")],
            json: try PlatformHTTP.encode(body)
        )
        guard response.isSuccess else { throw MetaGraphError.error(response, service: "WhatsApp Cloud API") }
        let receipt = try response.decode(ReceiptDTO.self, service: "WhatsApp Cloud API")
        guard let messageID = receipt.messages?.first?.id else { throw PlatformError(.protocolError, "WhatsApp answered without messages[0].id") }
        return SocialSendReceipt(platform: .whatsapp, messageID: messageID, recipientID: receipt.contacts?.first?.wa_id)
    }
}
