import Foundation

/// An ISO 4217 currency code such as `EUR`.
public struct Currency: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts three ASCII letters, in any case; stores them upper-cased.
    public init?(rawValue: String) {
        let upper = rawValue.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        self.rawValue = upper
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = Currency(rawValue: raw) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 4217 code: \(raw)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    /// Digits after the decimal point in the minor unit (ISO 4217 exponent).
    public var minorUnitDigits: Int {
        switch rawValue {
        case "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF",
            "XPF":
            0
        case "BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND": 3
        default: 2
        }
    }

    public static let eur = Currency(rawValue: "EUR")!
    public static let usd = Currency(rawValue: "USD")!
    public static let gbp = Currency(rawValue: "GBP")!
}

/// An amount in integer minor units (cents) of a currency. Never a floating-point number.
public struct Money: Hashable, Sendable, Codable {
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Parses a decimal string as the platforms send it ("421.88", "19", "-3.5") without going through `Double`.
    public init?(decimal: String, currency: Currency) {
        guard let minor = Money.minorUnits(fromDecimal: decimal, digits: currency.minorUnitDigits) else { return nil }
        self.init(minorUnits: minor, currency: currency)
    }

    public static func minorUnits(fromDecimal text: String, digits: Int) -> Int64? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        guard !s.isEmpty else { return nil }
        var negative = false
        if s.first == "-" {
            negative = true
            s = s.dropFirst()
        } else if s.first == "+" {
            s = s.dropFirst()
        }
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty || parts.count == 2,
            whole.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        var fraction = parts.count == 2 ? parts[1] : ""
        guard fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard !(whole.isEmpty && fraction.isEmpty) else { return nil }
        // Round half up on extra digits rather than truncating.
        var roundUp = false
        if fraction.count > digits {
            let extra = fraction[fraction.index(fraction.startIndex, offsetBy: digits)...]
            roundUp = (extra.first.flatMap { Int(String($0)) } ?? 0) >= 5
            fraction = fraction.prefix(digits)
        }
        let paddedFraction = fraction + String(repeating: "0", count: digits - fraction.count)
        guard let wholeValue = Int64(whole.isEmpty ? "0" : String(whole)),
            let fractionValue = Int64(paddedFraction.isEmpty ? "0" : String(paddedFraction))
        else { return nil }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let (product, overflow) = wholeValue.multipliedReportingOverflow(by: scale)
        guard !overflow else { return nil }
        var value = product + fractionValue + (roundUp ? 1 : 0)
        if negative { value = -value }
        return value
    }

    /// Decimal text of the amount, e.g. `421.88`.
    public var decimalString: String {
        let digits = currency.minorUnitDigits
        guard digits > 0 else { return String(minorUnits) }
        var scale: Int64 = 1
        for _ in 0..<digits { scale *= 10 }
        let sign = minorUnits < 0 ? "-" : ""
        let absolute = minorUnits.magnitude
        let whole = absolute / UInt64(scale)
        let fraction = String(absolute % UInt64(scale))
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
