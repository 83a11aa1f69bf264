/// The Snowball German stemmer.
///
/// Takes a lower-case word (umlauts and `ß` allowed) and returns a stem without umlauts.
/// ```swift
/// GermanStemmer.stem("versandkosten")  // "versandkost"
/// ```
public enum GermanStemmer {
    /// Returns the stem of a lower-case word.
    public static func stem(_ word: String) -> String {
        var w: [UInt32] = []
        w.reserveCapacity(word.unicodeScalars.count + 2)
        for s in word.unicodeScalars {
            if s.value == 0xDF {  // ß
                w.append(0x73)
                w.append(0x73)
            } else {
                w.append(s.value)
            }
        }
        var state = SnowballGerman(w)
        state.run()
        var out = String.UnicodeScalarView()
        for v in state.w {
            switch v {
            case 0x55: out.append("u")  // U
            case 0x59: out.append("y")  // Y
            case 0xE4: out.append("a")
            case 0xF6: out.append("o")
            case 0xFC: out.append("u")
            default: out.append(Unicode.Scalar(v) ?? "?")
            }
        }
        return String(out)
    }
}

private struct SnowballGerman {
    var w: [UInt32]
    var p1 = 0
    var p2 = 0

    init(_ w: [UInt32]) { self.w = w }

    @inline(__always) static func isVowel(_ c: UInt32) -> Bool {
        switch c {
        case 0x61, 0x65, 0x69, 0x6F, 0x75, 0x79, 0xE4, 0xF6, 0xFC: true  // a e i o u y ä ö ü
        default: false
        }
    }

    static func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

    func ends(_ suffix: [UInt32]) -> Bool {
        guard suffix.count <= w.count else { return false }
        return w[(w.count - suffix.count)...].elementsEqual(suffix)
    }

    func longest(_ suffixes: [[UInt32]]) -> [UInt32]? {
        var best: [UInt32]?
        for s in suffixes where ends(s) && s.count > (best?.count ?? -1) { best = s }
        return best
    }

    mutating func run() {
        prelude()
        markRegions()
        step1()
        step2()
        step3()
    }

    /// Marks u and y between vowels as consonants (U, Y), then reads ae/oe/ue as ä/ö/ü (not after q).
    mutating func prelude() {
        if w.count >= 3 {
            var i = 1
            while i < w.count - 1 {
                if Self.isVowel(w[i - 1]) && Self.isVowel(w[i + 1]) {
                    if w[i] == 0x75 { w[i] = 0x55 } else if w[i] == 0x79 { w[i] = 0x59 }
                }
                i += 1
            }
        }
        var out: [UInt32] = []
        out.reserveCapacity(w.count)
        var i = 0
        while i < w.count {
            let c = w[i]
            if i + 1 < w.count {
                let n = w[i + 1]
                if c == 0x71 && n == 0x75 {  // "qu" stays
                    out.append(c)
                    out.append(n)
                    i += 2
                    continue
                }
                if n == 0x65 && (c == 0x61 || c == 0x6F || c == 0x75) {  // ae oe ue
                    out.append(c == 0x61 ? 0xE4 : c == 0x6F ? 0xF6 : 0xFC)
                    i += 2
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        w = out
    }

    func regionStart(from start: Int) -> Int {
        var i = start
        while i < w.count && !Self.isVowel(w[i]) { i += 1 }
        while i < w.count && Self.isVowel(w[i]) { i += 1 }
        return i < w.count ? i + 1 : w.count
    }

    mutating func markRegions() {
        guard w.count >= 3 else {
            p1 = w.count
            p2 = w.count
            return
        }
        let r1 = regionStart(from: 0)
        // R1 must leave at least three letters before it; R2 is still searched from the unadjusted R1.
        p1 = max(r1, 3)
        p2 = regionStart(from: r1)
    }

    static let sEnding = Set(scalars("bdfghklmnrt"))
    static let stEnding = Set(scalars("bdfghklmnt"))
    static let etEnding = Set(scalars("Udfgklmnrstzä"))
    static let step1Suffixes = ["em", "ern", "er", "erin", "erinnen", "e", "en", "es", "s", "ln", "lns"].map(scalars)
    static let step2Suffixes = ["en", "er", "est", "st", "et"].map(scalars)
    static let etExceptions = ["tick", "plan", "geordn", "intern", "tr"].map(scalars)
    static let step3Suffixes = ["end", "ung", "ig", "ik", "isch", "lich", "heit", "keit"].map(scalars)

    mutating func step1() {
        guard let s = longest(Self.step1Suffixes), w.count - s.count >= p1 else { return }
        let str = String(decoding: s.map { UInt8($0) }, as: UTF8.self)
        switch str {
        case "em":
            // "System" keeps its ending.
            if !(w.count >= 6 && w[(w.count - 6)..<(w.count - 2)].elementsEqual(Self.scalars("syst"))) { w.removeLast(2) }
        case "ern", "er", "erin", "erinnen":
            w.removeLast(s.count)
        case "ln", "lns":
            w.removeLast(s.count)
            w.append(0x6C)
        case "e", "en", "es":
            w.removeLast(s.count)
            if ends(Self.scalars("niss")) { w.removeLast() }
        default:  // "s"
            let i = w.count - 2
            if i >= 0 && Self.sEnding.contains(w[i]) { w.removeLast() }
        }
    }

    mutating func step2() {
        guard let s = longest(Self.step2Suffixes), w.count - s.count >= p1 else { return }
        if s == Self.scalars("st") {
            let i = w.count - 3
            guard i >= 3, Self.stEnding.contains(w[i]) else { return }
        }
        if s == Self.scalars("et") {
            let stem = Array(w[0..<(w.count - 2)])
            guard let last = stem.last, Self.etEnding.contains(last) else { return }
            for e in Self.etExceptions where stem.count >= e.count && stem[(stem.count - e.count)...].elementsEqual(e) { return }
        }
        w.removeLast(s.count)
    }

    func inR2(_ length: Int) -> Bool { w.count - length >= p2 }
    func inR1(_ length: Int) -> Bool { w.count - length >= p1 }

    mutating func step3() {
        guard let s = longest(Self.step3Suffixes), inR2(s.count) else { return }
        let str = String(decoding: s.map { UInt8($0) }, as: UTF8.self)
        switch str {
        case "end", "ung":
            w.removeLast(s.count)
            if ends(Self.scalars("ig")) && inR2(2) && !(w.count >= 3 && w[w.count - 3] == 0x65) { w.removeLast(2) }
        case "ig", "ik", "isch":
            let i = w.count - s.count - 1
            if !(i >= 0 && w[i] == 0x65) { w.removeLast(s.count) }
        case "lich", "heit":
            w.removeLast(s.count)
            if (ends(Self.scalars("er")) || ends(Self.scalars("en"))) && inR1(2) { w.removeLast(2) }
        default:  // "keit"
            w.removeLast(s.count)
            if ends(Self.scalars("lich")) && inR2(4) {
                w.removeLast(4)
            } else if ends(Self.scalars("ig")) && inR2(2) {
                w.removeLast(2)
            }
        }
    }
}
