/// The Snowball English ("Porter2") stemmer.
///
/// Works on folded ASCII words; a word with other characters is returned unchanged.
/// ```swift
/// EnglishStemmer.stem("generously")  // "generous"
/// ```
public enum EnglishStemmer {
    /// Returns the stem of a lower-case word.
    public static func stem(_ word: String) -> String {
        var bytes = Array(word.utf8)
        guard bytes.count > 2, bytes.allSatisfy({ $0 < 0x80 }) else { return word }
        if let special = exceptions1[word] { return special }
        var state = Porter2(bytes)
        state.run()
        bytes = state.w
        return String(decoding: bytes, as: UTF8.self)
    }

    static let exceptions1: [String: String] = [
        "skis": "ski", "skies": "sky", "idly": "idl", "gently": "gentl", "ugly": "ugli",
        "early": "earli", "only": "onli", "singly": "singl", "sky": "sky", "news": "news",
        "howe": "howe", "atlas": "atlas", "cosmos": "cosmos", "bias": "bias", "andes": "andes",
    ]
}

/// Working state of one Porter2 run over ASCII bytes. `Y` marks a consonant y.
private struct Porter2 {
    var w: [UInt8]
    var p1 = 0
    var p2 = 0

    init(_ w: [UInt8]) { self.w = w }

    static let Y = UInt8(ascii: "Y")

