import Foundation
import ReboundChannels
import ReboundCore
import Testing

@Suite struct LinkTests {
    let signer = LinkSigner(key: Array("0123456789abcdef0123456789abcdef".utf8))
    let now = Date(timeIntervalSince1970: 1_795_702_001)

    func token(expiresIn seconds: TimeInterval = 7 * 86400) -> LinkToken {
        LinkToken(
            kind: .click,
            shopID: "shop_1",
            subject: "cus_1",
            reference: "msg_1",
            target: "https://shop.example/p?a=1&b=ü",
            expiresAt: now + seconds
        )
    }

    @Test func roundTrip() throws {
        let text = signer.sign(token())
        #expect(text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." })
        let checked = try signer.verify(text, now: now, kind: .click)
        #expect(checked.target == "https://shop.example/p?a=1&b=ü")
        #expect(checked.reference == "msg_1" && checked.shopID == "shop_1")
    }

    @Test func tamperedTokensAreRefused() {
        let text = signer.sign(token())
        var parts = text.split(separator: ".").map(String.init)
        let forged = signer.sign(
            LinkToken(kind: .click, shopID: "shop_1", subject: "cus_1", reference: "msg_1", target: "https://evil.example", expiresAt: now + 60)
        )
        parts[1] = forged.split(separator: ".").map(String.init)[1]
        let tampered = parts.joined(separator: ".")
        #expect { try signer.verify(tampered, now: now) } throws: { ($0 as? LinkTokenError)?.code == .badSignature }
        let other = LinkSigner(key: Array("another-key-another-key-another-k".utf8))
        #expect { try other.verify(text, now: now) } throws: { ($0 as? LinkTokenError)?.code == .badSignature }
        #expect { try signer.verify("v1.abc", now: now) } throws: { ($0 as? LinkTokenError)?.code == .malformed }
        var flipped = Array(text)
        flipped[5] = flipped[5] == "A" ? "B" : "A"
        #expect { try signer.verify(String(flipped), now: now) } throws: { ($0 as? LinkTokenError)?.code == .badSignature }
    }

    @Test func expiredAndWrongKindAreRefused() {
        let text = signer.sign(token(expiresIn: 60))
        #expect { try signer.verify(text, now: now + 61) } throws: { ($0 as? LinkTokenError)?.code == .expired }
        #expect { try signer.verify(text, now: now, kind: .unsubscribe) } throws: { ($0 as? LinkTokenError)?.code == .wrongKind }
    }

    @Test func rotatedKeysStillVerify() throws {
        let old = LinkSigner(key: Array("old-key-old-key-old-key-old-key!".utf8))
        let rotated = LinkSigner(key: Array("new-key-new-key-new-key-new-key!".utf8), previousKeys: [Array("old-key-old-key-old-key-old-key!".utf8)])
        _ = try rotated.verify(old.sign(token()), now: now)
    }

    @Test func platformRestoreURLs() throws {
        let lines = [
            CartLine(productID: "p1", variantID: "4001", quantity: 2, price: 100),
            CartLine(productID: "p2", variantID: "4002", quantity: 1, price: 100),
        ]
        #expect(
            RestoreLinks.shopify(storeURL: "https://shop.example/", lines: lines, discountCode: "STAY 10")
                == "https://shop.example/cart/4001:2,4002:1?discount=STAY%2010"
        )
        #expect(
            RestoreLinks.wooCommerce(storeURL: "https://woo.example", lines: [CartLine(productID: "12", quantity: 3, price: 1)]) == [
                "https://woo.example/?add-to-cart=12&quantity=3"
            ]
        )
        let tracking = TrackingLinks(
            baseURL: "https://rebound.example/",
            signer: signer,
            shopID: "s",
            customerID: "c",
            messageID: "m",
            expiresAt: now + 3600
        )
        let click = tracking.click("https://shop.example/x")
        #expect(click.hasPrefix("https://rebound.example/l/v1."))
        let token = String(click.dropFirst("https://rebound.example/l/".count))
        #expect(try signer.verify(token, now: now, kind: .click).target == "https://shop.example/x")
        #expect(tracking.openPixel.hasSuffix(".gif"))
        #expect(tracking.unsubscribe.hasPrefix("https://rebound.example/u/v1."))
    }
}

@Suite struct LinkRewriteTests {
    @Test func rewritesOutboundLinksOnly() throws {
        let signer = LinkSigner(key: Array("0123456789abcdef0123456789abcdef".utf8))
        let now = Date(timeIntervalSince1970: 1_795_702_001)
        let tracking = TrackingLinks(
            baseURL: "https://rebound.example",
            signer: signer,
            shopID: "s",
            customerID: "c",
            messageID: "m",
            expiresAt: now + 60
        )
        let html = #"<a href="https://shop.example/p?a=1&amp;b=2">x</a> <a href="https://rebound.example/u/t">u</a> <a href="mailto:a@b.c">m</a>"#
        let rewritten = tracking.rewritingLinks(in: html)
        #expect(rewritten.contains(#"href="https://rebound.example/u/t""#))
        #expect(rewritten.contains(#"href="mailto:a@b.c""#))
        let start = try #require(rewritten.range(of: "https://rebound.example/l/"))
        let token = rewritten[start.upperBound...].prefix { $0 != "\"" }
        #expect(try signer.verify(String(token), now: now, kind: .click).target == "https://shop.example/p?a=1&b=2")
    }
}
