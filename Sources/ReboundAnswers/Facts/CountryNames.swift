import Foundation

/// Recognises country names in English and German questions and maps them to ISO 3166-1 codes.
///
/// Official names come from the system's locale data (every region, in both languages), plus the
/// names people actually type: "USA", "the States", "UK", "England", "Holland", "Amerika",
/// "Tschechei", and German case forms ("in den Niederlanden"). Matching is on whole words after
/// case and diacritic folding, longest name first, so "Dominican Republic" is not "Dominica" and
/// "Österreich", "Oesterreich" and "osterreich" all find AT.
/// ```swift
/// CountryNames.find(in: "Liefert ihr nach Österreich?", language: .german).first  // "AT"
/// ```
public enum CountryNames {
    /// The ISO codes of the countries named in `text`, in order of appearance, without repeats.
    ///
    /// Names of the question's language are tried first; the other language only when nothing matched
    /// (German "Island" is Iceland, an English "island" is not).
    public static func find(in text: String, language: TextLanguage) -> [String] {
        let primary = matches(in: text, table: tables[language]!)
        if !primary.isEmpty { return primary }
        let other: TextLanguage = language == .english ? .german : .english
        return matches(in: text, table: tables[other]!).filter { code in
            // A German name that is an everyday English word ("Island") only counts in German.
            !(other == .german && code == "IS" && !TextFolding.fold(text).contains("iceland"))
        }
    }

    /// The country's name in `language` ("Österreich"), or the code when unknown.
    public static func name(for code: String, language: TextLanguage) -> String {
        let upper = code.uppercased()
        if upper == "*" { return language == .german ? "alle anderen Länder" : "all other countries" }
        if language == .english, ["US", "GB", "NL"].contains(upper) {
            // "the United States", "the Netherlands": the article reads better in sentences.
            return ["US": "the United States", "GB": "the United Kingdom", "NL": "the Netherlands"][upper]!
        }
        return Locale(identifier: language.rawValue).localizedString(forRegionCode: upper) ?? upper
    }

    static func matches(in text: String, table: Table) -> [String] {
        let words = WordSplitter.words(in: TextFolding.fold(text), maximumWords: 400)
        // "US" is a country only when written in capitals; "us" is a pronoun.
        let capitalUS = text.split(whereSeparator: { !$0.isLetter }).contains("US")
        var found: [String] = []
        var i = 0
        while i < words.count {
            var matched = false
            for length in stride(from: min(table.longest, words.count - i), through: 1, by: -1) {
                let key = words[i..<(i + length)].joined(separator: " ")
                if let code = table.codes[key] {
                    if !found.contains(code) { found.append(code) }
                    i += length
                    matched = true
                    break
                }
            }
            if !matched {
                if words[i] == "us" && capitalUS && !found.contains("US") { found.append("US") }
                i += 1
            }
        }
        return found
    }

    struct Table: Sendable {
        var codes: [String: String] = [:]
        var longest = 1

        mutating func add(_ name: String, _ code: String) {
            let words = WordSplitter.words(in: TextFolding.fold(name))
            guard !words.isEmpty else { return }
            let key = words.joined(separator: " ")
            if Self.ambiguous.contains(key) { return }
            if codes[key] == nil { codes[key] = code }
            longest = max(longest, words.count)
        }

        /// Names that are also everyday words in shop questions ("football jersey", "Air Jordan").
        static let ambiguous: Set<String> = ["jersey", "jordan", "man", "chad", "turkey", "georgia", "guernsey"]
    }

    static let tables: [TextLanguage: Table] = {
        let regions = Locale.Region.isoRegions.map(\.identifier).filter { code in
            code.count == 2 && code.allSatisfy({ $0.isASCII && $0.isUppercase })
                && !["EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"].contains(code)
        }
        var out: [TextLanguage: Table] = [:]
        for language in TextLanguage.allCases {
            var table = Table()
            let locale = Locale(identifier: language.rawValue)
            for code in regions.sorted() {
                guard let name = locale.localizedString(forRegionCode: code) else { continue }
                table.add(name, code)
                // "Myanmar (Burma)", "Congo - Kinshasa", "Hongkong (SAR China)": the short form too.
                for separator in [" (", " - ", ", "] {
                    if let r = name.range(of: separator) { table.add(String(name[..<r.lowerBound]), code) }
                }
            }
            let aliases = language == .english ? englishAliases : germanAliases
            for (name, code) in aliases { table.add(name, code) }
            out[language] = table
        }
        return out
    }()

    static let englishAliases: [(String, String)] = [
        ("usa", "US"), ("u s a", "US"), ("u s", "US"), ("america", "US"), ("the states", "US"), ("united states of america", "US"),
        ("uk", "GB"), ("u k", "GB"), ("britain", "GB"), ("great britain", "GB"), ("england", "GB"), ("scotland", "GB"), ("wales", "GB"),
        ("northern ireland", "GB"), ("holland", "NL"), ("czech republic", "CZ"), ("bohemia", "CZ"), ("south korea", "KR"), ("korea", "KR"),
        ("russia", "RU"), ("uae", "AE"), ("emirates", "AE"), ("dubai", "AE"), ("turkiye", "TR"), ("ivory coast", "CI"),
        ("swiss", "CH"), ("hong kong", "HK"), ("macau", "MO"), ("vatican", "VA"), ("burma", "MM"), ("taiwan", "TW"),
        ("the netherlands", "NL"), ("the uk", "GB"), ("the us", "US"), ("the usa", "US"), ("deutschland", "DE"), ("osterreich", "AT"),
        ("oesterreich", "AT"), ("schweiz", "CH"), ("suisse", "CH"), ("espana", "ES"), ("italia", "IT"), ("polska", "PL"), ("sverige", "SE"),
        ("norge", "NO"), ("danmark", "DK"), ("nederland", "NL"), ("belgie", "BE"), ("belgique", "BE"), ("eire", "IE"),
    ]

    static let germanAliases: [(String, String)] = [
        ("usa", "US"), ("u s a", "US"), ("vereinigte staaten von amerika", "US"), ("amerika", "US"), ("staaten", "US"),
        ("vereinigten staaten", "US"), ("uk", "GB"), ("grossbritannien", "GB"), ("england", "GB"), ("schottland", "GB"),
        ("vereinigten konigreich", "GB"), ("nordirland", "GB"), ("holland", "NL"), ("niederlanden", "NL"), ("tschechei", "CZ"),
        ("tschechische republik", "CZ"), ("sudkorea", "KR"), ("korea", "KR"), ("russland", "RU"), ("vae", "AE"), ("emirate", "AE"),
        ("dubai", "AE"), ("oesterreich", "AT"), ("osterreich", "AT"), ("suisse", "CH"), ("elfenbeinkuste", "CI"),
        ("vatikan", "VA"), ("hongkong", "HK"), ("taiwan", "TW"), ("austria", "AT"), ("switzerland", "CH"), ("germany", "DE"),
        ("luxemburg", "LU"), ("vereinigten arabischen emiraten", "AE"), ("philippinen", "PH"), ("malediven", "MV"),
        ("seychellen", "SC"), ("bahamas", "BS"),
    ]
}
