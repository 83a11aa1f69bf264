import Foundation
import ReboundAnswers
import Testing

@Suite struct BotSimulationTests {
    /// `Benchmarks/answers/faq_intent_map.json`: which FAQ entries answer which support_intents intent.
    static func faqIntentMap() throws -> (articles: [String: [String]], decisions: [String: [String]]) {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Benchmarks/answers/faq_intent_map.json")
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
        return (object["articles"] as? [String: [String]] ?? [:], object["decisions"] as? [String: [String]] ?? [:])
    }

    /// FAQ articles tagged with intents, and the simulation's expectations.
    static func knowledgeAndExpectations() throws -> ([KnowledgeArticle], [IntentExample.Label: BotSimulation.Expectation]) {
        let map = try faqIntentMap()
        var articles = try BotFixtures.faqArticles()
        var expectations: [IntentExample.Label: BotSimulation.Expectation] = [:]
        for i in articles.indices {
            let intents = map.articles.filter { $0.value.contains(articles[i].title) }.keys.sorted()
            articles[i].intents = intents.map { IntentExample.Label($0) }
            for intent in intents { expectations[IntentExample.Label(intent), default: .init()].articleIDs.insert(articles[i].id) }
        }
        for (intent, kinds) in map.decisions {
            expectations[IntentExample.Label(intent), default: .init()].decisions.formUnion(kinds.compactMap { BotDecision.Kind(rawValue: $0) })
        }
        return (articles, expectations)
    }

    /// Six real intents: the first 60 utterances of each to train, the next 15 as past tickets.
    static func tickets() throws -> (train: [IntentExample], tickets: [PastTicket]) {
        let all = try IntentDataset.load(
            path: TestData.path("support_intents/bitext_customer_service_intents_train.csv"),
            columns: .init(text: "utterance", label: "intent")
        )
        var train: [IntentExample] = []
        var tickets: [PastTicket] = []
        for intent in ["cancel_order", "track_order", "check_payment_methods", "recover_password", "contact_human_agent", "create_account"] {
            let rows = all.filter { $0.label.rawValue == intent }
            train += rows.prefix(60)
            tickets += rows.dropFirst(60).prefix(15).map { PastTicket(message: $0.text, intent: $0.label) }
        }
        return (train, tickets)
    }

    @Test func simulationOnRealTickets() throws {
        let (articles, expectations) = try Self.knowledgeAndExpectations()
        let (train, tickets) = try Self.tickets()
        let model = try IntentClassifier.train(train, configuration: .init(epochs: 8))
        let bot = AnswerBot(knowledge: ShopKnowledge(shop: BotFixtures.shop, articles: articles), intentModel: model)
        let report = BotSimulation.run(
            bot: bot,
            tickets: tickets,
            configuration: .init(expectations: expectations, now: BotFixtures.now, topConfusions: 3)
        )
        #expect(report.ticketCount == 90)
        let d = report.decisions
        #expect(d.answer + d.incentive + d.askForVerification + d.handoff + d.clarify == 90)
        #expect(report.perIntent.count == 6 && report.perIntent.allSatisfy { $0.support == 15 })
        // recover_password has no FAQ entry: handing it over is right; contact_human_agent must be handed over.
        let password = try #require(report.perIntent.first { $0.intent == "recover_password" })
        #expect(password.deflectionRate < 0.2 && password.correctRate > 0.8)
        #expect(report.perIntent.first { $0.intent == "contact_human_agent" }?.deflectionRate == 0)
        #expect(report.perIntent.first { $0.intent == "track_order" }!.correctRate > 0.9)
        #expect(report.deflectionRate > 0.4 && report.deflectionRate < 0.8)
        #expect((report.answerPrecision ?? 0) > 0.85 && report.correctHandlingRate > 0.85)
        #expect((report.intentAccuracy ?? 0) > 0.9 && (report.macroF1 ?? 0) > 0.9)
        #expect(report.confusions.count <= 3)
        #expect(abs(report.deflectionRate - Double(d.answer + d.incentive + d.askForVerification) / 90) < 1e-12)
    }

