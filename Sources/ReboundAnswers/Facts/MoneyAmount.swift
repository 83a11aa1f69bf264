import Foundation

/// An amount in integer minor units of an ISO 4217 currency, as the rest of Rebound stores money.
///
/// ReboundAnswers stays free of other Rebound modules, so it has its own small money value;
/// the server converts `ReboundCore.Money` to it field by field.
public struct MoneyAmount: Sendable, Hashable, Codable {
    public var minorUnits: Int64
    /// Upper-case ISO 4217 code such as `EUR`.
    public var currency: String

    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency.uppercased()
    }

    /// Parses "19.99" without going through floating point; nil for anything else.
    public init?(decimal: String, currency: String) {
        let digits = Self.minorDigits(currency.uppercased())
        let parts = decimal.trimmingWhitespaceAndNewlines().split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0].isEmpty ? "0" : String(parts[0])), whole >= 0 else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }), fraction.count <= digits else { return nil }
        fraction += String(repeating: "0", count: digits - fraction.count)
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        self.init(minorUnits: whole * scale + (Int64(fraction) ?? 0), currency: currency)
    }

    /// Digits after the decimal point (ISO 4217 exponent) for the common currencies.
    static func minorDigits(_ currency: String) -> Int {
        switch currency {
        case "JPY", "KRW", "ISK", "CLP", "VND", "XAF", "XOF", "PYG", "UGX": return 0
        case "BHD", "KWD", "OMR", "JOD", "TND": return 3
        default: return 2
        }
    }

    /// `€19.99` in English, `19,99 €` in German; codes without a symbol are written out (`CHF 19.99`).
    public func formatted(_ language: TextLanguage) -> String {
        let digits = Self.minorDigits(currency)
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let magnitude = minorUnits.magnitude
        let whole = String(magnitude / scale)
        let groupSeparator = language == .german ? "." : ","
        var grouped = ""
        for (i, ch) in whole.enumerated() {
            if i > 0, (whole.count - i) % 3 == 0 { grouped += groupSeparator }
            grouped.append(ch)
        }
        var number = grouped
        if digits > 0 {
            let fraction = String(magnitude % scale)
            number += (language == .german ? "," : ".") + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        let sign = minorUnits < 0 ? "-" : ""
        let symbol: String? =
            switch currency {
            case "EUR": "€"
            case "USD": "$"
            case "GBP": "£"
            case "JPY": "¥"
            default: nil
            }
        switch (language, symbol) {
        case (.german, let s?): return sign + number + "\u{00A0}" + s
        case (.german, nil): return sign + number + "\u{00A0}" + currency
        case (.english, let s?): return sign + s + number
        case (.english, nil): return sign + currency + "\u{00A0}" + number
        }
    }
}
