extension BM25Index {
    /// Scratch space for one searcher: a score per document and the documents touched.
    ///
    /// Reuse one buffer per thread so a search allocates nothing but its result.
    public struct ScoreBuffer: Sendable {
        var scores: [Float]
        var touched: [Int32]

        public init(documentCount: Int) {
            scores = [Float](repeating: 0, count: documentCount)
            touched = []
            touched.reserveCapacity(min(documentCount, 4_096))
        }
    }

    /// The best `limit` documents for term ids from ``termIDs(for:)``.
    ///
    /// Ordered by score, then by document position; only documents with a positive score.
    public func search(termIDs query: [Int32], limit: Int, buffer: inout ScoreBuffer) -> [Hit] {
        guard limit > 0, !query.isEmpty else { return [] }
        if buffer.scores.count != documentCount { buffer = ScoreBuffer(documentCount: documentCount) }
        // Take the arrays out of the buffer so they stay uniquely referenced while mutated.
        var scoreArray = buffer.scores
        var touched = buffer.touched
        buffer.scores = []
        buffer.touched = []
        defer {
            touched.removeAll(keepingCapacity: true)
            buffer.scores = scoreArray
            buffer.touched = touched
        }
        postingStart.withUnsafeBufferPointer { start in
            postingDocument.withUnsafeBufferPointer { docs in
                postingScore.withUnsafeBufferPointer { values in
                    scoreArray.withUnsafeMutableBufferPointer { scores in
                        for t in query {
                            let ti = Int(t)
                            guard ti >= 0, ti + 1 < start.count else { continue }
                            var j = Int(start[ti])
                            let hi = Int(start[ti + 1])
                            while j < hi {
                                let d = Int(docs[j])
                                // Scores are positive once touched, so 0 means "first time".
                                if scores[d] == 0 { touched.append(Int32(d)) }
                                scores[d] += values[j]
                                j += 1
                            }
                        }
                    }
                }
            }
        }
        let k = min(limit, touched.count)
        var top: [Hit] = []
        top.reserveCapacity(k + 1)
        scoreArray.withUnsafeMutableBufferPointer { scores in
            for d32 in touched {
                let d = Int(d32)
                let s = scores[d]
                scores[d] = 0
                if top.count == k, let last = top.last, !Self.ranksBefore(s, d, last) { continue }
                var i = top.count
                while i > 0 && Self.ranksBefore(s, d, top[i - 1]) { i -= 1 }
                top.insert(Hit(document: d, score: s), at: i)
                if top.count > k { top.removeLast() }
            }
        }
        return top
    }

    @inline(__always)
    static func ranksBefore(_ score: Float, _ document: Int, _ other: Hit) -> Bool {
        score > other.score || (score == other.score && document < other.document)
    }

    /// The BM25 score of one document, summed the same way as ``search(termIDs:limit:buffer:)``.
    public func score(termIDs query: [Int32], document: Int) -> Float {
        var total: Float = 0
        for t in query {
            let ti = Int(t)
            for j in Int(postingStart[ti])..<Int(postingStart[ti + 1]) where Int(postingDocument[j]) == document {
                total += postingScore[j]
            }
        }
        return total
    }
}
