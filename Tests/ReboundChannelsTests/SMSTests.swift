import AsyncHTTPClient
import Foundation
import NIOCore
import ReboundChannels
import Testing

@Suite struct SMSTests {
    @Test func twilioDocumentationVector() {
        let params = [
            ("CallSid", "CA1234567890ABCDE"), ("Caller", "+12349013030"), ("Digits", "1234"), ("From", "+12349013030"), ("To", "+18005551212"),
        ]
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        #expect(TwilioSignature.compute(authToken: "12345", url: url, parameters: params) == "0/KCTR6DLpKmkAf8muzZqo1nDgQ=")
        #expect(TwilioSignature.isValid(signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", authToken: "12345", url: url, parameters: params.reversed()))
        #expect(
            !TwilioSignature.isValid(signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", authToken: "12345", url: url, parameters: params + [("Extra", "1")])
        )
        #expect(!TwilioSignature.isValid(signature: "0/KCTR6DLpKmkAf8muzZqo1nDgQ=", authToken: "54321", url: url, parameters: params))
    }

    @Test func gsm7Segments() {
        #expect(SMSSegments("Hello").encoding == .gsm7)
        #expect(SMSSegments(String(repeating: "a", count: 160)).segments == 1)
        #expect(SMSSegments(String(repeating: "a", count: 161)).segments == 2)
        #expect(SMSSegments(String(repeating: "a", count: 306)).segments == 2)
        #expect(SMSSegments(String(repeating: "a", count: 307)).segments == 3)
        // Umlauts ä ö ü Ä Ö Ü and ß are in the basic set.
        let german = SMSSegments("Grüße aus Köln, Ihr Warenkorb wartet: ÄÖÜß")
        #expect(german.encoding == .gsm7 && german.units == 42)
        // € and [ ] { } are extension characters: two septets each.
        #expect(SMSSegments(String(repeating: "€", count: 80)).units == 160)
        #expect(SMSSegments(String(repeating: "€", count: 80)).segments == 1)
        #expect(SMSSegments(String(repeating: "€", count: 81)).segments == 2)
        #expect(SMSSegments(String(repeating: "a", count: 152) + "€").segments == 1)
        #expect(SMSSegments(String(repeating: "a", count: 159) + "€").segments == 2)
    }

    @Test func ucs2Segments() {
        #expect(SMSSegments("Dziękuję").encoding == .ucs2)
        #expect(SMSSegments(String(repeating: "ł", count: 70)).segments == 1)
        #expect(SMSSegments(String(repeating: "ł", count: 71)).segments == 2)
        #expect(SMSSegments(String(repeating: "ł", count: 134)).segments == 2)
        #expect(SMSSegments(String(repeating: "ł", count: 135)).segments == 3)
        let emoji = SMSSegments("Danke 🙏")
        #expect(emoji.encoding == .ucs2 && emoji.units == 8)
    }

    @Test func keywords() {
        for word in ["STOP", "stop", " Stop! ", "STOPALL", "unsubscribe", "Cancel", "END", "quit"] { #expect(SMSKeyword(body: word) == .optOut) }
        for word in ["START", "unstop"] { #expect(SMSKeyword(body: word) == .optIn) }
        #expect(SMSKeyword(body: "help") == .help)
        #expect(SMSKeyword(body: "please don't stop") == .conversation("please don't stop"))
        #expect(SMSKeyword.help.reply(shopName: "Käsehaus", helpText: "Hilfe: 0221 123") == "Hilfe: 0221 123")
        #expect(SMSKeyword.conversation("x").reply(shopName: "K", helpText: nil) == nil)
    }

    @Test func e164() throws {
        #expect(PhoneNumber.isValid("+4915112345678"))
        #expect(!PhoneNumber.isValid("004915112345678"))
        #expect(!PhoneNumber.isValid("+0123456789"))
        #expect(!PhoneNumber.isValid("+49 151 1234"))
        #expect(!PhoneNumber.isValid("+1234567890123456"))
        #expect(try PhoneNumber(normalizing: "0151 / 123 456-78", defaultCountryCode: "49").e164 == "+4915112345678")
        #expect(try PhoneNumber(normalizing: "0049 (151) 12345678").e164 == "+4915112345678")
    }

    @Test func callbacksAndInbound() throws {
        let form = FormEncoding.decode("MessageSid=SM123&MessageStatus=undelivered&To=%2B4915112345678&ErrorCode=30003")
        let update = try #require(SMSStatusUpdate(form: form))
        #expect(update.status == .undelivered && update.status.isFinal && update.errorCode == "30003" && update.to == "+4915112345678")
        let inbound = try #require(
            InboundSMS(form: FormEncoding.decode("From=%2B4915112345678&To=%2B15005550006&Body=Hilfe+bitte%3F&MessageSid=SM9"))
        )
        #expect(inbound.body == "Hilfe bitte?" && inbound.keyword == .conversation("Hilfe bitte?"))
    }

    @Test func sendsThroughAFakeTwilio() async throws {
        let server = try PythonServer(script: "fake_http.py", arguments: [])
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let provider = TwilioSMSProvider(configuration: .init(accountSID: "AC123", authToken: "token", baseURL: base))
        let message = SMSMessage(
            to: try PhoneNumber(e164: "+4915112345678"),
            from: "+15005550006",
            body: "Dein Warenkorb wartet: https://r.example/r/abc & mehr",
            statusCallbackURL: "https://rebound.example/webhooks/twilio/status"
        )
        let receipt = try await provider.send(message)
        #expect(receipt.providerID.hasPrefix("SM") && receipt.status == .queued && receipt.segments == 1)

        let bad = TwilioSMSProvider(configuration: .init(accountSID: "AC123", authToken: "wrong", baseURL: base))
        await #expect { _ = try await bad.send(message) } throws: {
            ($0 as? DeliveryError)?.status == 401 && ($0 as? DeliveryError)?.code == .permanentFailure
        }
        var invalid = message
        invalid.to = try PhoneNumber(e164: "+15005550001")
        await #expect { _ = try await provider.send(invalid) } throws: { ($0 as? DeliveryError)?.message.contains("21211") == true }

        // The fake saw exactly the documented form fields.
        let request = HTTPClientRequest(url: base + "/requests")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
        let body = try await response.body.collect(upTo: 1 << 20)
        let seen = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]]
        let first = try #require(seen?.first?["body"] as? String)
        let fields = Dictionary(uniqueKeysWithValues: FormEncoding.decode(first))
        #expect(fields["To"] == "+4915112345678")
        #expect(fields["From"] == "+15005550006")
        #expect(fields["Body"] == "Dein Warenkorb wartet: https://r.example/r/abc & mehr")
        #expect(fields["StatusCallback"] == "https://rebound.example/webhooks/twilio/status")
    }
}
