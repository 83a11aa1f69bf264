/// The languages the admin formats numbers, money, dates and durations for.
public enum AdminLocale: String, Sendable, Hashable, CaseIterable {
    case en, de

    /// Reads a BCP 47 tag such as `de-DE`, `de_AT` or `en-GB`; anything not German formats as English.
    public init(tag: String) {
        let language = tag.split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map { $0.lowercased() } ?? "en"
        self = language == "de" ? .de : .en
    }

    /// The value of `<html lang>`.
    public var languageTag: String { rawValue }

    var decimalSeparator: String { self == .de ? "," : "." }
    var groupingSeparator: String { self == .de ? "." : "," }
}
