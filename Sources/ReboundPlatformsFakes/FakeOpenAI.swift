import Foundation
public import Logging

/// A stand-in for an OpenAI-compatible `POST /v1/chat/completions`: checks the bearer key, answers canned
/// completions in order (the last one repeats), and can be told to wait before answering or to fail.
public final class FakeOpenAI: Sendable {
    public let apiKey: String
    let state: State
    let logger: Logger?

    public init(apiKey: String = "sk-fake", replies: [String] = ["OK"], logger: Logger? = nil) {
        self.apiKey = apiKey
        self.logger = logger
        self.state = State(replies: replies)
    }

    /// Serves until `body` returns; `body` gets the base URL, `http://127.0.0.1:{port}`.
    public func run<T>(_ body: (String) async throws -> T) async throws -> T {
        try await FakeServer.run(name: "FakeOpenAI", logger: logger, handle: { [self] request in try await self.handle(request) }) { port in
            try await body("http://127.0.0.1:\(port)")
        }
    }

    public var requests: [RecordedRequest] {
        get async { await state.requests }
    }

    /// Replaces the canned answers.
    public func reply(with replies: [String]) async { await state.setReplies(replies) }

    /// Waits this long (real time) before answering each following request; cut short when the fake stops.
    public func delay(_ duration: Duration?) async { await state.setDelay(duration) }

    /// Answers the next `count` requests with an OpenAI error body.
    public func failNextRequests(
        _ count: Int = 1,
        status: Int = 500,
        type: String = "server_error",
        code: String? = nil,
        message: String = "The server had an error while processing your request."
    ) async {
        let error: FakeJSON = [
            "error": ["message": .string(message), "type": .string(type), "param": .null, "code": code.map(FakeJSON.string) ?? .null]
        ]
        await state.addFailure(FakeFailure(count: count, response: .json(status, error)))
    }

    func handle(_ request: RecordedRequest) async throws -> FakeResponse {
        await state.record(request)
        if let delay = await state.delay { try await Task.sleep(for: delay) }
        if let failure = await state.takeFailure() { return failure }
        guard request.method == "POST", request.path == "/v1/chat/completions" else {
            return .json(
                404,
                [
                    "error": [
                        "message": .string("Invalid URL (\(request.method) \(request.path))"), "type": "invalid_request_error", "param": .null,
                        "code": .null,
                    ]
                ]
            )
        }
        guard request.header("Authorization") == "Bearer \(apiKey)" else {
            return .json(
                401,
                ["error": ["message": "Incorrect API key provided.", "type": "invalid_request_error", "param": .null, "code": "invalid_api_key"]]
            )
        }
        guard let body = request.json, let model = body["model"]?.string, let messages = body["messages"]?.array, !messages.isEmpty,
            messages.allSatisfy({ $0["role"]?.string != nil && $0["content"]?.string != nil })
        else {
            return .json(
                400,
                [
                    "error": [
                        "message": "'messages' must be a non-empty array of {role, content}.", "type": "invalid_request_error", "param": "messages",
                        "code": .null,
                    ]
                ]
            )
        }
        let content = await state.nextReply()
        return .json(
            200,
            [
                "id": "chatcmpl-fake", "object": "chat.completion", "created": 1_727_000_000, "model": .string(model),
                "choices": [["index": 0, "message": ["role": "assistant", "content": .string(content)], "finish_reason": "stop"]],
                "usage": ["prompt_tokens": 12, "completion_tokens": .int(Int64(content.split(separator: " ").count)), "total_tokens": 20],
            ]
        )
    }

    actor State {
        var requests: [RecordedRequest] = []
        var replies: [String]
        var delay: Duration?
        var failures: [FakeFailure] = []

        init(replies: [String]) { self.replies = replies.isEmpty ? ["OK"] : replies }

        func record(_ request: RecordedRequest) { requests.append(request) }
        func setReplies(_ replies: [String]) { self.replies = replies.isEmpty ? ["OK"] : replies }
        func setDelay(_ delay: Duration?) { self.delay = delay }
        func addFailure(_ failure: FakeFailure) { failures.append(failure) }

        func nextReply() -> String {
            replies.count > 1 ? replies.removeFirst() : replies[0]
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
