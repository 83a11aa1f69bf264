import Foundation
public import ReboundCore

/// Formats money for a locale without ICU: `19,99 €` (de-DE), `€19.99` (en-IE), `$19.99` (en-US), `CHF 19.99` (de-CH).
public struct MoneyFormatter: Hashable, Sendable {
    public var decimalSeparator: String
    public var groupingSeparator: String
    /// Symbol before the number (`€19.99`) or after it with a space (`19,99 €`).
    public var symbolFirst: Bool
    public var spaceBetween: Bool
    let locale: String

    /// - Parameter locale: a BCP 47 tag such as `de-DE`, `de`, `en-IE`, `en-US`, `fr-FR`; unknown ones format like `en-US`.
    public init(locale: String) {
        let tag = locale.replacingOccurrences(of: "_", with: "-")
        self.locale = tag
        let parts = tag.split(separator: "-")
        let language = parts.first.map { $0.lowercased() } ?? "en"
        let region = parts.count > 1 ? parts[parts.count - 1].uppercased() : ""
        // (decimal, grouping, symbol first, space between)
        var style: (String, String, Bool, Bool)
        switch (language, region) {
        case ("de", "CH"): style = (".", "’", true, true)
        case ("de", _), ("nl", _), ("it", _), ("es", _), ("pt", _), ("da", _), ("id", _), ("tr", _): style = (",", ".", false, true)
        case ("fr", _), ("sv", _), ("nb", _), ("no", _), ("fi", _), ("pl", _), ("cs", _), ("sk", _), ("ru", _), ("uk", _):
            style = (",", "\u{202F}", false, true)
        default: style = (".", ",", true, false)
        }
        if language == "nl" {
            style.2 = true
            style.3 = true
        }
        self.decimalSeparator = style.0
        self.groupingSeparator = style.1
        self.symbolFirst = style.2
        self.spaceBetween = style.3
    }

    /// The symbol used for a currency in this locale (`US$` where the local currency is also a dollar).
    public func symbol(for currency: Currency) -> String {
        let region = locale.split(separator: "-").last.map { $0.uppercased() } ?? ""
        switch currency.rawValue {
        case "EUR": return "€"
        case "GBP": return "£"
        case "JPY": return "¥"
        case "USD": return ["CA", "AU", "NZ", "SG", "HK"].contains(region) ? "US$" : "$"
        case "CAD": return region == "CA" ? "$" : "CA$"
        case "AUD": return region == "AU" ? "$" : "A$"
        case "CHF": return "CHF"
        case "SEK", "NOK", "DKK": return region == "SE" || region == "NO" || region == "DK" ? "kr" : currency.rawValue
        case "PLN": return "zł"
        default: return currency.rawValue
        }
    }

    /// The amount with grouping, the currency's minor digits and its symbol.
    public func string(_ money: Money) -> String {
        let digits = money.currency.minorUnitDigits
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let magnitude = money.minorUnits.magnitude
        let whole = String(magnitude / scale)
        var grouped = ""
        for (index, ch) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { grouped += groupingSeparator }
            grouped.append(ch)
        }
        var number = grouped
        if digits > 0 {
            let fraction = String(magnitude % scale)
            number += decimalSeparator + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        let symbol = symbol(for: money.currency)
        let sign = money.minorUnits < 0 ? "-" : ""
        let space = spaceBetween || symbol.count > 1 && symbol.allSatisfy(\.isLetter) ? "\u{00A0}" : ""
        return symbolFirst ? sign + symbol + space + number : sign + number + space + symbol
    }
}
