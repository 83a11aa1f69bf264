/// An amount of money in integer minor units (cents) of an ISO 4217 currency, as the store keeps it.
///
/// Its own small type (not `ReboundCore.Money` or `ReboundAnswers.MoneyAmount`) so that this module depends on Foundation only.
public struct AdminMoney: Sendable, Hashable {
    /// The amount in minor units, e.g. 1999 for 19.99.
    public var minorUnits: Int64
    /// The ISO 4217 code, e.g. `EUR`.
    public var currency: String

    /// Creates an amount.
    public init(minorUnits: Int64, currency: String) {
        self.minorUnits = minorUnits
        self.currency = currency.uppercased()
    }

    /// Digits after the decimal point (ISO 4217 exponent) for the currencies shops use most.
    public var minorUnitDigits: Int {
        switch currency {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF": 0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }

    /// The amount as a plain decimal with a dot (`1234.50`), for CSV cells and machine-readable attributes.
    public var decimalString: String {
        let digits = minorUnitDigits
        let sign = minorUnits < 0 ? "-" : ""
        let magnitude = minorUnits.magnitude
        guard digits > 0 else { return sign + String(magnitude) }
        let scale = UInt64(pow10(digits))
        let fraction = String(magnitude % scale)
        return sign + String(magnitude / scale) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// The amount in major units as a floating-point number, for chart geometry only (never for sums).
    public var majorUnits: Double { Double(minorUnits) / Double(pow10(minorUnitDigits)) }
}

func pow10(_ digits: Int) -> Int64 {
    var scale: Int64 = 1
    for _ in 0..<digits { scale *= 10 }
    return scale
}