    @Test func reportAsJSONAndSelfContainedHTML() throws {
        let (articles, expectations) = try Self.knowledgeAndExpectations()
        let bot = AnswerBot(knowledge: ShopKnowledge(shop: BotFixtures.shop, articles: articles))
        let tickets = [
            PastTicket(message: "How can I create an account?", intent: "create_account"),
            PastTicket(message: "How can I create an account? <script>&\"'", intent: "delete_account"),
            PastTicket(message: "I want to talk to a person", intent: "contact_human_agent"),
            PastTicket(message: "where is my order", resolution: "bot"),
            PastTicket(message: "asdf qwerty", resolution: "agent"),
        ]
        let report = BotSimulation.run(
            bot: bot,
            tickets: tickets,
            configuration: .init(expectations: expectations, now: BotFixtures.now, title: "Test <report>")
        )
        #expect(report.wrongAnswers.count == 1 && report.wrongAnswers[0].goldIntent == "delete_account")
        #expect(report.resolutionAgreement == 1)
        let json = try report.json()
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"deflection_rate\"") && text.contains("\"per_intent\"") && text.contains("\"ask_for_verification\""))
        #expect(try SimulationReport.decode(json) == report)

        let html = report.html()
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.contains("Content-Security-Policy"))
        #expect(html.contains("<svg") && html.contains("would-be deflection") && html.contains("F1 per intent"))
        #expect(!html.contains("<script") && html.contains("How can I create an account? &lt;script&gt;&amp;&quot;&#39;"))
        #expect(html.contains("<title>Test &lt;report&gt;</title>"))
        // Self-contained: the only address in the page is the SVG namespace.
        let addresses = html.components(separatedBy: "://").count - 1
        #expect(addresses == html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1)
        #expect(!html.contains("src=") && !html.contains("<link"))
    }

    @Test func loadingTickets() throws {
        let bitext = try PastTicket.load(
            path: TestData.path("support_intents/bitext_customer_service_intents_train.csv"),
            columns: .init(message: "utterance", intent: "intent")
        )
        #expect(bitext.count == 6_686 && bitext[0].intent == "cancel_order" && bitext[0].locale == "en")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tickets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let jsonl = dir.appendingPathComponent("t.jsonl")
        try "{\"message\": \"Wo ist mein Paket?\", \"resolution\": \"agent\", \"locale\": \"de\"}\n\n{\"message\": \"hi\", \"intent\": \"greet\"}\n"
            .write(to: jsonl, atomically: true, encoding: .utf8)
        let loaded = try PastTicket.load(path: jsonl.path)
        #expect(loaded.count == 2 && loaded[0].neededHuman == true && loaded[0].locale == "de" && loaded[1].intent == "greet")
        try "{\"message\": \"ok\"}\n{\"text\": \"no message\"}\n".write(to: jsonl, atomically: true, encoding: .utf8)
        #expect { try PastTicket.load(path: jsonl.path) } throws: {
            ($0 as? AnswersError)?.line == 2 && ($0 as? AnswersError)?.code == .missingColumn
        }
        try "{\"message\": \"ok\"}\n{broken\n".write(to: jsonl, atomically: true, encoding: .utf8)
        #expect { try PastTicket.load(path: jsonl.path) } throws: { ($0 as? AnswersError)?.line == 2 && ($0 as? AnswersError)?.code == .invalidJSON }
        let csv = dir.appendingPathComponent("t.csv")
        try "message,notes\nhello,x\n".write(to: csv, atomically: true, encoding: .utf8)
        #expect { try PastTicket.load(path: csv.path) } throws: { ($0 as? AnswersError)?.code == .missingColumn && ($0 as? AnswersError)?.line == 1 }
    }
}
