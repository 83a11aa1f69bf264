import Foundation
public import Logging

/// A stand-in for the Graph API's message sending: the Messenger Platform Send API
/// (`POST /{version}/me/messages` or `/{version}/{page-id}/messages`, token in `access_token`) and the WhatsApp
/// Cloud API (`POST /{version}/{phone-number-id}/messages`, bearer token). It records what was sent and answers
/// errors in the Graph API's `{"error": {"message", "type", "code", "fbtrace_id"}}` shape.
public final class FakeMeta: Sendable {
    /// A message the fake accepted.
    public struct SentMessage: Hashable, Sendable {
        /// `messenger` for the Send API (Messenger and Instagram), `whatsapp` for the Cloud API.
        public var product: String
        /// The node posted to: `me`, a Page id, or a phone number id.
        public var node: String
        public var recipient: String
        public var text: String?
        /// `messaging_type` (Send API) or `type` (WhatsApp).
        public var kind: String?
        public var messageID: String
    }

    public let pageAccessToken: String
    public let pageID: String
    public let whatsAppToken: String
    public let phoneNumberID: String
    public let apiVersion: String
    let state = State()
    let logger: Logger?

    public init(
        pageAccessToken: String = "EAAG-fake-page-token",
        pageID: String = "1234567890",
        whatsAppToken: String = "EAAG-fake-whatsapp-token",
        phoneNumberID: String = "106540352242922",
        apiVersion: String = "v19.0",
        logger: Logger? = nil
    ) {
        self.pageAccessToken = pageAccessToken
        self.pageID = pageID
        self.whatsAppToken = whatsAppToken
        self.phoneNumberID = phoneNumberID
        self.apiVersion = apiVersion
        self.logger = logger
    }

    /// Serves until `body` returns; `body` gets the base URL to use instead of `https://graph.facebook.com`.
    public func run<T>(_ body: (String) async throws -> T) async throws -> T {
        try await FakeServer.run(name: "FakeMeta", logger: logger, handle: { [self] request in await self.handle(request) }) { port in
            try await body("http://127.0.0.1:\(port)")
        }
    }

    public var requests: [RecordedRequest] {
        get async { await state.requests }
    }

    public var sentMessages: [SentMessage] {
        get async { await state.sent }
    }

    /// Answers the next `count` sends with a Graph API error, e.g. code 613 (rate limit) or 10 / 131047 (outside
    /// the messaging window).
    public func failNextRequests(
        _ count: Int = 1,
        status: Int = 400,
        code: Int = 613,
        type: String = "OAuthException",
        message: String = "(#613) Calls to this api have exceeded the rate limit."
    ) async {
        await state.addFailure(FakeFailure(count: count, response: Self.error(status, code: code, type: type, message: message)))
    }

    static func error(_ status: Int, code: Int, type: String, message: String) -> FakeResponse {
        .json(status, ["error": ["message": .string(message), "type": .string(type), "code": .int(Int64(code)), "fbtrace_id": "AbCdEfFakeTrace"]])
    }

    func handle(_ request: RecordedRequest) async -> FakeResponse {
        await state.record(request)
        if let failure = await state.takeFailure() { return failure }
        let components = request.pathComponents
        guard request.method == "POST", components.count == 3, components[0] == apiVersion, components[2] == "messages" else {
            return Self.error(400, code: 100, type: "GraphMethodException", message: "Unsupported post request.")
        }
        let node = components[1]
        let bearer = request.header("Authorization").flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
        let token = request.query["access_token"] ?? bearer
        guard let body = request.json, body.object != nil else {
            return Self.error(400, code: 100, type: "OAuthException", message: "(#100) The request body is not valid JSON.")
        }
        if node == phoneNumberID || body["messaging_product"]?.string == "whatsapp" {
            return await whatsApp(body, node: node, token: token)
        }
        return await messenger(body, node: node, token: token)
    }

    func messenger(_ body: FakeJSON, node: String, token: String?) async -> FakeResponse {
        guard token == pageAccessToken else {
            return Self.error(400, code: 190, type: "OAuthException", message: "Invalid OAuth access token - Cannot parse access token")
        }
        guard node == "me" || node == pageID else {
            return Self.error(
                400,
                code: 100,
                type: "GraphMethodException",
                message: "Unsupported post request. Object with ID '\(node)' does not exist."
            )
        }
        guard let recipient = body["recipient"]?["id"]?.string, !recipient.isEmpty else {
            return Self.error(400, code: 100, type: "OAuthException", message: "(#100) The parameter recipient is required")
        }
        guard let kind = body["messaging_type"]?.string, ["RESPONSE", "UPDATE", "MESSAGE_TAG"].contains(kind) else {
            return Self.error(
                400,
                code: 100,
                type: "OAuthException",
                message: "(#100) Param messaging_type must be one of {RESPONSE, UPDATE, MESSAGE_TAG}"
            )
        }
        guard let text = body["message"]?["text"]?.string, !text.isEmpty else {
            return Self.error(400, code: 100, type: "OAuthException", message: "(#100) Must send either message or sender action")
        }
        let id = "m_fake\(await state.nextNumber())"
        await state.store(SentMessage(product: "messenger", node: node, recipient: recipient, text: text, kind: kind, messageID: id))
        return .json(200, ["recipient_id": .string(recipient), "message_id": .string(id)])
    }

    func whatsApp(_ body: FakeJSON, node: String, token: String?) async -> FakeResponse {
        guard token == whatsAppToken else {
            return Self.error(401, code: 190, type: "OAuthException", message: "Error validating access token: The session is invalid.")
        }
        guard node == phoneNumberID else {
            return Self.error(
                400,
                code: 100,
                type: "GraphMethodException",
                message: "Unsupported post request. Object with ID '\(node)' does not exist."
            )
        }
        guard body["messaging_product"]?.string == "whatsapp" else {
            return Self.error(400, code: 100, type: "OAuthException", message: "(#100) The parameter messaging_product is required.")
        }
        guard let to = body["to"]?.string, !to.isEmpty else {
            return Self.error(400, code: 100, type: "OAuthException", message: "(#100) The parameter to is required.")
        }
        guard body["type"]?.string == "text", let text = body["text"]?["body"]?.string, !text.isEmpty else {
            return Self.error(400, code: 100, type: "OAuthException", message: "(#100) The parameter text['body'] is required.")
        }
        let id = "wamid.HBgLFAKE\(await state.nextNumber())"
        await state.store(SentMessage(product: "whatsapp", node: node, recipient: to, text: text, kind: "text", messageID: id))
        let waID = String(to.filter(\.isNumber))
        return .json(
            200,
            ["messaging_product": "whatsapp", "contacts": [["input": .string(to), "wa_id": .string(waID)]], "messages": [["id": .string(id)]]]
        )
    }

    actor State {
        var requests: [RecordedRequest] = []
        var sent: [SentMessage] = []
        var failures: [FakeFailure] = []
        var counter = 0

        func record(_ request: RecordedRequest) { requests.append(request) }
        func store(_ message: SentMessage) { sent.append(message) }
        func addFailure(_ failure: FakeFailure) { failures.append(failure) }

        func nextNumber() -> Int {
            counter += 1
            return counter
        }

        func takeFailure() -> FakeResponse? {
            guard !failures.isEmpty else { return nil }
            let response = failures[0].response
            failures[0].count -= 1
            if failures[0].count <= 0 { failures.removeFirst() }
            return response
        }
    }
}
