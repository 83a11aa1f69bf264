public import AsyncHTTPClient
import Foundation
import NIOHTTP1

/// Calls an OpenAI-compatible chat-completions endpoint, `POST {base}/v1/chat/completions` with
/// `Authorization: Bearer {key}` and `{"model", "messages": [{"role", "content"}], "temperature"}`, and returns
/// `choices[0].message.content` (https://platform.openai.com/docs/api-reference/chat/create). Used optionally to
/// phrase the bot's answers; callers fall back to the retrieved text when it fails or times out.
///
/// ```swift
/// let client = ChatCompletionClient(configuration: .init(baseURL: "https://api.openai.com", apiKey: key, model: "gpt-4o-mini"))
/// let reply = try await client.complete([.system("Answer in one friendly sentence."), .user(question)])
/// ```
public struct ChatCompletionClient: Sendable {
    public struct Configuration: Sendable {
        /// `https://api.openai.com`, or any compatible server (a local model server, a fake). A base that already
        /// ends in `/v1` is accepted.
        public var baseURL: String
        /// Sent as a bearer token; may be empty for local servers that need none.
        public var apiKey: String
        public var model: String
        public var temperature: Double?
        public var maxTokens: Int?
        /// The whole request, answer included; bot replies must be quick.
        public var timeout: Duration

        public init(
            baseURL: String = "https://api.openai.com",
            apiKey: String,
            model: String,
            temperature: Double? = 0.2,
            maxTokens: Int? = nil,
            timeout: Duration = .seconds(10)
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.model = model
            self.temperature = temperature
            self.maxTokens = maxTokens
            self.timeout = timeout
        }
    }

    /// One chat message.
    public struct Message: Hashable, Sendable, Codable {
        public var role: String
        public var content: String

        public init(role: String, content: String) {
            self.role = role
            self.content = content
        }

        public static func system(_ content: String) -> Message { Message(role: "system", content: content) }
        public static func user(_ content: String) -> Message { Message(role: "user", content: content) }
        public static func assistant(_ content: String) -> Message { Message(role: "assistant", content: content) }
    }

    /// The first choice of an answer.
    public struct Completion: Hashable, Sendable {
        public var content: String
        public var model: String?
        /// `stop`, `length`, `content_filter`, …
        public var finishReason: String?
        public var promptTokens: Int?
        public var completionTokens: Int?
    }

    public let configuration: Configuration
    let http: PlatformHTTP

    public init(configuration: Configuration, httpClient: HTTPClient = .shared, retry: RetryPolicy = .none) {
        self.configuration = configuration
        self.http = PlatformHTTP(client: httpClient, timeout: configuration.timeout, retry: retry, service: "chat completions")
    }

    struct RequestDTO: Encodable {
        var model: String
        var messages: [Message]
        var temperature: Double?
        var max_tokens: Int?
    }

    struct ResponseDTO: Decodable {
        struct Choice: Decodable {
            struct Content: Decodable { var content: String? }
            var message: Content?
            var finish_reason: String?
        }
        struct Usage: Decodable {
            var prompt_tokens: Int?
            var completion_tokens: Int?
        }
        var model: String?
        var choices: [Choice]?
        var usage: Usage?
    }

    /// `{"error": {"message", "type", "param", "code"}}`.
    struct ErrorDTO: Decodable {
        struct Body: Decodable {
            var message: String?
            var type: String?
            var code: String?
        }
        var error: Body?
    }

    /// The text of the first choice.
    public func complete(_ messages: [Message]) async throws -> String {
        try await completion(messages).content
    }

    public func completion(_ messages: [Message]) async throws -> Completion {
        guard !messages.isEmpty else { throw PlatformError(.invalidRequest, "no messages to complete") }
        guard !configuration.model.isEmpty else { throw PlatformError(.invalidConfiguration, "no model configured") }
        var base = PlatformHTTP.trimmed(configuration.baseURL)
        if base.hasSuffix("/v1") { base.removeLast(3) }
        var headers: [(String, String)] = []
        if !configuration.apiKey.isEmpty { headers.append(("Authorization", "Bearer \(configuration.apiKey)")) }
        let body = RequestDTO(
            model: configuration.model,
            messages: messages,
            temperature: configuration.temperature,
            max_tokens: configuration.maxTokens
        )
        let response = try await http.send(.POST, base + "/v1/chat/completions", headers: headers, json: try PlatformHTTP.encode(body))
        guard response.isSuccess else { throw error(response) }
        let decoded = try response.decode(ResponseDTO.self, service: "chat completions")
        guard let choice = decoded.choices?.first, let content = choice.message?.content else {
            throw PlatformError(.protocolError, "chat completions answered without choices[0].message.content", status: response.status)
        }
        return Completion(
            content: content,
            model: decoded.model,
            finishReason: choice.finish_reason,
            promptTokens: decoded.usage?.prompt_tokens,
            completionTokens: decoded.usage?.completion_tokens
        )
    }

    func error(_ response: PlatformHTTP.Response) -> PlatformError {
        let body = (try? JSONDecoder().decode(ErrorDTO.self, from: Data(response.body)))?.error
        let detail = body?.message ?? String(decoding: response.body.prefix(500), as: UTF8.self)
        var error = PlatformError.httpStatus(
            response.status,
            service: "chat completions",
            detail: detail.isEmpty ? "no error details" : detail,
            platformCode: body?.code ?? body?.type,
            retryAfter: response.retryAfter
        )
        // A 429 for an exhausted quota will not pass by waiting.
        if body?.code == "insufficient_quota" { error.code = .permanentFailure }
        return error
    }
}
