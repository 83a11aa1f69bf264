import Foundation
import ReboundAnswers

/// `answers-eval simulate`: the bot over the held-out support_intents tickets, with the FAQ as knowledge.
///
/// Knowledge: the 79 FAQ entries (question as title, answer as body), tagged with the intents of
/// `Benchmarks/answers/faq_intent_map.json`. Tickets: the stratified 20 % of support_intents held
/// out by ``StratifiedSplit`` (seed 20240601); the intent model is trained on the other 80 %.
/// Two runs: with the intent model, and retrieval only (no model, no tags). Writes
/// `simulation.json`/`.html` and `simulation-retrieval.json`/`.html` to --out.
enum SimulateCommand {
    static func run(_ options: Options) throws {
        let data = try options.require("data")
        let out = try options.require("out")
        let map = options.values["map"] ?? defaultMapPath()
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let (articles, expectations) = try faqKnowledge(data: data, mapPath: map)
        let all = try IntentDataset.load(
            path: data + "/support_intents/bitext_customer_service_intents_train.csv",
            columns: .init(text: "utterance", label: "intent")
        )
        let (train, test) = StratifiedSplit.split(all, fraction: 0.2)
        let tickets = test.map { PastTicket(message: $0.text, intent: $0.label) }
        let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z: fixed, so reports are reproducible.
        let clock = ContinuousClock()

        let start = clock.now
        var classifier = IntentClassifier.Configuration()
        if let v = options.values["epochs"].flatMap(Int.init) { classifier.epochs = v }
        let model = try IntentClassifier.train(train, configuration: classifier)
        let trainTime = clock.now - start
        var configuration = AnswerBot.Configuration()
        if let v = options.values["threshold"].flatMap(Double.init) { configuration.answerThreshold = v }
        if let v = options.values["intent-threshold"].flatMap(Double.init) { configuration.intentThreshold = v }

        let shop = ShopProfile(id: "demo", name: "Demo shop", currency: "USD")
        if options.flags.contains("sweep") {
            // Tune the retrieval threshold on the training part only; the reported figures come from the held-out part.
            let untagged = ShopKnowledge(
                shop: shop,
                articles: articles.map {
                    var a = $0; a.intents = []; return a
                }
            )
            let trainTickets = train.map { PastTicket(message: $0.text, intent: $0.label) }
            for k in stride(from: 30, through: 90, by: 5) {
                var c = configuration
                c.answerThreshold = Double(k) / 100
                let r = BotSimulation.run(
                    bot: AnswerBot(knowledge: untagged, configuration: c),
                    tickets: trainTickets,
                    configuration: .init(expectations: expectations, now: now)
                )
                print(
                    String(
                        format: "sweep threshold %.2f: deflection %.4f correct deflection %.4f precision %.4f correct handling %.4f",
                        c.answerThreshold,
                        r.deflectionRate,
                        r.correctDeflectionRate,
                        r.answerPrecision ?? 0,
                        r.correctHandlingRate
                    )
                )
            }
        }
        let tagged = ShopKnowledge(shop: shop, articles: articles)
        let untagged = ShopKnowledge(
            shop: shop,
            articles: articles.map {
                var a = $0; a.intents = []; return a
            }
        )
        let runs: [(String, AnswerBot, String)] = [
            ("simulation", AnswerBot(knowledge: tagged, intentModel: model, configuration: configuration), "intent model + FAQ tagged with intents"),
            (
                "simulation-retrieval", AnswerBot(knowledge: untagged, intentModel: nil, configuration: configuration),
                "retrieval only (BM25 coverage)"
            ),
        ]
        print("train \(train.count), tickets \(tickets.count), FAQ articles \(articles.count), model trained in \(trainTime)")
        for (name, bot, label) in runs {
            let t0 = clock.now
            let report = BotSimulation.run(
                bot: bot,
                tickets: tickets,
                configuration: .init(expectations: expectations, now: now, title: "Bot simulation: support_intents held-out, \(label)")
            )
            let elapsed = clock.now - t0
            try report.json().write(to: URL(fileURLWithPath: out + "/\(name).json"))
            try report.html().write(toFile: out + "/\(name).html", atomically: true, encoding: .utf8)
            let d = report.decisions
            func f(_ v: Double?) -> String { v.map { String(format: "%.4f", $0) } ?? "-" }
            print(
                "\(name): deflection \(f(report.deflectionRate)), correct deflection \(f(report.correctDeflectionRate)), "
                    + "answer precision \(f(report.answerPrecision)), correct handling \(f(report.correctHandlingRate)), "
                    + "intent accuracy \(f(report.intentAccuracy)), macro F1 \(f(report.macroF1)); "
                    + "answer \(d.answer), verify \(d.askForVerification), incentive \(d.incentive), handoff \(d.handoff), clarify \(d.clarify); "
                    + "\(elapsed) for \(tickets.count) tickets"
            )
            if options.flags.contains("verbose") {
                for c in report.confusions.prefix(8) { print("  confusion \(c.gold) → \(c.predicted) × \(c.count)") }
                for w in report.wrongAnswers.prefix(8) {
                    print("  wrong: \(w.message) [\(w.goldIntent ?? "-") / \(w.botIntent ?? "-")] → \(w.sources)")
                }
            }
        }
    }

    /// The FAQ as articles, tagged with intents, and the expectations of the simulation.
    static func faqKnowledge(data: String, mapPath: String) throws -> ([KnowledgeArticle], [IntentExample.Label: BotSimulation.Expectation]) {
        let faqData = try Data(contentsOf: URL(fileURLWithPath: data + "/faq/ecommerce_faq_chatbot_dataset.json"))
        let faq = (try JSONSerialization.jsonObject(with: faqData) as? [String: Any])?["questions"] as? [[String: String]] ?? []
        let mapData = try Data(contentsOf: URL(fileURLWithPath: mapPath))
        let map = try JSONSerialization.jsonObject(with: mapData) as? [String: Any] ?? [:]
        let articleMap = map["articles"] as? [String: [String]] ?? [:]
        let decisionMap = map["decisions"] as? [String: [String]] ?? [:]
        let paths = HelpPaths(shop: "demo")
        var idByQuestion: [String: KnowledgeDocument.ID] = [:]
        var articles: [KnowledgeArticle] = []
        for (i, entry) in faq.enumerated() {
            let question = entry["question"] ?? ""
            let id = KnowledgeDocument.ID("faq-\(i + 1)")
            idByQuestion[question] = id
            let intents = articleMap.filter { $0.value.contains(question) }.map { IntentExample.Label($0.key) }.sorted()
            articles.append(
                KnowledgeArticle(id: id, title: question, body: entry["answer"] ?? "", locale: "en", url: paths.article(id), intents: intents)
            )
        }
        var expectations: [IntentExample.Label: BotSimulation.Expectation] = [:]
        for (intent, questions) in articleMap {
            let ids = try questions.map { q -> KnowledgeDocument.ID in
                guard let id = idByQuestion[q] else { throw AnswersError(.invalidConfiguration, "FAQ has no question \"\(q)\"") }
                return id
            }
            expectations[IntentExample.Label(intent), default: .init()].articleIDs.formUnion(ids)
        }
        for (intent, kinds) in decisionMap {
            expectations[IntentExample.Label(intent), default: .init()].decisions.formUnion(kinds.compactMap { BotDecision.Kind(rawValue: $0) })
        }
        return (articles, expectations)
    }

    static func defaultMapPath() -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Benchmarks/answers/faq_intent_map.json").path
    }
}
