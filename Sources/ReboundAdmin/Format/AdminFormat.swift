public import Foundation

/// Formats figures for people: numbers, percentages, money, durations, dates and relative times.
///
/// Hand-written rather than ICU-based so that output is identical on every machine and in every test
/// (`12.5 %` / `12,5 %`, `€1,234.50` / `1.234,50 €`, `1 h 5 min`, `3 min ago` / `vor 3 min`).
public struct AdminFormat: Sendable, Hashable {
    /// The language of numbers and units.
    public var locale: AdminLocale
    /// The shop's currency, used where a figure is money but carries no currency of its own.
    public var currency: String
    /// The shop's time zone, for dates and times of day.
    public var timeZone: TimeZone

    /// Creates a formatter.
    public init(locale: AdminLocale = .en, currency: String = "EUR", timeZone: TimeZone = TimeZone(identifier: "UTC")!) {
        self.locale = locale
        self.currency = currency.uppercased()
        self.timeZone = timeZone
    }

    /// A whole number with grouping: `12,345` (en), `12.345` (de).
    public func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        return (value < 0 ? "−" : "") + grouped(digits)
    }

    /// A number with a fixed count of decimals: `4.6` (en), `4,6` (de); `–` when nil or not finite.
    public func decimal(_ value: Double?, digits: Int = 1) -> String {
        guard let value, value.isFinite else { return Self.missing }
        let scale = Double(pow10(digits))
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e15 else { return Self.missing }
        let whole = Int64(scaled) / pow10(digits)
        let fraction = Int64(scaled) % pow10(digits)
        var text = grouped(String(whole))
        if digits > 0 {
            let fractionText = String(fraction)
            text += locale.decimalSeparator + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return (value < 0 && scaled > 0 ? "−" : "") + text
    }

    /// A share as a percentage: 0.125 → `12.5 %` (en) / `12,5 %` (de). `–` when nil (no denominator yet).
    ///
    /// Both languages put a thin no-break space before `%` so the sign never wraps onto its own line.
    public func percent(_ share: Double?, digits: Int = 1) -> String {
        guard let share, share.isFinite else { return Self.missing }
        return decimal(share * 100, digits: digits) + "\u{202F}%"
    }

    /// A change of a rate in percentage points with its sign: `+1.2 pp` (en), `+1,2 Pp.` (de).
    public func percentagePoints(_ delta: Double?, digits: Int = 1) -> String {
        guard let delta, delta.isFinite else { return Self.missing }
        return signed(decimal(abs(delta) * 100, digits: digits), negative: delta < 0) + (locale == .de ? "\u{202F}Pp." : "\u{202F}pp")
    }

    /// A relative change with its sign: `+12.0 %`, `−3.5 %`.
    public func signedPercent(_ change: Double?, digits: Int = 1) -> String {
        guard let change, change.isFinite else { return Self.missing }
        return signed(decimal(abs(change) * 100, digits: digits), negative: change < 0) + "\u{202F}%"
    }

    /// Shown where a figure cannot be computed yet (no data, zero denominator).
    public static let missing = "–"

    func signed(_ magnitude: String, negative: Bool) -> String {
        let zero = magnitude.allSatisfy { $0 == "0" || $0 == "," || $0 == "." }
        return (zero ? "±" : negative ? "−" : "+") + magnitude
    }

    func grouped(_ digits: String) -> String {
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { result += locale.groupingSeparator }
            result.append(character)
        }
        return result
    }
}
