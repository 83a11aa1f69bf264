import Crypto
import Foundation
import ReboundPlatforms
import Testing

@Suite struct MetaSignatureTests {
    /// The Messenger "messages" reference example, byte for byte as signed.
    static let body = Array(
        #"{"object":"page","entry":[{"id":"PAGE_ID","time":1458692752478,"messaging":[{"sender":{"id":"PSID"},"recipient":{"id":"PAGE_ID"},"timestamp":1458692752478,"message":{"mid":"mid.1457764197618:41d102a3e1ae206a38","text":"hello, world!"}}]}]}"#
            .utf8
    )
    static let secret = "rebound-test-app-secret"
    /// Computed independently of this code:
    /// `printf '%s' "$BODY" | openssl dgst -sha256 -hmac 'rebound-test-app-secret'` (OpenSSL 3.0)
    /// → HMAC-SHA2-256(stdin)= 208b8855bcfc26d8048d026d7830be5b176760c1f8e9567d016d36158873759a
    static let expected = "sha256=208b8855bcfc26d8048d026d7830be5b176760c1f8e9567d016d36158873759a"

    @Test func matchesTheOpenSSLVector() throws {
        #expect(MetaSignature.header(body: Self.body, appSecret: Self.secret) == Self.expected)
        #expect(MetaSignature.isValid(header: Self.expected, body: Self.body, appSecret: Self.secret))
        try MetaSignature.verify(
            header: Self.expected.uppercased().replacingOccurrences(of: "SHA256=", with: "sha256="),
            body: Self.body,
            appSecret: Self.secret
        )
        // A second, short vector: `printf '%s' hello | openssl dgst -sha256 -hmac key`.
        #expect(
            MetaSignature.header(body: Array("hello".utf8), appSecret: "key")
                == "sha256=9307b3b915efb5171ff14d8cb55fbcc798c6c0ef1456d66ded1a6aa723a58b7b"
        )
    }

    @Test func refusesForgedOrMalformedSignatures() throws {
        func reason(_ header: String?, body: [UInt8] = MetaSignatureTests.body, secret: String = MetaSignatureTests.secret) -> String? {
            do {
                try MetaSignature.verify(header: header, body: body, appSecret: secret)
                return nil
            } catch let error as PlatformError {
                #expect(error.code == .invalidSignature || error.code == .invalidConfiguration)
                return error.message
            } catch {
                return "\(error)"
            }
        }
        var flipped = Array(Self.expected)
        flipped[flipped.count - 1] = flipped.last == "a" ? "b" : "a"
        #expect(reason(String(flipped)) == "X-Hub-Signature-256 does not match the body")
        #expect(reason(nil) == "X-Hub-Signature-256 is missing")
        #expect(reason("") == "X-Hub-Signature-256 is missing")
        #expect(reason("sha1=208b8855bcfc26d8048d026d7830be5b") == "X-Hub-Signature-256 does not start with sha256=")
        #expect(reason("sha256=zz8b8855bcfc26d8048d026d7830be5b176760c1f8e9567d016d36158873759a") == "X-Hub-Signature-256 is not 64 hex digits")
        #expect(reason("sha256=208b") == "X-Hub-Signature-256 is not 64 hex digits")
        #expect(reason(Self.expected, body: Self.body + [0x20]) == "X-Hub-Signature-256 does not match the body")
        #expect(reason(Self.expected, secret: "another-secret") == "X-Hub-Signature-256 does not match the body")
        #expect(reason(Self.expected, secret: "") == "the Meta app secret is empty")
        #expect(!MetaSignature.isValid(header: String(flipped), body: Self.body, appSecret: Self.secret))
    }
}

@Suite struct MetaHandshakeTests {
    @Test func echoesTheChallengeOnlyForOurToken() throws {
        let ok = MetaWebhookHandshake.respond(
            query: ["hub.mode": "subscribe", "hub.verify_token": "s3cret", "hub.challenge": "1158201444"],
            verifyToken: "s3cret"
        )
        #expect(ok == .init(status: 200, body: "1158201444"))
        #expect(
            try MetaWebhookHandshake.challenge(
                query: ["hub.mode": "subscribe", "hub.verify_token": "s3cret", "hub.challenge": "42"],
                verifyToken: "s3cret"
            ) == "42"
        )

        let wrongToken = MetaWebhookHandshake.respond(mode: "subscribe", token: "guess", challenge: "1158201444", verifyToken: "s3cret")
        #expect(wrongToken.status == 403)
        #expect(wrongToken.body == "Forbidden")
        #expect(MetaWebhookHandshake.respond(mode: "unsubscribe", token: "s3cret", challenge: "1", verifyToken: "s3cret").status == 403)
        #expect(MetaWebhookHandshake.respond(mode: "subscribe", token: "s3cret", challenge: nil, verifyToken: "s3cret").status == 403)
        #expect(MetaWebhookHandshake.respond(mode: "subscribe", token: "", challenge: "1", verifyToken: "").status == 403)
        #expect(MetaWebhookHandshake.respond(query: [:], verifyToken: "s3cret").status == 403)

