import Foundation
import ReboundChannels
import Testing

@Suite struct MIMETests {
    @Test func headerWithUmlautsIsEncodedAndDecodesBack() throws {
        let subject = "Dein Warenkorb wartet, Jürgen – jetzt mit Größen für Müller"
        let encoded = HeaderEncoding.encodeUnstructured(subject)
        #expect(encoded.hasPrefix("=?UTF-8?B?"))
        for word in encoded.components(separatedBy: "\r\n ") { #expect(word.count <= 75) }
        #expect(HeaderEncoding.decode(encoded) == subject)
        #expect(HeaderEncoding.encodeUnstructured("Plain ASCII") == "Plain ASCII")
    }

    @Test func displayNamesAreQuotedOrEncoded() throws {
        #expect(try EmailAddress("kim@example.com", name: "Kim Lee").headerValue == "Kim Lee <kim@example.com>")
        #expect(try EmailAddress("kim@example.com", name: "Lee, Kim").headerValue == "\"Lee, Kim\" <kim@example.com>")
        let umlaut = try EmailAddress("jm@example.de", name: "Jürgen Müller").headerValue
        #expect(umlaut.hasPrefix("=?UTF-8?B?") && umlaut.hasSuffix(" <jm@example.de>"))
        #expect(throws: DeliveryError.self) { try EmailAddress("not an address") }
        #expect(throws: DeliveryError.self) { try EmailAddress("a@b.c", name: "x\r\nBcc: evil@x.y") }
    }

    @Test func quotedPrintableKeepsLinesShortAndRoundTrips() {
        let text = String(repeating: "Grüße aus Köln = schön! ", count: 20) + "\nline two   \n.dot"
        let encoded = QuotedPrintable.encode(text)
        let lines = String(decoding: encoded, as: UTF8.self).components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(!lines.contains { $0.hasSuffix(" ") })
        #expect(
            String(decoding: QuotedPrintable.decode(String(decoding: encoded, as: UTF8.self)), as: UTF8.self)
                == text.replacingOccurrences(of: "\n", with: "\r\n")
        )
    }

    @Test func dateIsRFC5322() {
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 1_795_702_001)) == "Thu, 26 Nov 2026 14:06:41 +0000")
        #expect(RFC5322Date.format(Date(timeIntervalSince1970: 0)) == "Thu, 1 Jan 1970 00:00:00 +0000")
    }

    @Test func multipartAlternativeWithInlineImage() throws {
        let message = EmailMessage(
            from: try EmailAddress("shop@shop.example", name: "Shöp"),
            to: [try EmailAddress("kim@example.com")],
            subject: "Hi",
            text: "Text",
            html: "<img src=\"cid:logo\">",
            inlineImages: [.init(contentID: "logo", contentType: "image/png", filename: "logo.png", data: Array(repeating: 7, count: 200))],
            messageID: "abc@shop.example",
            date: Date(timeIntervalSince1970: 0),
            unsubscribe: .init(url: "https://r.example/u/t", mailto: "unsub@shop.example")
        )
        let rendered = MIMEWriter.render(message)
        let text = String(decoding: rendered.bytes, as: UTF8.self)
        #expect(rendered.header("Content-Type")?.hasPrefix("multipart/alternative") == true)
        #expect(text.contains("multipart/related"))
        #expect(text.contains("Content-ID: <logo>"))
        #expect(rendered.header("List-Unsubscribe") == "<https://r.example/u/t>,\r\n <mailto:unsub@shop.example>")
        #expect(rendered.header("List-Unsubscribe-Post") == "List-Unsubscribe=One-Click")
        #expect(text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
    }
}
