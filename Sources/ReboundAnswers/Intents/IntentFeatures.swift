/// TF-IDF features of an utterance: word n-grams of stemmed words, character n-grams of the
/// folded text, and character n-grams inside word boundaries (`char_wb`).
///
/// Each block is weighted `(1 + ln tf) · idf` with smooth idf `ln((1 + n) / (1 + df)) + 1` and
/// scaled to unit L2 norm, then the blocks are concatenated (as scikit-learn's `TfidfVectorizer`
/// with `sublinear_tf=True`, stacked). N-grams are keyed by a 64-bit hash; features are the
/// n-grams seen in training.
public struct IntentFeatures: Sendable {
    /// Which n-grams to use. A nil range turns a block off.
    public struct Configuration: Sendable, Hashable {
        public var language: TextLanguage
        public var wordNGrams: ClosedRange<Int>?
        public var charNGrams: ClosedRange<Int>?
        public var charWordNGrams: ClosedRange<Int>?
        /// Stem words for the word block.
        public var stemsWords: Bool
        /// N-grams in fewer training utterances than this are dropped.
        public var minimumDocumentFrequency: Int
        /// Characters of an utterance past this are ignored.
        public var maximumTextLength: Int

        public init(
            language: TextLanguage = .english,
            wordNGrams: ClosedRange<Int>? = 1...3,
            charNGrams: ClosedRange<Int>? = 1...5,
            charWordNGrams: ClosedRange<Int>? = 2...5,
            stemsWords: Bool = true,
            minimumDocumentFrequency: Int = 1,
            maximumTextLength: Int = 1_000
        ) {
            self.language = language
            self.wordNGrams = wordNGrams
            self.charNGrams = charNGrams
            self.charWordNGrams = charWordNGrams
            self.stemsWords = stemsWords
            self.minimumDocumentFrequency = minimumDocumentFrequency
            self.maximumTextLength = maximumTextLength
        }
    }

    public let configuration: Configuration
    private let ids: [UInt64: Int32]
    private let idf: [Float]
    private let analyzer: TextAnalyzer

    /// Number of features.
    public var count: Int { idf.count }

    /// Learns the n-gram vocabulary and idf from training texts.
    public init(fitting texts: [String], configuration: Configuration = .init()) {
        self.configuration = configuration
        analyzer = TextAnalyzer(
            language: configuration.language,
            configuration: .init(removesStopWords: false, stems: configuration.stemsWords, maximumWords: 256)
        )
        var df: [UInt64: Int32] = [:]
        var scratch: [UInt64] = []
        for text in texts {
            for block in 0..<3 {
                Self.ngrams(text, block: block, configuration: configuration, analyzer: analyzer, into: &scratch)
                scratch.sort()
                var last: UInt64?
                for h in scratch where h != last {
                    df[h, default: 0] += 1
                    last = h
                }
            }
        }
        // Ids in hash order so a model is the same whatever order the dictionary iterates.
        let kept = df.filter { $0.value >= Int32(configuration.minimumDocumentFrequency) }.keys.sorted()
        var ids: [UInt64: Int32] = [:]
        ids.reserveCapacity(kept.count)
        var idf: [Float] = []
        idf.reserveCapacity(kept.count)
        let n = Double(texts.count)
        for h in kept {
            ids[h] = Int32(idf.count)
            idf.append(Float(Foundation_log((1 + n) / (1 + Double(df[h]!))) + 1))
        }
        self.ids = ids
        self.idf = idf
    }

