import Foundation
import ReboundPlatforms
import ReboundPlatformsFakes
import Testing

@Suite struct ChatCompletionTests {
    @Test func postsMessagesAndReturnsTheFirstChoice() async throws {
        let openAI = FakeOpenAI(replies: ["We ship to Canada in 5-7 days.", "Anything else?"])
        try await openAI.run { base in
            let client = ChatCompletionClient(configuration: .init(baseURL: base, apiKey: openAI.apiKey, model: "gpt-4o-mini", temperature: 0.2))
            let reply = try await client.complete([.system("Answer briefly."), .user("Do you ship to Canada?")])
            #expect(reply == "We ship to Canada in 5-7 days.")
            let request = try #require(await openAI.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/v1/chat/completions")
            #expect(request.header("Authorization") == "Bearer sk-fake")
            #expect(
                request.json
                    == [
                        "model": "gpt-4o-mini",
                        "messages": [["role": "system", "content": "Answer briefly."], ["role": "user", "content": "Do you ship to Canada?"]],
                        "temperature": 0.2,
                    ]
            )
            // A base ending in /v1 is not doubled.
            let v1 = ChatCompletionClient(configuration: .init(baseURL: base + "/v1/", apiKey: openAI.apiKey, model: "m"))
            let completion = try await v1.completion([.user("more?")])
            #expect(completion.content == "Anything else?")
            #expect(completion.finishReason == "stop")
            #expect(completion.model == "m")
            #expect(await openAI.requests.last?.path == "/v1/chat/completions")
        }
    }

    @Test func errorsAreMapped() async throws {
        let openAI = FakeOpenAI()
        try await openAI.run { base in
            let wrong = ChatCompletionClient(configuration: .init(baseURL: base, apiKey: "sk-wrong", model: "m"))
            let auth = try #require(await platformError { try await wrong.complete([.user("hi")]) })
            #expect(auth.code == .authenticationFailed)
            #expect(auth.platformCode == "invalid_api_key")

            let client = ChatCompletionClient(configuration: .init(baseURL: base, apiKey: openAI.apiKey, model: "m"))
            await openAI.failNextRequests(1, status: 500)
            #expect(await platformError { try await client.complete([.user("hi")]) }?.code == .transientFailure)
            await openAI.failNextRequests(
                1,
                status: 429,
                type: "insufficient_quota",
                code: "insufficient_quota",
                message: "You exceeded your current quota."
            )
            let quota = try #require(await platformError { try await client.complete([.user("hi")]) })
            #expect(quota.code == .permanentFailure)
            await openAI.failNextRequests(1, status: 429, type: "requests", code: "rate_limit_exceeded", message: "Rate limit reached.")
            #expect(await platformError { try await client.complete([.user("hi")]) }?.code == .rateLimited)
            #expect(await platformError { try await client.complete([]) }?.code == .invalidRequest)
        }
    }

    @Test func givesUpAtTheTimeout() async throws {
        let openAI = FakeOpenAI()
        try await openAI.run { base in
            // The fake holds the answer far longer than the client waits; the fake's wait ends when it stops.
            await openAI.delay(.seconds(30))
            let client = ChatCompletionClient(configuration: .init(baseURL: base, apiKey: openAI.apiKey, model: "m", timeout: .milliseconds(300)))
            let error = try #require(await platformError { try await client.complete([.user("hi")]) })
            #expect(error.code == .timeout)
            #expect(error.isTransient)
        }
    }
}
