import ArgumentParser
import Foundation
import ReboundAPI
import ReboundAnswers
import ReboundApp
import ReboundCore
import ReboundStore

extension Bot {
    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run the answer bot over past tickets and report what it would have done.",
            discussion: """
                Tickets are CSV with a header, or JSON lines: the customer's message and its real intent and/or resolution
                (bot, self_service, faq = no human needed; agent, human, escalated = a human). The bot answers from a shop's
                stored knowledge (--shop) or from a folder of Markdown articles or a CSV/JSON article file (--knowledge).
                An answer is counted right when it cites an article tagged with the ticket's intent (or, for intents the
                bot routes to the order check or to a human, when it does that). Writes report.html (with charts) and
                report.json to --out and prints a summary.
                """
        )

        @OptionGroup var db: DatabaseOptions
        @Option(help: "Past tickets: CSV or JSON lines.") var tickets: String
        @Option(help: "Answer from this shop's stored knowledge, facts and intent model.") var shop: String?
        @Option(help: "Answer from these articles: a folder of Markdown files, or a .csv/.json article file.") var knowledge: String?
        @Option(help: "Labelled examples (CSV or JSON lines with text and intent) to train the intent model, with --knowledge.")
        var train: String?
        @Option(help: "Where report.html and report.json go.") var out = "."
        @Option(help: "Column (or JSON key) holding the customer's message.") var messageColumn = "message"
        @Option(help: "Column (or JSON key) holding the real intent.") var intentColumn = "intent"
        @Option(help: "Column (or JSON key) holding the resolution.") var resolutionColumn = "resolution"
        @Option(help: "Column (or JSON key) holding the text of --train examples.") var trainTextColumn = "text"
        @Flag(help: "Print the summary as JSON.") var json = false

        func validate() throws {
            guard (shop == nil) != (knowledge == nil) else { throw ValidationError("give either --shop or --knowledge") }
            if train != nil, shop != nil { throw ValidationError("--train goes with --knowledge; a shop's model comes from its stored examples") }
            for path in [tickets] + (train.map { [$0] } ?? []) where !FileManager.default.isReadableFile(atPath: path) {
                throw ValidationError("cannot read \(path)")
            }
        }

        func run() async throws {
            let past: [PastTicket]
            do {
                past = try PastTicket.load(
                    path: tickets,
                    columns: .init(message: messageColumn, intent: intentColumn, resolution: resolutionColumn)
                )
            } catch {
                throw fail("\(tickets): \(error)")
            }
            guard !past.isEmpty else { throw fail("\(tickets) holds no tickets") }
            let bot: AnswerBot
            do {
                bot = try await makeBot()
            } catch let exit as ExitCode {
                throw exit
            } catch {
                throw fail("\(error)")
            }
            let now = Date()
            let report = BotSimulation.run(
                bot: bot,
                tickets: past,
                configuration: .init(
                    expectations: Self.expectations(bot),
                    now: now,
                    title: "Bot simulation: \(URL(fileURLWithPath: tickets).lastPathComponent)"
                )
            )
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                try report.json().write(to: URL(fileURLWithPath: out).appendingPathComponent("report.json"))
                try report.html().write(to: URL(fileURLWithPath: out).appendingPathComponent("report.html"), atomically: true, encoding: .utf8)
            } catch {
                throw fail("cannot write the report to \(out): \(error)")
            }
            let d = report.decisions
            func orNull(_ value: Double?) -> Any { value.map { $0 as Any } ?? NSNull() }
            if json {
                printJSON([
                    "tickets": report.ticketCount, "deflection_rate": report.deflectionRate, "correct_deflection_rate": report.correctDeflectionRate,
                    "answer_precision": orNull(report.answerPrecision), "correct_handling_rate": report.correctHandlingRate,
                    "intent_accuracy": orNull(report.intentAccuracy), "macro_f1": orNull(report.macroF1),
                    "decisions": [
                        "answer": d.answer, "incentive": d.incentive, "ask_for_verification": d.askForVerification, "handoff": d.handoff,
                        "clarify": d.clarify,
                    ],
                    "report": out + "/report.html",
                ])
            } else {
                func pct(_ v: Double?) -> String { v.map { String(format: "%.1f %%", $0 * 100) } ?? "–" }
                print("\(report.ticketCount) tickets: would deflect \(pct(report.deflectionRate)), correctly \(pct(report.correctDeflectionRate))")
                print("answer precision \(pct(report.answerPrecision)), correct handling \(pct(report.correctHandlingRate))")
                print("intent accuracy \(pct(report.intentAccuracy)), macro F1 \(report.macroF1.map { String(format: "%.3f", $0) } ?? "–")")
                print(
                    "answer \(d.answer), incentive \(d.incentive), order check \(d.askForVerification), hand-over \(d.handoff), clarify \(d.clarify)"
                )
                for c in report.confusions.prefix(5) { print("  confused \(c.gold) → \(c.predicted) × \(c.count)") }
                print("report: \(out)/report.html, \(out)/report.json")
            }
        }

        func makeBot() async throws -> AnswerBot {
            if let shop {
                return try await Database.withStore(db.location, logger: db.logger()) { store in
                    guard let found = try await store.shop(id: Shop.ID(shop)) else { throw fail("no shop '\(shop)'") }
                    return try await KnowledgeCache().bot(for: found, store: store, now: Date()).bot
                }
            }
            let path = knowledge!
            let format: KnowledgeImporter.Format =
                path.lowercased().hasSuffix(".csv") ? .csv : path.lowercased().hasSuffix(".json") ? .json : .markdown
            let result = try KnowledgeImporter.parse(path: path, format: format)
            for issue in result.issues { FileHandle.standardError.write(Data("skipped \(issue)\n".utf8)) }
            guard !result.articles.isEmpty else { throw fail("\(path) holds no usable articles") }
            var model: IntentClassifier?
            if let train {
                let examples = try IntentDataset.load(path: train, columns: .init(text: trainTextColumn, label: intentColumn))
                model = try IntentClassifier.train(examples)
            }
            let profile = ShopProfile(id: "local", name: "Local knowledge", currency: "EUR")
            return AnswerBot(knowledge: ShopKnowledge(shop: profile, articles: result.articles), intentModel: model)
        }

        /// What counts as right per intent: an article tagged with it; the order check or a hand-over where the bot routes so.
        static func expectations(_ bot: AnswerBot) -> [IntentExample.Label: BotSimulation.Expectation] {
            var out: [IntentExample.Label: BotSimulation.Expectation] = [:]
            for article in bot.knowledge.articles {
                for intent in article.intents { out[intent, default: .init()].articleIDs.insert(article.id) }
            }
            for (intent, route) in bot.configuration.intentRoutes {
                switch route {
                case .verifyOrder: out[intent, default: .init()].decisions.insert(.askForVerification)
                case .handoff: out[intent, default: .init()].decisions.insert(.handoff)
                default: break
                }
            }
            return out
        }
    }
}