    /// The feature vector of a text: sorted feature ids and their weights.
    public func vector(_ text: String) -> (ids: [Int32], values: [Float]) {
        var outIDs: [Int32] = []
        var outValues: [Float] = []
        var scratch: [UInt64] = []
        for block in 0..<3 {
            Self.ngrams(text, block: block, configuration: configuration, analyzer: analyzer, into: &scratch)
            scratch.sort()
            let blockStart = outIDs.count
            var i = 0
            var norm: Double = 0
            while i < scratch.count {
                var j = i + 1
                while j < scratch.count && scratch[j] == scratch[i] { j += 1 }
                if let id = ids[scratch[i]] {
                    let w = Float(1 + Foundation_log(Double(j - i))) * idf[Int(id)]
                    outIDs.append(id)
                    outValues.append(w)
                    norm += Double(w) * Double(w)
                }
                i = j
            }
            if norm > 0 {
                let inv = Float(1 / Foundation_sqrt(norm))
                for k in blockStart..<outValues.count { outValues[k] *= inv }
            }
        }
        return (outIDs, outValues)
    }

    // MARK: - N-gram hashing

    private static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    private static func mix(_ h: UInt64, _ v: UInt64) -> UInt64 { (h ^ v) &* fnvPrime }

    /// Appends (after clearing) the n-gram hashes of one block: 0 words, 1 chars, 2 chars in words.
    static func ngrams(_ text: String, block: Int, configuration: Configuration, analyzer: TextAnalyzer, into out: inout [UInt64]) {
        out.removeAll(keepingCapacity: true)
        let clipped = text.count > configuration.maximumTextLength ? String(text.prefix(configuration.maximumTextLength)) : text
        switch block {
        case 0:
            guard let range = configuration.wordNGrams else { return }
            let words = WordSplitter.words(in: clipped, maximumWords: 256)
            var hashes: [UInt64] = []
            hashes.reserveCapacity(words.count)
            for w in words {
                let term = analyzer.term(forWord: w) ?? w
                var h = mix(fnvOffset, 0x5752)  // block tag
                for b in term.utf8 { h = mix(h, UInt64(b)) }
                hashes.append(h)
            }
            for start in hashes.indices {
                var h = mix(fnvOffset, 0x5752_4E)
                for n in 1...range.upperBound {
                    guard start + n <= hashes.count else { break }
                    h = mix(h &* 31, hashes[start + n - 1])
                    if n >= range.lowerBound { out.append(h ^ UInt64(n) << 56) }
                }
            }
        case 1:
            guard let range = configuration.charNGrams else { return }
            let chars = normalizedScalars(clipped)
            for start in chars.indices {
                var h = mix(fnvOffset, 0x4348)
                for n in 1...range.upperBound {
                    guard start + n <= chars.count else { break }
                    h = mix(h, UInt64(chars[start + n - 1]))
                    if n >= range.lowerBound { out.append(h) }
                }
            }
        default:
            guard let range = configuration.charWordNGrams else { return }
            let chars = normalizedScalars(clipped)
            // Each whitespace-separated word padded with one space on each side.
            var wordStart = 0
            while wordStart < chars.count {
                var end = wordStart
                while end < chars.count && chars[end] != 0x20 { end += 1 }
                if end > wordStart {
                    var padded: [UInt32] = [0x20]
                    padded.append(contentsOf: chars[wordStart..<end])
                    padded.append(0x20)
                    for start in padded.indices {
                        var h = mix(fnvOffset, 0x5742)
                        for n in 1...range.upperBound {
                            guard start + n <= padded.count else { break }
                            h = mix(h, UInt64(padded[start + n - 1]))
                            if n >= range.lowerBound { out.append(h) }
                        }
                    }
                }
                wordStart = end + 1
            }
        }
    }

    /// Folded text as scalars with runs of whitespace collapsed to one space.
    static func normalizedScalars(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        var lastSpace = true
        for s in TextFolding.fold(text).unicodeScalars {
            let isSpace = s.value < 0x80 ? (s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D)) : s.properties.isWhitespace
            if isSpace {
                if !lastSpace { out.append(0x20) }
                lastSpace = true
            } else {
                out.append(s.value)
                lastSpace = false
            }
        }
        if out.last == 0x20 { out.removeLast() }
        return out
    }
}
