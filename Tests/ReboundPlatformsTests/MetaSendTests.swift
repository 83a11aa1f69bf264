import Foundation
import ReboundPlatforms
import ReboundPlatformsFakes
import Testing

@Suite struct MetaSendTests {
    @Test func messengerSendsToMeWithTheTokenAsDocumented() async throws {
        let meta = FakeMeta()
        try await meta.run { base in
            let client = MessengerSendClient(configuration: .init(pageAccessToken: meta.pageAccessToken, baseURL: base))
            let receipt = try await client.sendText("Yes, we ship to Canada.", to: "PSID1")
            let request = try #require(await meta.requests.first)
            #expect(request.method == "POST")
            #expect(request.path == "/v19.0/me/messages")
            #expect(request.query == ["access_token": meta.pageAccessToken])
            #expect(request.header("Content-Type") == "application/json")
            #expect(request.json == ["recipient": ["id": "PSID1"], "messaging_type": "RESPONSE", "message": ["text": "Yes, we ship to Canada."]])
            #expect(receipt.platform == .messenger)
            #expect(receipt.recipientID == "PSID1")
            #expect(receipt.messageID == (await meta.sentMessages.first?.messageID))
        }
    }

    @Test func instagramThroughThePagePath() async throws {
        let meta = FakeMeta()
        try await meta.run { base in
            let client = MessengerSendClient(
                configuration: .init(pageAccessToken: meta.pageAccessToken, pageID: meta.pageID, baseURL: base),
                platform: .instagram
            )
            let receipt = try await client.send(text: "Back in stock!", to: "IGSID", messagingType: "UPDATE")
            #expect(receipt.platform == .instagram)
            let sent = try #require(await meta.sentMessages.first)
            #expect(sent.node == meta.pageID)
            #expect(sent.kind == "UPDATE")
            #expect(await meta.requests.first?.path == "/v19.0/\(meta.pageID)/messages")
        }
    }

    @Test func graphErrorsAreMapped() async throws {
        let meta = FakeMeta()
        try await meta.run { base in
            let wrong = MessengerSendClient(configuration: .init(pageAccessToken: "bad", baseURL: base))
            let auth = try #require(await platformError { try await wrong.sendText("hi", to: "PSID1") })
            #expect(auth.code == .authenticationFailed)
            #expect(auth.platformCode == "190")
            #expect(auth.message.contains("Invalid OAuth access token"))

            let client = MessengerSendClient(configuration: .init(pageAccessToken: meta.pageAccessToken, baseURL: base))
            await meta.failNextRequests(1)
            let limited = try #require(await platformError { try await client.sendText("hi", to: "PSID1") })
            #expect(limited.code == .rateLimited)
            #expect(limited.platformCode == "613")

            await meta.failNextRequests(1, code: 10, type: "OAuthException", message: "(#10) This message is sent outside of allowed window.")
            let window = try #require(await platformError { try await client.sendText("hi", to: "PSID1") })
            #expect(window.code == .rejected)
            #expect(window.platformCode == "10")
            #expect(!window.isTransient)

            #expect(await platformError { try await client.sendText("", to: "PSID1") }?.code == .invalidRequest)
            #expect(await meta.sentMessages.isEmpty)
        }
    }

    @Test func whatsAppSendsWithBearerTokenAsDocumented() async throws {
        let meta = FakeMeta()
        try await meta.run { base in
            let client = WhatsAppCloudClient(configuration: .init(accessToken: meta.whatsAppToken, phoneNumberID: meta.phoneNumberID, baseURL: base))
            let receipt = try await client.sendText("Your order ships today.", to: "+16505551234")
            let request = try #require(await meta.requests.first)
            #expect(request.path == "/v19.0/\(meta.phoneNumberID)/messages")
            #expect(request.header("Authorization") == "Bearer \(meta.whatsAppToken)")
            #expect(request.query.isEmpty)
            #expect(
                request.json
                    == [
                        "messaging_product": "whatsapp", "recipient_type": "individual", "to": "+16505551234", "type": "text",
                        "text": ["preview_url": false, "body": "Your order ships today."],
                    ]
            )
            #expect(receipt.platform == .whatsapp)
            #expect(receipt.messageID.hasPrefix("wamid."))
            #expect(receipt.recipientID == "16505551234")

            let wrong = WhatsAppCloudClient(configuration: .init(accessToken: "bad", phoneNumberID: meta.phoneNumberID, baseURL: base))
            let auth = try #require(await platformError { try await wrong.sendText("hi", to: "16505551234") })
            #expect(auth.code == .authenticationFailed)
            #expect(auth.status == 401)

            await meta.failNextRequests(1, code: 131047, message: "Re-engagement message")
            let window = try #require(await platformError { try await client.sendText("hi", to: "16505551234") })
            #expect(window.code == .rejected)
            #expect(window.platformCode == "131047")
        }
    }

    @Test func sendersShareOneProtocol() async throws {
        let meta = FakeMeta()
        try await meta.run { base in
            let senders: [any SocialMessageSender] = [
                MessengerSendClient(configuration: .init(pageAccessToken: meta.pageAccessToken, baseURL: base)),
                WhatsAppCloudClient(configuration: .init(accessToken: meta.whatsAppToken, phoneNumberID: meta.phoneNumberID, baseURL: base)),
            ]
            for sender in senders { _ = try await sender.sendText("hello", to: sender.platform == .whatsapp ? "4915112345678" : "PSID") }
            #expect(await meta.sentMessages.map(\.product) == ["messenger", "whatsapp"])
        }
    }
}
