/// An Okapi BM25 index over tokenised documents (Lucene variant, as `bm25s` computes it).
///
/// Score of document d for query terms q₁…qₙ (repeats count again):
/// `Σ idf(q) · tf / (tf + k1 · (1 − b + b · |d| / avgdl))` with `idf = ln(1 + (N − df + 0.5) / (df + 0.5))`.
/// Per-posting scores are precomputed as `Float`, exactly as `bm25s` stores them, and summed
/// in `Float` in query-term order, so scores agree bit for bit with `bm25s` for the same tokens.
///
/// ```swift
/// let index = BM25Index(documents: [["free", "ship"], ["return", "polici"]])
/// let hits = index.search(terms: ["ship"], limit: 10)
/// ```
public struct BM25Index: Sendable {
    /// BM25 parameters.
    public struct Configuration: Sendable, Hashable {
        /// Term-frequency saturation.
        public var k1: Double
        /// Length normalisation, 0…1.
        public var b: Double

        public init(k1: Double = 1.5, b: Double = 0.75) {
            self.k1 = k1
            self.b = b
        }
    }

    /// A scored document, by its position in the documents the index was built from.
    public struct Hit: Sendable, Hashable {
        public let document: Int
        public let score: Float

        public init(document: Int, score: Float) {
            self.document = document
            self.score = score
        }
    }

    public let configuration: Configuration
    /// Number of documents.
    public let documentCount: Int
    /// Mean document length in terms.
    public let averageDocumentLength: Double
    let termIDs: [String: Int32]
    /// Postings of term t are `postingStart[t] ..< postingStart[t + 1]`.
    let postingStart: [Int32]
    let postingDocument: [Int32]
    let postingScore: [Float]
    let idf: [Float]

    /// Builds the index. Each document is its list of terms.
    public init(documents: [[String]], configuration: Configuration = .init()) {
        self.configuration = configuration
        documentCount = documents.count
        var ids: [String: Int32] = [:]
        var docTerms: [[(term: Int32, tf: Int32)]] = []
        docTerms.reserveCapacity(documents.count)
        var totalLength = 0
        var df: [Int32] = []
        for doc in documents {
            totalLength += doc.count
            var counts: [Int32: Int32] = [:]
            var order: [Int32] = []
            for token in doc {
                let id: Int32
                if let known = ids[token] {
                    id = known
                } else {
                    id = Int32(ids.count)
                    ids[token] = id
                    df.append(0)
                }
                if let c = counts[id] {
                    counts[id] = c + 1
                } else {
                    counts[id] = 1
                    order.append(id)
                    df[Int(id)] += 1
                }
            }
            docTerms.append(order.map { ($0, counts[$0]!) })
        }
        termIDs = ids
        let n = Double(documents.count)
        let avg = documents.isEmpty ? 0 : Double(totalLength) / n
        averageDocumentLength = avg
        let idf = df.map { Float(Self.idf(documentFrequency: Int($0), documentCount: documents.count)) }
        self.idf = idf

        var start = [Int32](repeating: 0, count: df.count + 1)
        for t in 0..<df.count { start[t + 1] = start[t] + df[t] }
        var fill = Array(start.dropLast())
        var postingDocument = [Int32](repeating: 0, count: Int(start.last ?? 0))
        var postingScore = [Float](repeating: 0, count: postingDocument.count)
        let k1 = configuration.k1, b = configuration.b
        for (d, terms) in docTerms.enumerated() {
            let length = Double(documents[d].count)
            // Same operation order as bm25s, in Double, rounded once to Float.
            let norm = k1 * ((1 - b) + b * length / avg)
            for (t, tf) in terms {
                let tfc = Double(tf) / (norm + Double(tf))
                let slot = Int(fill[Int(t)])
                fill[Int(t)] += 1
                postingDocument[slot] = Int32(d)
                postingScore[slot] = Float(Double(idf[Int(t)]) * tfc)
            }
        }
        self.postingStart = start
        self.postingDocument = postingDocument
        self.postingScore = postingScore
    }

    /// Lucene's BM25 idf: `ln(1 + (N − df + 0.5) / (df + 0.5))`.
    public static func idf(documentFrequency df: Int, documentCount n: Int) -> Double {
        Foundation_log(1 + (Double(n) - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    /// Number of distinct terms.
    public var termCount: Int { termIDs.count }

    /// The id of a term, or nil when no document has it.
    public func termID(_ term: String) -> Int32? { termIDs[term] }

    /// Ids of the known terms among `terms`, in order, repeats kept (as `bm25s` does).
    public func termIDs(for terms: [String]) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(terms.count)
        for term in terms { if let id = termIDs[term] { out.append(id) } }
        return out
    }

    /// The best `limit` documents for `terms`; documents that match no term are not returned.
    public func search(terms: [String], limit: Int) -> [Hit] {
        var buffer = ScoreBuffer(documentCount: documentCount)
        return search(termIDs: termIDs(for: terms), limit: limit, buffer: &buffer)
    }
}
