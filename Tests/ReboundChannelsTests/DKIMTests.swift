import Foundation
import Testing

@testable import ReboundChannels

@Suite struct DKIMTests {
    // RFC 6376 section 3.4.6 example.
    @Test func relaxedCanonicalisationMatchesTheRFCExample() {
        let a = DKIMCanonicalization.relaxedHeader(name: "A", value: "X")
        let b = DKIMCanonicalization.relaxedHeader(name: "B ", value: "Y\t\r\n\tZ  ")
        #expect(String(decoding: a, as: UTF8.self) == "a:X")
        #expect(String(decoding: b, as: UTF8.self) == "b:Y Z")
        let body = DKIMCanonicalization.relaxedBody(Array(" C \r\nD \t E\r\n\r\n\r\n".utf8))
        #expect(String(decoding: body, as: UTF8.self) == " C\r\nD E\r\n")
        #expect(DKIMCanonicalization.relaxedBody([]).isEmpty)
    }

    @Test func refusesABadKey() {
        #expect(throws: DeliveryError.self) { try DKIMSigner(domain: "x", selector: "s", privateKeyPEM: "nonsense") }
    }
}
