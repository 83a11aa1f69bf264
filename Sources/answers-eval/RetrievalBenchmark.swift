import Foundation
import ReboundAnswers

/// `answers-eval bench-retrieval`: the B7 retrieval benchmark.
///
/// Corpus (5,000 documents of real text): the 79 FAQ entries (question as title, answer as
/// body), then every 4th Bitext utterance, every 5th BANKING77 query and every 12th CLINC150
/// training query, cut at 5,000. Queries (held out from the corpus): Bitext utterances with
/// index % 4 == 1, BANKING77 queries with index % 5 == 1 and CLINC150 validation queries,
/// 1,000 in all, minus those with no term in the index. Terms come from the English
/// `TextAnalyzer` (stop words removed, Porter2). The tokens and our top-10 go to --out so
/// `peer_bm25.py` runs bm25s on exactly the same tokens and compares.
enum RetrievalBenchmark {
    struct Corpus {
        var ids: [String] = []
        var texts: [String] = []
        var queries: [String] = []
    }

    static func build(data: String) throws -> Corpus {
        var c = Corpus()
        let faqData = try Data(contentsOf: URL(fileURLWithPath: data + "/faq/ecommerce_faq_chatbot_dataset.json"))
        let faq = (try JSONSerialization.jsonObject(with: faqData) as? [String: Any])?["questions"] as? [[String: String]] ?? []
        for (i, q) in faq.enumerated() {
            c.ids.append("faq-\(i)")
            c.texts.append((q["question"] ?? "") + "\n" + (q["answer"] ?? ""))
        }
        let bitext = try IntentDataset.load(
            path: data + "/support_intents/bitext_customer_service_intents_train.csv",
            columns: .init(text: "utterance", label: "intent")
        )
        let banking = try IntentDataset.load(path: data + "/banking77/train.csv", columns: .init(text: "text", label: "category"))
        let clinc = try CLINC150.load(path: data + "/clinc150/clinc150_train_val.json")
        for (i, e) in bitext.enumerated() where i % 4 == 0 { c.ids.append("bitext-\(i)"); c.texts.append(e.text) }
        for (i, e) in banking.enumerated() where i % 5 == 0 { c.ids.append("banking77-\(i)"); c.texts.append(e.text) }
        for (i, e) in clinc["train"]!.enumerated() where i % 12 == 0 { c.ids.append("clinc-\(i)"); c.texts.append(e.text) }
        c.ids = Array(c.ids.prefix(5_000))
        c.texts = Array(c.texts.prefix(5_000))
        c.queries += bitext.enumerated().filter { $0.offset % 4 == 1 }.prefix(300).map(\.element.text)
        c.queries += banking.enumerated().filter { $0.offset % 5 == 1 }.prefix(350).map(\.element.text)
        c.queries += clinc["val"]!.prefix(350).map(\.text)
        return c
    }

    static func run(_ options: Options) throws {
        let data = try options.require("data")
        let out = try options.require("out")
        let runs = Int(options.values["runs"] ?? "5") ?? 5
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let corpus = try build(data: data)
        let analyzer = TextAnalyzer(language: .english)
        let clock = ContinuousClock()

        let docTerms = corpus.texts.map { analyzer.terms(in: $0) }
        var t0 = clock.now
        let index = BM25Index(documents: docTerms)
        let buildTime = clock.now - t0
        let queryTerms = corpus.queries.map { analyzer.terms(in: $0) }.filter { !index.termIDs(for: $0).isEmpty }

        // Our top-10 for the comparison.
        var buffer = BM25Index.ScoreBuffer(documentCount: index.documentCount)
        var results: [[String: Any]] = []
        for q in queryTerms {
            let hits = index.search(termIDs: index.termIDs(for: q), limit: 10, buffer: &buffer)
            results.append(["ids": hits.map { corpus.ids[$0.document] }, "scores": hits.map { Double($0.score) }])
        }
        try JSONSerialization.data(withJSONObject: docTerms).write(to: URL(fileURLWithPath: out + "/corpus_tokens.json"))
        try JSONSerialization.data(withJSONObject: corpus.ids).write(to: URL(fileURLWithPath: out + "/corpus_ids.json"))
        try JSONSerialization.data(withJSONObject: queryTerms).write(to: URL(fileURLWithPath: out + "/query_tokens.json"))
        try JSONSerialization.data(withJSONObject: results).write(to: URL(fileURLWithPath: out + "/swift_top10.json"))

        // Timed: one query at a time, from its tokens (term lookup + scoring + top-10), as bm25s is timed.
        var latencies: [Double] = []
        var sink = 0
        for pass in 0...runs {
            for q in queryTerms {
                let start = clock.now
                let hits = index.search(termIDs: index.termIDs(for: q), limit: 10, buffer: &buffer)
                let elapsed = clock.now - start
                sink &+= hits.count
                if pass > 0 { latencies.append(Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds)) }
            }
        }
        // End to end from raw text (analysis included), for reference.
        let rawQueries = corpus.queries
        t0 = clock.now
        for q in rawQueries {
            let ids = index.termIDs(for: analyzer.terms(in: q))
            sink &+= index.search(termIDs: ids, limit: 10, buffer: &buffer).count
        }
        let rawSeconds = (clock.now - t0) / .seconds(1)
        latencies.sort()
        let total = latencies.reduce(0, +)
        func pct(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        let summary: [String: Any] = [
            "side": "swift ReboundAnswers.BM25Index",
            "documents": index.documentCount, "terms": index.termCount, "queries": queryTerms.count,
            "timed_queries": latencies.count,
            "build_ms": buildTime / .milliseconds(1),
            "p50_us": pct(0.50) * 1e6, "p99_us": pct(0.99) * 1e6, "max_us": latencies.last! * 1e6,
            "queries_per_s": Double(latencies.count) / total,
            "raw_text_queries_per_s": Double(rawQueries.count) / rawSeconds,
            "checksum": sink,
        ]
        let json = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
        print(String(decoding: json, as: UTF8.self))
    }
}
