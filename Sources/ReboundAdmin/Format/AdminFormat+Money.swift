extension AdminFormat {
    /// Money with grouping and the currency's minor digits: `€1,234.50` (en), `1.234,50 €` (de), `CHF 12.00`.
    public func money(_ amount: AdminMoney) -> String {
        let digits = amount.minorUnitDigits
        let magnitude = amount.minorUnits.magnitude
        let scale = UInt64(pow10(digits))
        var number = grouped(String(magnitude / scale))
        if digits > 0 {
            let fraction = String(magnitude % scale)
            number += locale.decimalSeparator + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return place(symbol: Self.symbol(for: amount.currency), number: number, negative: amount.minorUnits < 0)
    }

    /// Money in the shop currency from minor units.
    public func money(minorUnits: Int64) -> String { money(AdminMoney(minorUnits: minorUnits, currency: currency)) }

    /// Money rounded to whole major units (`€1,235`), for chart labels and axis ticks where cents are noise.
    public func compactMoney(_ amount: AdminMoney) -> String {
        compactMoney(major: amount.majorUnits, currency: amount.currency)
    }

    /// Money in major units of `currency` (default: the shop's), rounded to whole units; `12.4k` style above 100,000.
    public func compactMoney(major: Double, currency: String? = nil) -> String {
        guard major.isFinite else { return Self.missing }
        let symbol = Self.symbol(for: currency ?? self.currency)
        let magnitude = abs(major)
        let number =
            magnitude >= 100_000
            ? decimal(magnitude / 1000, digits: 0) + (locale == .de ? "\u{00A0}Tsd." : "k")
            : grouped(String(Int64(magnitude.rounded())))
        return place(symbol: symbol, number: number, negative: major < 0 && magnitude >= 0.5)
    }

    private func place(symbol: String, number: String, negative: Bool) -> String {
        let sign = negative ? "−" : ""
        // Letter codes (CHF, SEK) always take a space; German puts every symbol after the number.
        let letters = symbol.count > 1 && symbol.allSatisfy(\.isLetter)
        switch locale {
        case .de: return sign + number + "\u{00A0}" + symbol
        case .en: return sign + symbol + (letters ? "\u{00A0}" : "") + number
        }
    }

    static func symbol(for currency: String) -> String {
        switch currency.uppercased() {
        case "EUR": "€"
        case "GBP": "£"
        case "USD": "$"
        case "JPY": "¥"
        case "PLN": "zł"
        case let code: code
        }
    }
}
