/// How an SMS body is encoded and how many parts it is sent in.
public struct SMSSegments: Hashable, Sendable {
    public enum Encoding: String, Hashable, Sendable {
        /// GSM 03.38 7-bit: 160 characters alone, 153 per part when split.
        case gsm7
        /// UCS-2: 70 characters alone, 67 per part when split.
        case ucs2
    }

    public var encoding: Encoding
    /// Septets for GSM-7 (extension characters count 2), UTF-16 code units for UCS-2.
    public var units: Int
    public var segments: Int

    /// GSM 03.38 basic character set.
    static let basic: Set<Character> = Set(
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u{1B}ÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
    )
    /// The extension table, sent as escape + character: two septets each.
    static let extended: Set<Character> = Set("^{}\\[~]|€\u{0C}")

    public init(_ text: String) {
        var septets = 0
        var gsm = true
        for ch in text {
            if Self.basic.contains(ch) {
                septets += 1
            } else if Self.extended.contains(ch) {
                septets += 2
            } else {
                gsm = false
                break
            }
        }
        if gsm {
            encoding = .gsm7
            units = septets
            segments = septets == 0 ? 1 : septets <= 160 ? 1 : Self.gsmParts(text)
        } else {
            encoding = .ucs2
            units = text.utf16.count
            segments = units <= 70 ? 1 : Self.ucs2Parts(text)
        }
    }

    /// Parts of 153 septets; an escape pair is never split across two parts.
    static func gsmParts(_ text: String) -> Int {
        var parts = 1
        var used = 0
        for ch in text {
            let width = extended.contains(ch) ? 2 : 1
            if used + width > 153 {
                parts += 1
                used = 0
            }
            used += width
        }
        return parts
    }

    /// Parts of 67 UTF-16 units; a surrogate pair is never split.
    static func ucs2Parts(_ text: String) -> Int {
        var parts = 1
        var used = 0
        for scalar in text.unicodeScalars {
            let width = scalar.value > 0xFFFF ? 2 : 1
            if used + width > 67 {
                parts += 1
                used = 0
            }
            used += width
        }
        return parts
    }
}
