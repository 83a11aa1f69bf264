/// Case and diacritic folding shared by the analyzers.
///
/// Folding maps `ß` to `ss` and strips diacritics (`ä` → `a`, `é` → `e`), so `Grösse`,
/// `Größe` and `grosse` match. German `ae`/`oe`/`ue` spellings are not mapped to umlauts.
public enum TextFolding {
    /// Lower-cases `text` and removes diacritics.
    public static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            appendFolded(scalar, to: &out)
        }
        return String(out)
    }

    /// Appends the folded form of one lower-case scalar.
    static func appendFolded(_ scalar: Unicode.Scalar, to out: inout String.UnicodeScalarView) {
        if scalar.value < 0x80 {
            out.append(scalar)
            return
        }
        if let mapped = foldTable[scalar.value] {
            out.append(contentsOf: mapped.unicodeScalars)
            return
        }
        // Combining marks left over from decomposed input carry no letter.
        if (0x0300...0x036F).contains(scalar.value) { return }
        out.append(scalar)
    }

    private static let foldTable: [UInt32: String] = {
        var table: [UInt32: String] = [:]
        let groups: [(String, String)] = [
            ("àáâãäåāăą", "a"), ("çćĉċč", "c"), ("ďđ", "d"), ("èéêëēĕėęě", "e"),
            ("ĝğġģ", "g"), ("ĥħ", "h"), ("ìíîïĩīĭįı", "i"), ("ĵ", "j"), ("ķ", "k"),
            ("ĺļľŀł", "l"), ("ñńņňŉ", "n"), ("òóôõöøōŏő", "o"), ("ŕŗř", "r"),
            ("śŝşšș", "s"), ("ţťŧț", "t"), ("ùúûüũūŭůűų", "u"), ("ŵ", "w"),
            ("ýÿŷ", "y"), ("źżž", "z"),
        ]
        for (letters, base) in groups {
            for scalar in letters.unicodeScalars { table[scalar.value] = base }
        }
        table[0x00DF] = "ss"  // ß
        table[0x1E9E] = "ss"  // ẞ
        table[0x00E6] = "ae"  // æ
        table[0x0153] = "oe"  // œ
        table[0x2019] = "'"
        return table
    }()
}