        #expect(throws: PlatformError.self) {
            try MetaWebhookHandshake.challenge(
                query: ["hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"],
                verifyToken: "s3cret"
            )
        }
        do {
            _ = try MetaWebhookHandshake.challenge(
                query: ["hub.mode": "subscribe", "hub.verify_token": "guess", "hub.challenge": "1"],
                verifyToken: "s3cret"
            )
        } catch let error as PlatformError {
            #expect(error.code == .verificationFailed)
            #expect(error.status == 403)
        }
    }
}

@Suite struct MetaWebhookParserTests {
    static func parse(_ json: String) throws -> SocialWebhookBatch {
        try MetaWebhookParser.parse(Array(json.utf8))
    }

    @Test func messengerTextMessage() throws {
        let batch = try MetaWebhookParser.parse(MetaSignatureTests.body)
        #expect(
            batch.messages == [
                InboundSocialMessage(
                    platform: .messenger,
                    senderID: "PSID",
                    recipientID: "PAGE_ID",
                    messageID: "mid.1457764197618:41d102a3e1ae206a38",
                    text: "hello, world!",
                    timestamp: Date(timeIntervalSince1970: 1_458_692_752.478)
                )
            ]
        )
        #expect(batch.statuses.isEmpty)
    }

    @Test func messengerAttachmentsEchoesReceiptsAndOtherEvents() throws {
        let batch = try Self.parse(
            """
            {"object":"page","entry":[{"id":"682498302938465","time":1518479195594,"messaging":[
              {"sender":{"id":"PSID1"},"recipient":{"id":"682498302938465"},"timestamp":1518479195308,
               "message":{"mid":"mid.$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c","attachments":[{"type":"image","payload":{"url":"https://cdn.example/a.jpg"}}]}},
              {"sender":{"id":"682498302938465"},"recipient":{"id":"PSID1"},"timestamp":1518479196000,
               "message":{"is_echo":true,"app_id":1517776481860111,"mid":"m_echo","text":"Staff reply"}},
              {"sender":{"id":"PSID1"},"recipient":{"id":"682498302938465"},"timestamp":1518479197000,
               "message":{"mid":"m_reply","text":"Yes","reply_to":{"mid":"m_echo"},"quick_reply":{"payload":"YES"}}},
              {"sender":{"id":"PSID1"},"recipient":{"id":"682498302938465"},"timestamp":1458668856463,
               "delivery":{"mids":["m_a","m_b"],"watermark":1458668856253}},
              {"sender":{"id":"PSID1"},"recipient":{"id":"682498302938465"},"timestamp":1458668856463,"read":{"watermark":1458668856253}},
              {"sender":{"id":"PSID1"},"recipient":{"id":"682498302938465"},"timestamp":1458668856463,"postback":{"title":"Start","payload":"GET_STARTED"}}
            ]}]}
            """
        )
        #expect(batch.messages.count == 3)
        #expect(batch.messages[0].attachments == [SocialAttachment(type: "image", url: "https://cdn.example/a.jpg")])
        #expect(batch.messages[0].text == nil)
        #expect(batch.messages[1].isEcho)
        #expect(batch.messages[1].senderID == "682498302938465")
        #expect(batch.messages[2].replyToMessageID == "m_echo")
        #expect(batch.messages[2].payload == "YES")
        #expect(batch.statuses.map(\.messageID) == ["m_a", "m_b", nil])
        #expect(batch.statuses.map(\.state) == [.delivered, .delivered, .read])
        #expect(batch.statuses[2].watermark == Date(timeIntervalSince1970: 1_458_668_856.253))
        #expect(batch.statuses.allSatisfy { $0.recipientID == "PSID1" })
        #expect(batch.ignoredEvents == 1)
    }

    @Test func instagramMessage() throws {
        let batch = try Self.parse(
            """
            {"object":"instagram","entry":[{"id":"17841400000000000","time":1569262486134,"messaging":[
              {"sender":{"id":"IGSID"},"recipient":{"id":"17841400000000000"},"timestamp":1569262485349,
               "message":{"mid":"aWdfZAG1faWQ","text":"Do you ship to Canada?"}}]}]}
            """
        )
        #expect(batch.messages.count == 1)
        #expect(batch.messages[0].platform == .instagram)
        #expect(batch.messages[0].senderID == "IGSID")
        #expect(batch.messages[0].recipientID == "17841400000000000")
        #expect(batch.messages[0].text == "Do you ship to Canada?")
    }

    @Test func whatsAppMessagesAndStatuses() throws {
        let batch = try Self.parse(
            """
            {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages","value":{
              "messaging_product":"whatsapp",
              "metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
              "contacts":[{"profile":{"name":"Sheena Nelson"},"wa_id":"16505551234"}],
              "messages":[
                {"from":"16505551234","id":"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=","timestamp":"1749416383","type":"text","text":{"body":"Does it come in another color?"}},
                {"from":"16505551234","id":"wamid.IMG","timestamp":"1749416390","type":"image","image":{"caption":"This one","mime_type":"image/jpeg","sha256":"abc","id":"1003383421387256"}},
                {"from":"16505551234","id":"wamid.BTN","timestamp":"1749416395","type":"interactive","context":{"from":"15550783881","id":"wamid.OUT1"},
                 "interactive":{"type":"button_reply","button_reply":{"id":"add-to-order","title":"Add it"}}}
              ],
              "statuses":[
                {"id":"wamid.OUT1","status":"delivered","timestamp":"1750263773","recipient_id":"16505551234"},
                {"id":"wamid.OUT2","status":"failed","timestamp":"1750263774","recipient_id":"16505551234",
                 "errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message"}]}
              ]}}]}]}
            """
        )
        #expect(batch.messages.count == 3)
        let text = batch.messages[0]
        #expect(text.platform == .whatsapp)
        #expect(text.senderID == "16505551234")
        #expect(text.recipientID == "106540352242922")
        #expect(text.messageID == "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=")
        #expect(text.text == "Does it come in another color?")
        #expect(text.timestamp == Date(timeIntervalSince1970: 1_749_416_383))
        #expect(text.senderName == "Sheena Nelson")
        #expect(batch.messages[1].attachments == [SocialAttachment(type: "image", mediaID: "1003383421387256", mimeType: "image/jpeg")])
        #expect(batch.messages[1].text == "This one")
        #expect(batch.messages[2].text == "Add it")
        #expect(batch.messages[2].payload == "add-to-order")
        #expect(batch.messages[2].replyToMessageID == "wamid.OUT1")
        #expect(
            batch.statuses == [
                SocialDeliveryStatus(
                    platform: .whatsapp,
                    messageID: "wamid.OUT1",
                    recipientID: "16505551234",
                    state: .delivered,
                    timestamp: Date(timeIntervalSince1970: 1_750_263_773)
                ),
                SocialDeliveryStatus(
                    platform: .whatsapp,
                    messageID: "wamid.OUT2",
                    recipientID: "16505551234",
                    state: .failed,
                    timestamp: Date(timeIntervalSince1970: 1_750_263_774),
                    errors: ["131047: Re-engagement message"]
                ),
            ]
        )
    }

    @Test func malformedPayloadsAreClearErrorsNotCrashes() {
        func failure(_ json: String) -> String? {
            do {
                _ = try Self.parse(json)
                return nil
            } catch let error as PlatformError {
                #expect(error.code == .malformedPayload)
                return error.message
            } catch {
                return "unexpected: \(error)"
            }
        }
        #expect(failure("")?.hasPrefix("Meta webhook body is not the documented JSON") == true)
        #expect(failure("not json")?.hasPrefix("Meta webhook body is not the documented JSON") == true)
        #expect(failure("[1,2,3]")?.hasPrefix("Meta webhook body is not the documented JSON") == true)
        #expect(failure(#"{"entry":[]}"#) == #"Meta webhook body has no "object""#)
        #expect(failure(#"{"object":"page"}"#) == #"Meta webhook body has no "entry" list"#)
        #expect(failure(#"{"object":"page","entry":{"id":"1"}}"#)?.hasPrefix("Meta webhook body is not the documented JSON") == true)
        #expect(failure(#"{"object":"user","entry":[]}"#) == #"Meta webhook object "user" is not page, instagram or whatsapp_business_account"#)
        #expect(
            failure(#"{"object":"page","entry":[{"id":"1","messaging":[{"recipient":{"id":"1"},"message":{"mid":"m","text":"hi"}}]}]}"#)
                == "entry[0].messaging[0] has a message without sender.id"
        )
        #expect(
            failure(#"{"object":"page","entry":[{"id":"1","messaging":[{"sender":{"id":"2"},"message":{"text":"hi"}}]}]}"#)
                == "entry[0].messaging[0] has a message without mid"
        )
        #expect(
            failure(
                #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"wamid.X","type":"text"}]}}]}]}"#
            )
                == #"entry[0].changes[0].value.messages[0] has no "from""#
        )
        #expect(
            failure(#"{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[{"id":"wamid.X"}]}}]}]}"#)
                == "entry[0].changes[0].value.statuses[0] has no status or recipient_id"
        )
        // Wrong types inside an event are reported, not trapped on.
        #expect(failure(#"{"object":"page","entry":[{"messaging":[{"sender":{"id":{"x":1}}}]}]}"#)?.contains("not the documented JSON") == true)
    }

    @Test func emptyAndUnrelatedBatchesAreFine() throws {
        #expect(try Self.parse(#"{"object":"page","entry":[]}"#) == SocialWebhookBatch())
        let other = try Self.parse(
            #"{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"account_update","value":{"event":"VERIFIED_ACCOUNT"}}]}]}"#
        )
        #expect(other.messages.isEmpty && other.statuses.isEmpty && other.ignoredEvents == 1)
    }
}
