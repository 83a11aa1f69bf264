import Foundation
import Logging
import ReboundChannels
import Testing

@Suite struct WebhookTests {
    let now = Date(timeIntervalSince1970: 1_795_702_001)

    @Test func signatureCoversTimestampAndBody() {
        let signer = WebhookSigner(secret: Array("whsec".utf8))
        let body = Array(#"{"event":"cart.recovered"}"#.utf8)
        let signature = signer.signature(body: body, timestamp: 1_795_702_001)
        #expect(signature.hasPrefix("sha256=") && signature.count == 71)
        #expect(signer.verify(body: body, timestamp: 1_795_702_001, signature: signature, now: now))
        #expect(!signer.verify(body: body + [32], timestamp: 1_795_702_001, signature: signature, now: now))
        #expect(!signer.verify(body: body, timestamp: 1_795_702_001, signature: signature, now: now + 301))
    }

    @Test func slackPayloadShape() throws {
        let message = SlackMessage(
            title: "VIP cart",
            text: "Cart worth 812,00 € <abandoned>",
            fields: [("Customer", "Jürgen")],
            link: ("Open", "https://rebound.example/admin/carts/1")
        )
        let json = try JSONSerialization.jsonObject(with: message.jsonData()) as? [String: Any]
        #expect(json?["text"] as? String == "VIP cart: Cart worth 812,00 € <abandoned>")
        let blocks = json?["blocks"] as? [[String: Any]]
        #expect(blocks?.map { $0["type"] as? String } == ["header", "section", "section", "actions"])
        #expect(((blocks?[1]["text"] as? [String: Any])?["text"] as? String)?.contains("&lt;abandoned&gt;") == true)
    }

    @Test func signedDeliveryAndRetries() async throws {
        let server = try PythonServer(script: "fake_http.py", arguments: [])
        defer { server.stop() }
        let sleeps = RecordedSleeps()
        let sender = WebhookSender(backoff: Backoff(maxAttempts: 4, initial: .seconds(1)), sleeper: sleeps.sleeper)
        let clock = now
        let logger = Logger(label: "test")
        let status = try await sender.send(
            url: "http://127.0.0.1:\(server.port)/hook",
            body: Array(#"{"a":1}"#.utf8),
            signer: WebhookSigner(secret: Array("whsec".utf8)),
            now: { clock },
            logger: logger
        )
        #expect(status == 200)
        await #expect {
            try await sender.send(
                url: "http://127.0.0.1:\(server.port)/hook",
                body: [1],
                signer: WebhookSigner(secret: Array("nope".utf8)),
                now: { clock },
                logger: logger
            )
        } throws: { ($0 as? DeliveryError)?.status == 401 }
        #expect(await sleeps.waits.isEmpty)
        let flaky = try await sender.send(url: "http://127.0.0.1:\(server.port)/flaky", body: [], signer: nil, now: { clock }, logger: logger)
        #expect(flaky == 200)
        #expect(await sleeps.waits == [.seconds(1), .seconds(2)])
    }
}
