import Foundation
import ReboundCore
import Testing

@Suite struct JSONTextTests {
    @Test func parsesWhatJSONDecoderParses() throws {
        let text =
            #"{"id":"e1","n":820982911946154508,"neg":-3,"pi":3.25,"exp":1.5e-3,"ok":true,"none":null,"list":[1,"two",{"x":[]}],"s":"Grüße \"quoted\" \\ \n tab\t \u00e9 \ud83d\ude00"}"#
        let ours = try JSONValue.parse(text)
        let foundation = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(ours == foundation)
        // 18-digit ids stay exact integers.
        #expect(ours["n"] == .int(820_982_911_946_154_508))
        // A number written with an exponent is not an integer amount, even when its value is whole.
        #expect(try JSONValue.parse("1e3") == .double(1000))
        #expect(ours["s"]?.stringValue == "Grüße \"quoted\" \\ \n tab\t é 😀")
    }

    @Test func writesSortedCompactTextThatReadsBack() throws {
        let value: JSONValue = ["b": [1, 2.5, "x\u{1}y"], "a": ["nested": true, "nil": .null], "é": "ö\"\\"]
        let text = value.jsonText
        #expect(text == #"{"a":{"nested":true,"nil":null},"b":[1,2.5,"x\u0001y"],"é":"ö\"\\"}"#)
        #expect(try JSONValue.parse(text) == value)
        #expect(try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) == value)
    }

    @Test(arguments: [
        ("", "unexpected end of input"), ("{", "expected a string key"), (#"{"a" 1}"#, "expected ':'"), ("[1,]", "unexpected character"),
        ("01", "unexpected text"), (#""abc"#, "unterminated string"), ("tru", "unexpected end"), (#"{"a":1} x"#, "unexpected text"),
        (#""\x""#, "invalid escape"), (#""\ud800""#, "unpaired surrogate"), ("-", "invalid number"), ("1.", "invalid number"),
    ])
    func refusesBrokenJSONWithAReason(text: String, reason: String) {
        #expect {
            try JSONValue.parse(text)
        } throws: { error in
            (error as? JSONSyntaxError)?.reason.contains(reason) == true
        }
    }

    @Test func limitsNesting() {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(throws: JSONSyntaxError.self) { try JSONValue.parse(deep) }
        #expect((try? JSONValue.parse(String(repeating: "[", count: 10) + String(repeating: "]", count: 10))) != nil)
    }
}
