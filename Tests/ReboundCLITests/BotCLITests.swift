import Foundation
import ReboundTesting
import Testing

/// `rebound bot simulate` and `rebound knowledge import` on the real FAQ and support tickets, and on broken files.
@Suite(.serialized) struct BotCLITests {
    static func temporaryFile(_ name: String, _ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-bot-\(UUID().uuidString)-\(name)")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The e-commerce FAQ (shared/data/faq) as a JSON article file.
    static func faqArticles() throws -> String {
        let faq = try JSONSerialization.jsonObject(
            with: Data(contentsOf: sharedDataURL().appendingPathComponent("faq/ecommerce_faq_chatbot_dataset.json"))
        )
        let questions = (faq as? [String: Any])?["questions"] as? [[String: String]] ?? []
        let articles = questions.map { ["title": $0["question"] ?? "", "body": $0["answer"] ?? ""] }
        return try temporaryFile("faq.json", String(decoding: try JSONSerialization.data(withJSONObject: articles), as: UTF8.self))
    }

    @Test func simulateWritesTheReportsAndRefusesAMalformedTicketFile() throws {
        // The first 150 support_intents tickets (utterance, intent) as they are.
        let tickets = try String(
            contentsOf: sharedDataURL().appendingPathComponent("support_intents/bitext_customer_service_intents_train.csv"),
            encoding: .utf8
        )
        let head = tickets.split(separator: "\n", omittingEmptySubsequences: false).prefix(151).joined(separator: "\n") + "\n"
        let ticketFile = try Self.temporaryFile("tickets.csv", head)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-sim-\(UUID().uuidString)").path
        let run = try CLITests.run([
            "bot", "simulate", "--tickets", ticketFile, "--knowledge", try Self.faqArticles(), "--message-column", "utterance", "--out", out,
            "--json",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["tickets"] as? Int == 150)
        #expect(FileManager.default.fileExists(atPath: out + "/report.html") && FileManager.default.fileExists(atPath: out + "/report.json"))
        #expect(try String(contentsOfFile: out + "/report.html", encoding: .utf8).contains("<svg"))

        let broken = try Self.temporaryFile("tickets.jsonl", "{\"message\": \"hi\", \"intent\": \"x\"}\n{not json\n")
        let bad = try CLITests.run(["bot", "simulate", "--tickets", broken, "--knowledge", try Self.faqArticles(), "--out", out])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("line 2"))
        let neither = try CLITests.run(["bot", "simulate", "--tickets", ticketFile])
        #expect(neither.status != 0)
    }

    @Test func knowledgeImportReportsLinesAndExitsNonZeroOnBadArticles() throws {
        let database = CLITests.temporaryDatabase()
        let created = try CLITests.run([
            "shops", "create", "--name", "Help", "--currency", "EUR", "--timezone", "Europe/Berlin", "--json", "--database", database,
        ])
        let shop = try #require((try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["id"] as? String)
        let good = try CLITests.run(["knowledge", "import", "--shop", shop, "--format", "json", "--database", database, try Self.faqArticles()])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("imported 79 articles (79 new"))

        let partly = try Self.temporaryFile("partly.csv", "title,body\nShipping,We ship in 2 days.\n,No title\n")
        let skipped = try CLITests.run(["knowledge", "import", "--shop", shop, "--format", "csv", "--database", database, partly])
        #expect(skipped.status == 1)
        #expect(skipped.stderr.contains("line 3: empty title"))
        #expect(skipped.stdout.contains("imported 1 articles"))

        let malformed = try Self.temporaryFile("broken.csv", "title,body\n\"never closed,x\n")
        let refused = try CLITests.run(["knowledge", "import", "--shop", shop, "--format", "csv", "--database", database, malformed])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("line 2"))
        #expect(try CLITests.run(["knowledge", "import", "--shop", shop, "--format", "docx", "--database", database, malformed]).status != 0)
    }
}