    @inline(__always) func isVowel(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"): true
        default: false
        }
    }

    func ends(_ s: String) -> Bool {
        let n = s.utf8.count
        guard n <= w.count else { return false }
        return w[(w.count - n)...].elementsEqual(s.utf8)
    }

    /// The longest of `suffixes` that the word ends with.
    func longest(_ suffixes: [String]) -> String? {
        var best: String?
        for s in suffixes where ends(s) {
            if best == nil || s.utf8.count > best!.utf8.count { best = s }
        }
        return best
    }

    mutating func replace(_ suffix: String, with r: String) {
        w.removeLast(suffix.utf8.count)
        w.append(contentsOf: r.utf8)
    }

    mutating func run() {
        if w.first == UInt8(ascii: "y") { w[0] = Self.Y }
        for i in 1..<w.count where w[i] == UInt8(ascii: "y") && isVowel(w[i - 1]) { w[i] = Self.Y }
        markRegions()
        step1a()
        step1b()
        step1c()
        step2()
        step3()
        step4()
        step5()
        postlude()
    }

    mutating func postlude() {
        for i in w.indices where w[i] == Self.Y { w[i] = UInt8(ascii: "y") }
    }

    /// Position after the first non-vowel that follows a vowel, searching from `start`.
    func regionStart(from start: Int) -> Int {
        var i = start
        while i < w.count && !isVowel(w[i]) { i += 1 }
        while i < w.count && isVowel(w[i]) { i += 1 }
        return i < w.count ? i + 1 : w.count
    }

    mutating func markRegions() {
        let word = String(decoding: w, as: UTF8.self)
        var found = false
        for prefix in ["arsen", "commun", "emerg", "gener", "inter", "later", "organ", "past", "univers"] where word.hasPrefix(prefix) {
            p1 = prefix.utf8.count
            found = true
            break
        }
        if !found { p1 = regionStart(from: 0) }
        p2 = regionStart(from: p1)
    }

    func inR1(_ suffix: String) -> Bool { w.count - suffix.utf8.count >= p1 }
    func inR2(_ suffix: String) -> Bool { w.count - suffix.utf8.count >= p2 }

    /// A short syllable ends at `end` (exclusive); Snowball 3 also counts a final "past".
    func endsShortSyllable(_ end: Int) -> Bool {
        if end >= 3 {
            let a = w[end - 3], b = w[end - 2], c = w[end - 1]
            if !isVowel(a) && isVowel(b) && !isVowel(c) && c != UInt8(ascii: "w") && c != UInt8(ascii: "x") && c != Self.Y {
                return true
            }
        }
        if end == 2 && isVowel(w[0]) && !isVowel(w[1]) { return true }
        return end >= 4 && w[(end - 4)..<end].elementsEqual("past".utf8)
    }

    mutating func step1a() {
        guard let s = longest(["sses", "ied", "ies", "s", "us", "ss"]) else { return }
        switch s {
        case "sses": replace(s, with: "ss")
        case "ied", "ies": replace(s, with: w.count - 3 > 1 ? "i" : "ie")
        case "s":
            // Delete if a vowel occurs before the letter preceding the s.
            if w.count >= 3 && w[0..<(w.count - 2)].contains(where: isVowel) { w.removeLast() }
        default: break
        }
    }

    mutating func step1b() {
        guard let s = longest(["eed", "eedly", "ed", "edly", "ing", "ingly"]) else { return }
        let stemEnd = w.count - s.utf8.count
        if s == "eed" || s == "eedly" {
            let stem = String(decoding: w[0..<stemEnd], as: UTF8.self)
            if stemEnd >= p1 && !["succ", "proc", "exc"].contains(stem) { replace(s, with: "ee") }
            return
        }
        if s == "ing" {
            let stem = String(decoding: w[0..<stemEnd], as: UTF8.self)
            // dying → die, lying → lie; evening, inning, outing … stay.
            if stemEnd == 2 && w[1] == UInt8(ascii: "y") && !isVowel(w[0]) {
                replace("ying", with: "ie")
                return
            }
            if ["even", "cann", "inn", "earr", "herr", "out"].contains(stem) { return }
        }
        guard w[0..<stemEnd].contains(where: isVowel) else { return }
        w.removeLast(s.utf8.count)
        if ends("at") || ends("bl") || ends("iz") {
            w.append(UInt8(ascii: "e"))
        } else if w.count >= 2, w[w.count - 1] == w[w.count - 2], "bdfgmnprt".utf8.contains(w[w.count - 1]) {
            // "add", "egg", "err", "inn", "odd" keep their double letter.
            let keeps = w.count == 3 && "aeo".utf8.contains(w[0])
            if !keeps { w.removeLast() }
        } else if p1 == w.count && endsShortSyllable(w.count) {
            w.append(UInt8(ascii: "e"))
        }
    }

    mutating func step1c() {
        guard let last = w.last, last == UInt8(ascii: "y") || last == Self.Y, w.count > 2 else { return }
        if !isVowel(w[w.count - 2]) { w[w.count - 1] = UInt8(ascii: "i") }
    }

    static let step2Rules: [(String, String)] = [
        ("tional", "tion"), ("enci", "ence"), ("anci", "ance"), ("abli", "able"), ("entli", "ent"),
        ("izer", "ize"), ("ization", "ize"), ("ational", "ate"), ("ation", "ate"), ("ator", "ate"),
        ("alism", "al"), ("aliti", "al"), ("alli", "al"), ("fulness", "ful"), ("ousli", "ous"),
        ("ousness", "ous"), ("iveness", "ive"), ("iviti", "ive"), ("biliti", "ble"), ("bli", "ble"),
        ("ogi", "og"), ("fulli", "ful"), ("lessli", "less"), ("li", ""), ("ogist", "og"),
    ]
    static let step2Suffixes = step2Rules.map(\.0)

    mutating func step2() {
        guard let s = longest(Self.step2Suffixes), inR1(s) else { return }
        let stemEnd = w.count - s.utf8.count
        if s == "ogi" {
            guard stemEnd > 0, w[stemEnd - 1] == UInt8(ascii: "l") else { return }
        }
        if s == "li" {
            guard stemEnd > 0, "cdeghkmnrt".utf8.contains(w[stemEnd - 1]) else { return }
        }
        let r = Self.step2Rules.first { $0.0 == s }!.1
        replace(s, with: r)
    }

    mutating func step3() {
        guard let s = longest(["tional", "ational", "alize", "icate", "iciti", "ical", "ful", "ness", "ative"]), inR1(s) else { return }
        switch s {
        case "tional": replace(s, with: "tion")
        case "ational": replace(s, with: "ate")
        case "alize": replace(s, with: "al")
        case "icate", "iciti", "ical": replace(s, with: "ic")
        case "ful", "ness": replace(s, with: "")
        case "ative": if inR2(s) { replace(s, with: "") }
        default: break
        }
    }

    static let step4Suffixes = [
        "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism", "ate",
        "iti", "ous", "ive", "ize", "ion",
    ]

    mutating func step4() {
        guard let s = longest(Self.step4Suffixes), inR2(s) else { return }
        if s == "ion" {
            let stemEnd = w.count - 3
            guard stemEnd > 0, w[stemEnd - 1] == UInt8(ascii: "s") || w[stemEnd - 1] == UInt8(ascii: "t") else { return }
        }
        replace(s, with: "")
    }

    mutating func step5() {
        guard let last = w.last else { return }
        if last == UInt8(ascii: "e") {
            if inR2("e") || (inR1("e") && !endsShortSyllable(w.count - 1)) { w.removeLast() }
        } else if last == UInt8(ascii: "l") {
            if inR2("l") && w.count >= 2 && w[w.count - 2] == UInt8(ascii: "l") { w.removeLast() }
        }
    }
}
