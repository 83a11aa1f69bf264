import Foundation
import ReboundAnswers
import Testing

@Suite struct BM25IndexTests {
    // d0 = [a b], d1 = [a a c], d2 = [c]; N = 3, avgdl = 2, k1 = 1.5, b = 0.75.
    let index = BM25Index(documents: [["a", "b"], ["a", "a", "c"], ["c"]])

    /// Hand-computed Lucene BM25 term score.
    func expected(tf: Double, df: Double, length: Double) -> Double {
        let idf = log(1 + (3 - df + 0.5) / (df + 0.5))
        return idf * tf / (tf + 1.5 * (1 - 0.75 + 0.75 * length / 2))
    }

    @Test func scoresMatchHandComputation() {
        #expect(abs(BM25Index.idf(documentFrequency: 2, documentCount: 3) - log(1.6)) < 1e-12)
        let hits = index.search(terms: ["a", "c"], limit: 10)
        #expect(hits.map(\.document) == [1, 2, 0])
        let d1 = expected(tf: 2, df: 2, length: 3) + expected(tf: 1, df: 2, length: 3)
        let d2 = expected(tf: 1, df: 2, length: 1)
        let d0 = expected(tf: 1, df: 2, length: 2)
        #expect(abs(Double(hits[0].score) - d1) < 1e-5)  // 0.384858
        #expect(abs(Double(hits[1].score) - d2) < 1e-5)  // 0.242582
        #expect(abs(Double(hits[2].score) - d0) < 1e-5)  // 0.188001
        #expect(abs(Double(hits[0].score) - 0.384858) < 1e-5)
    }

    @Test func repeatedQueryTermsCountAgainAsInBM25S() {
        let once = index.search(terms: ["b"], limit: 1)[0].score
        let twice = index.search(terms: ["b", "b"], limit: 1)[0].score
        #expect(twice == once + once)
    }

    @Test func limitUnknownTermsAndTies() {
        #expect(index.search(terms: ["a", "c"], limit: 1).map(\.document) == [1])
        #expect(index.search(terms: ["zzz"], limit: 10).isEmpty)
        #expect(index.search(terms: [], limit: 10).isEmpty)
        #expect(index.search(terms: ["a"], limit: 0).isEmpty)
        // Equal scores rank by document position.
        let tied = BM25Index(documents: [["x", "y"], ["x", "z"], ["x", "w"]])
        #expect(tied.search(terms: ["x"], limit: 10).map(\.document) == [0, 1, 2])
    }

    @Test func reusedBufferGivesSameResults() {
        var buffer = BM25Index.ScoreBuffer(documentCount: index.documentCount)
        let q1 = index.termIDs(for: ["a", "c"])
        let first = index.search(termIDs: q1, limit: 10, buffer: &buffer)
        _ = index.search(termIDs: index.termIDs(for: ["b"]), limit: 10, buffer: &buffer)
        #expect(index.search(termIDs: q1, limit: 10, buffer: &buffer) == first)
        #expect(index.score(termIDs: q1, document: 1) == first[0].score)
    }

    @Test func parametersChangeScores() {
        let flat = BM25Index(documents: [["a", "b"], ["a", "a", "c"], ["c"]], configuration: .init(k1: 1.2, b: 0))
        let s = flat.search(terms: ["c"], limit: 10)
        // With b = 0 length does not matter: both documents with one "c" score the same.
        #expect(s.count == 2 && s[0].score == s[1].score)
    }

    @Test func emptyIndexAndEmptyQuestion() {
        let empty = BM25Index(documents: [])
        #expect(empty.search(terms: ["a"], limit: 5).isEmpty)
        let kb = KnowledgeBase(documents: [KnowledgeDocument(id: "a", title: "Returns", body: "30 days")])
        #expect(kb.search("").isEmpty)
        #expect(kb.search("   ?? ").isEmpty)
        let enormous = String(repeating: "returns ", count: 200_000)
        #expect(kb.search(enormous).first?.id == "a")
    }
}
