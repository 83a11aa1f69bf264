import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWSTesting
import HummingbirdWebSocket
import NIOWebSocket
import ReboundAPI
import ReboundChat
import ReboundCore
import ReboundStore
import ReboundTesting
import Testing

/// Images in the live chat: uploaded by the shopper, sent in a message, served with their real type; files that lie
/// about their type, are too big, are no image or belong to someone else are refused, and uploads are rate-limited.
@Suite struct ChatAttachmentTests {
    /// A 1×1 PNG.
    static let png: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4, 0x89, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xF8, 0xCF,
        0xC0, 0xF0, 0x1F, 0x00, 0x05, 0x00, 0x01, 0xFF, 0x89, 0x99, 0x3D, 0x1D, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60,
        0x82,
    ]
    /// A 1×1 GIF.
    static let gif: [UInt8] = [
        0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 0x04, 0x01,
        0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ]

    static func upload(_ app: TestApp, _ bytes: [UInt8], type: String, visitor: String = "anon_1") async throws -> TestResponse {
        try await app.request(
            .post,
            "/v1/chat/attachments?key=\(app.shop.publicKey)&visitor=\(visitor)",
            body: bytes,
            headers: [.contentType: type, .authorization: "none"]
        )
    }

    @Test func sniffingReadsTypeAndSize() {
        #expect(ImageSniffer.sniff(Self.png) == .init(format: .png, width: 1, height: 1))
        #expect(ImageSniffer.sniff(Self.gif) == .init(format: .gif, width: 1, height: 1))
        // JPEG: SOI, an APP0 segment, then SOF0 with height 16 and width 32.
        let jpeg: [UInt8] =
            [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]
            + [0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x20, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
        #expect(ImageSniffer.sniff(jpeg) == .init(format: .jpeg, width: 32, height: 16))
        // WebP VP8X: canvas 640×480 stored minus one, 24-bit little-endian.
        let webp: [UInt8] =
            Array("RIFF".utf8) + [0x22, 0, 0, 0] + Array("WEBPVP8X".utf8) + [0x0A, 0, 0, 0, 0, 0, 0, 0]
            + [0x7F, 0x02, 0x00, 0xDF, 0x01, 0x00] + [UInt8](repeating: 0, count: 8)
        #expect(ImageSniffer.sniff(webp) == .init(format: .webp, width: 640, height: 480))
        #expect(ImageSniffer.sniff(Array("<svg onload=alert(1)>".utf8)) == nil)
        #expect(ImageSniffer.sniff(Array(Self.png.prefix(20))) == nil)
        #expect(ImageSniffer.Format(mediaType: "image/JPG; charset=binary") == .jpeg)
        #expect(ImageSniffer.Format(mediaType: "image/svg+xml") == nil)
    }

    @Test(arguments: TestEngine.available)
    func aShopperSendsAnImageTheAgentSeesIt(engine: TestEngine) async throws {
        try await withLiveTestApp(engine) { app, _ in
            let uploaded = try await Self.upload(app, Self.png, type: "image/png")
            #expect(uploaded.status == .created)
            let file = try uploaded.json
            let id = try #require(file["id"]?.stringValue)
            let url = try #require(file["url"]?.stringValue)
            #expect(url == "/files/\(app.shop.id.rawValue)/\(id)" && file["width"] == 1 && file["size"] == .int(Int64(Self.png.count)))
            // Another visitor's upload cannot be sent by this one.
            let other = try #require(try await Self.upload(app, Self.gif, type: "image/gif", visitor: "anon_2").json["id"]?.stringValue)

            let conversation = LockedBox<String?>(nil)
            try await app.client.ws(ChatTests.path(app)) { inbound, outbound, _ in
                let inbox = ChatTests.Inbox(inbound)
                try await outbound.write(.text(#"{"type":"hello","conversation_id":null,"last_seq":0}"#))
                _ = try await inbox.next { $0["type"] == "welcome" }
                try await outbound.write(.text(#"{"type":"message","client_id":"c_1","text":"It arrived broken","attachment_ids":["\#(id)"]}"#))
                let echo = try #require(try await inbox.next { $0["type"] == "message" })
                #expect(echo["attachments"]?.arrayValue?.first?["url"] == .string(url))
                conversation.set(echo["conversation_id"]?.stringValue)
                // Only an image, no text: fine. Someone else's upload: an error, and the message has none.
                try await outbound.write(.text(#"{"type":"message","client_id":"c_2","attachment_ids":["\#(other)"]}"#))
                #expect(try await inbox.next { $0["type"] == "error" }?["detail"] == "an image was not found; upload it again")
                try await outbound.write(.text(#"{"type":"message","client_id":"c_3","attachment_ids":["a","b","c","d","e"]}"#))
                #expect(try await inbox.next { $0["type"] == "error" }?["detail"] == "a message carries at most 4 images")
                try await outbound.close(.normalClosure, reason: nil)
            }
            let conversationID = try #require(conversation.value)

            // A reconnect replays the message with its image.
            try await app.client.ws(ChatTests.path(app)) { inbound, outbound, _ in
                let inbox = ChatTests.Inbox(inbound)
                try await outbound.write(.text(#"{"type":"hello","conversation_id":"\#(conversationID)","last_seq":0}"#))
                let replayed = try #require(try await inbox.next { $0["type"] == "message" && $0["seq"] == 1 })
                #expect(replayed["attachments"]?.arrayValue?.first?["id"] == .string(id))
                try await outbound.close(.normalClosure, reason: nil)
            }

            // The agent's API shows it; the file is served as what it is and cannot run as a page.
            let thread = try await app.request(.get, "/v1/conversations/\(conversationID)").json
            #expect(thread["messages"]?.arrayValue?.first?["attachments"]?.arrayValue?.first?["content_type"] == "image/png")
            #expect(thread["messages"]?.arrayValue?.count == 1)
            let served = try await app.request(.get, url)
            #expect(served.status == .ok && Array(buffer: served.body) == Self.png)
            #expect(served.headers[.contentType] == "image/png")
            #expect(served.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
            #expect(served.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(try await app.request(.get, "/files/other_shop/\(id)").status == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func liesOversizeAndFloodsAreRefused(engine: TestEngine) async throws {
        try await withLiveTestApp(engine) { app, _ in
            let lie = try await Self.upload(app, Self.gif, type: "image/png")
            #expect(lie.status == .unsupportedMediaType)
            #expect(try lie.json["detail"] == "Content-Type says image/png but the file is image/gif")
            #expect(try await Self.upload(app, Array("<script>alert(1)</script>".utf8), type: "image/png").status == .unsupportedMediaType)
            #expect(try await Self.upload(app, Array("<svg/>".utf8), type: "image/svg+xml").status == .unsupportedMediaType)
            let huge = Self.png + [UInt8](repeating: 0, count: 5 * 1024 * 1024)
            #expect(try await Self.upload(app, huge, type: "image/png").status == .contentTooLarge)
            let unknown = try await app.request(
                .post,
                "/v1/chat/attachments?key=pk_nope&visitor=anon_1",
                body: Self.png,
                headers: [.contentType: "image/png"]
            )
            #expect(unknown.status == .unauthorized)
            for _ in 0..<20 { #expect(try await Self.upload(app, Self.png, type: "image/png").status == .created) }
            let flooded = try await Self.upload(app, Self.png, type: "image/png")
            #expect(flooded.status == .tooManyRequests && flooded.headers[.retryAfter] != nil)
            // Another shopper is not held back, and an hour later this one may send again.
            #expect(try await Self.upload(app, Self.png, type: "image/png", visitor: "anon_2").status == .created)
            app.clock.advance(by: 3601)
            #expect(try await Self.upload(app, Self.png, type: "image/png").status == .created)
        }
    }
}
