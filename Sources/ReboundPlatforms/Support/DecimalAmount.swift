/// Writes integer minor units as the decimal strings platforms expect ("10.00", "-5.5"), without `Double`.
enum DecimalAmount {
    /// Digits after the decimal point in the currency's minor unit (ISO 4217 exponent), as `ReboundCore.Currency`
    /// has them.
    static func minorUnitDigits(_ currency: String) -> Int {
        switch currency.uppercased() {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF":
            0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }

    /// `1050` EUR → `"10.50"`; `-1050` → `"-10.50"`; `500` JPY → `"500"`.
    static func format(minorUnits: Int64, currency: String) -> String {
        format(minorUnits: minorUnits, digits: minorUnitDigits(currency))
    }

    static func format(minorUnits: Int64, digits: Int) -> String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        guard digits > 0 else { return (negative ? "-" : "") + String(magnitude) }
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        var fraction = String(magnitude % scale)
        while fraction.count < digits { fraction = "0" + fraction }
        return (negative ? "-" : "") + String(magnitude / scale) + "." + fraction
    }

    /// Parses a platform's decimal string ("29.35", "-3.5") into minor units; `nil` when unreadable.
    static func minorUnits(_ text: String, digits: Int) -> Int64? {
        var s = Substring(text)
        var negative = false
        if s.first == "-" {
            negative = true
            s = s.dropFirst()
        }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        if fraction.count > digits { fraction = String(fraction.prefix(digits)) }
        while fraction.count < digits { fraction += "0" }
        guard let value = Int64(whole + fraction) else { return nil }
        return negative ? -value : value
    }
}
