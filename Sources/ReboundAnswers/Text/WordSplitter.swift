/// Splits lower-cased text into words: runs of letters and digits.
///
/// Apostrophes inside a word are dropped (`don't` → `dont`, `what’s` → `whats`);
/// every other character separates words.
public enum WordSplitter {
    /// Returns the words of `text` after lower-casing, in order.
    ///
    /// - Parameter maximumWords: stop after this many words (guards enormous input).
    public static func words(in text: String, maximumWords: Int = .max) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        var pendingApostrophe = false
        for scalar in text.lowercased().unicodeScalars {
            if isWordScalar(scalar) {
                current.append(scalar)
                pendingApostrophe = false
            } else if (scalar == "'" || scalar == "\u{2019}") && !current.isEmpty {
                pendingApostrophe = true
            } else if !current.isEmpty {
                words.append(String(current))
                current = String.UnicodeScalarView()
                pendingApostrophe = false
                if words.count >= maximumWords { return words }
            }
        }
        _ = pendingApostrophe
        if !current.isEmpty && words.count < maximumWords { words.append(String(current)) }
        return words
    }

    @inline(__always)
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x80 {
            return (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
}
