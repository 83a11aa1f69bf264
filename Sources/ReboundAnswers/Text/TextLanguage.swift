/// A language the analyzers know: English or German.
public enum TextLanguage: String, Sendable, Hashable, Codable, CaseIterable {
    case english = "en"
    case german = "de"

    /// Reads a locale identifier such as `en`, `en-GB`, `de_AT`; anything else is nil.
    public init?(localeIdentifier: String) {
        let prefix = localeIdentifier.lowercased().prefix(2)
        switch prefix {
        case "en": self = .english
        case "de": self = .german
        default: return nil
        }
    }
}
