import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundCore
import ReboundTesting
import Testing

/// `/v1/knowledge`: imports in every format with line and JSON-path errors, articles one by one, facts with
/// their checks and the LLM key never echoed, labelled intent examples.
@Suite struct KnowledgeAPITests {
    @Test(arguments: TestEngine.available)
    func theFAQImportsAsJSONAndArticlesCanBeEditedAndDeleted(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let imported = try await app.request(.post, "/v1/knowledge/import?format=json", body: try BotTestSupport.faqImport())
            #expect(imported.status == .created)
            #expect(try imported.json["imported"] == .int(Int64(BotTestSupport.faqQuestionCount)))
            #expect(try imported.json["created"] == .int(Int64(BotTestSupport.faqQuestionCount)))
            // Importing again replaces, it does not duplicate.
            let again = try await app.request(.post, "/v1/knowledge/import?format=json", body: try BotTestSupport.faqImport())
            #expect(try again.json["created"] == 0)
            let list = try await app.request(.get, "/v1/knowledge/articles").json["data"]?.arrayValue ?? []
            #expect(list.count == BotTestSupport.faqQuestionCount)
            #expect(list.first?["id"] == "faq-1")

            let put = try await app.request(
                .put,
                "/v1/knowledge/articles/versand",
                json: ["title": "Versand nach Österreich", "body": "Wir liefern in **3–5 Tagen**.", "locale": "de", "section": "Versand"]
            )
            #expect(put.status == .created)
            let updated = try await app.request(.put, "/v1/knowledge/articles/versand", json: ["title": "Versand", "body": "Neu.", "locale": "de"])
            #expect(updated.status == .ok)
            let one = try await app.request(.get, "/v1/knowledge/articles/versand")
            #expect(try one.json["title"] == "Versand" && one.json["locales"] == ["de"])
            let bad = try await app.request(.put, "/v1/knowledge/articles/x", json: ["title": "", "body": "b", "url": "javascript:alert(1)"])
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.json["errors"]?.arrayValue?.first?["field"] == "title")
            #expect(try await app.request(.delete, "/v1/knowledge/articles/versand?locale=de").status == .noContent)
            #expect(try await app.request(.get, "/v1/knowledge/articles/versand").status == .notFound)
            #expect(try await app.request(.delete, "/v1/knowledge/articles/versand").status == .notFound)
        }
    }

    @Test(arguments: TestEngine.available)
    func malformedImportsNameTheLineOrPathAndKeepTheGoodArticles(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let csv = "title,body,locale\nShipping,We ship in 2 days.,en\n,No title here,en\nRückgabe,30 Tage,xx_not_a_locale\n"
            let partly = try await app.request(.post, "/v1/knowledge/import?format=csv", body: Array(csv.utf8))
            #expect(partly.status == .created)
            #expect(try partly.json["imported"] == 1)
            let skipped = try partly.json["skipped"]?.arrayValue ?? []
            #expect(skipped.map { $0["line"] } == [3, 4])
            #expect(skipped.first?["reason"] == "empty title")

            let brokenCSV = try await app.request(.post, "/v1/knowledge/import?format=csv", body: Array("title,body\n\"open quote,x\n".utf8))
            #expect(brokenCSV.status == .unprocessableContent)
            #expect(try brokenCSV.json["type"] == "https://rebound.dev/problems/malformed-import")
            #expect(try brokenCSV.json["detail"]?.stringValue?.hasPrefix("line 2") == true)

            let json = #"{"articles": [{"title": "Ok", "body": "Fine"}, {"title": [], "body": "x"}]}"#
            let jsonResult = try await app.request(.post, "/v1/knowledge/import?format=json", body: Array(json.utf8))
            #expect(try jsonResult.json["skipped"]?.arrayValue?.first?["json_path"] == "$.articles[1].title")

            let notJSON = try await app.request(.post, "/v1/knowledge/import?format=zendesk", body: Array("{\"articles\": [".utf8))
            #expect(notJSON.status == .unprocessableContent)
            let markdown = "---\ntitle: Hello\nlocale: nope-nope-nope-nope\n---\nBody\n"
            let badMarkdown = try await app.request(.post, "/v1/knowledge/import?format=markdown&file_name=hello.md", body: Array(markdown.utf8))
            #expect(badMarkdown.status == .unprocessableContent)
            #expect(try badMarkdown.json["errors"]?.arrayValue?.first?["field"] == "line 3")
            let goodMarkdown = try await app.request(
                .post,
                "/v1/knowledge/import?format=markdown&file_name=hello.md",
                body: Array("# Hello\n\nWorld\n".utf8)
            )
            #expect(try goodMarkdown.json["articles"]?.arrayValue?.first?["id"] == "hello")
            #expect(try await app.request(.post, "/v1/knowledge/import?format=docx", body: [1]).status == .badRequest)
            #expect(try await app.request(.post, "/v1/knowledge/import?format=csv").status == .unprocessableContent)
        }
    }

    @Test(arguments: TestEngine.available)
    func factsAreCheckedAndTheModelKeyIsNeverEchoed(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            var facts = BotTestSupport.facts
            if case .object(var object) = facts {
                object["llm"] = ["base_url": "https://llm.example", "api_key": "sk-secret", "model": "small", "timeout_ms": 1500]
                facts = .object(object)
            }
            let saved = try await app.request(.put, "/v1/knowledge/facts", json: facts)
            #expect(saved.status == .ok)
            #expect(!saved.text.contains("sk-secret"))
            #expect(try saved.json["llm"]?["api_key_set"] == true)
            // Changing the model without the key keeps the key.
            let changed = try await app.request(.put, "/v1/knowledge/facts", json: ["llm": ["base_url": "https://llm.example", "model": "large"]])
            #expect(try changed.json["llm"]?["api_key_set"] == true && changed.json["llm"]?["model"] == "large")
            let read = try await app.request(.get, "/v1/knowledge/facts")
            #expect(!read.text.contains("sk-secret"))
            #expect(try read.json["shipping"]?["home_country"] == "DE")

            let bad = try await app.request(
                .put,
                "/v1/knowledge/facts",
                json: [
                    "shipping": [
                        "home_country": "Germany",
                        "zones": [["name": "X", "countries": ["DE"], "rates": [["name": "S", "price": -1, "min_days": 3, "max_days": 1]]]],
                    ],
                    "incentives": ["percent": 20, "max_percent": 10],
                    "colour": "red",
                ]
            )
            #expect(bad.status == .unprocessableContent)
            let fields = Set(try bad.json["errors"]?.arrayValue?.compactMap { $0["field"]?.stringValue } ?? [])
            #expect(
                fields.isSuperset(of: [
                    "colour", "shipping.home_country", "shipping.zones[0].rates[0].price", "shipping.zones[0].rates[0].max_days",
                    "incentives.max_percent",
                ])
            )
            // Nothing of a rejected document is stored.
            #expect(try await app.request(.get, "/v1/knowledge/facts").json["incentives"]?["percent"] == 10)
            let removed = try await app.request(.put, "/v1/knowledge/facts", json: ["llm": .null])
            #expect(try removed.json["llm"] == nil)
        }
    }
}
