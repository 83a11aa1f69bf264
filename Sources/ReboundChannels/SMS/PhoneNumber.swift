/// A phone number in E.164 form: `+`, a country code not starting with 0, at most 15 digits in all.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
    public let e164: String

    /// Accepts only strict E.164 (`+4915112345678`); use `normalizing:` for numbers typed by people.
    public init(e164 text: String) throws(DeliveryError) {
        let digits = text.utf8.dropFirst()
        guard text.hasPrefix("+"), digits.count >= 8, digits.count <= 15, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }),
            digits.first != UInt8(ascii: "0")
        else { throw DeliveryError(.invalidPhoneNumber, "not an E.164 number: \(text)") }
        self.e164 = text
    }

    /// Removes spaces, dashes, dots and brackets and turns a leading `00` into `+`; a national number
    /// (leading single `0`) gets `defaultCountryCode`, e.g. `49` for Germany.
    public init(normalizing text: String, defaultCountryCode: String? = nil) throws(DeliveryError) {
        var cleaned = text.filter { !" -().\u{00A0}/".contains($0) }
        if cleaned.hasPrefix("00") {
            cleaned = "+" + cleaned.dropFirst(2)
        } else if cleaned.hasPrefix("0"), let code = defaultCountryCode {
            cleaned = "+" + code + cleaned.dropFirst()
        } else if !cleaned.hasPrefix("+"), let code = defaultCountryCode {
            cleaned = "+" + code + cleaned
        }
        try self.init(e164: cleaned)
    }

    public var description: String { e164 }

    /// Whether `text` is strict E.164.
    public static func isValid(_ text: String) -> Bool { (try? PhoneNumber(e164: text)) != nil }
}
