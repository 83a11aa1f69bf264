import Foundation
import ReboundAnswers
import Testing

@Suite struct KnowledgeImportTests {
    @Test func markdownWithFrontMatter() throws {
        let text = """
            ---
            title: "Versand nach Österreich"
            locale: de-AT
            tags: [versand, "österreich"]
            url: https://example.com/hilfe/versand
            section: Versand
            intents:
              - delivery_options
            ---
            Wir liefern **innerhalb von 3–5 Werktagen**. Mehr [hier](https://example.com/versand).
            """
        let a = try KnowledgeImport.markdown(text, fileName: "versand-at.md")
        #expect(a.id == "versand-at")
        #expect(a.title == "Versand nach Österreich")
        #expect(a.locale == "de-AT" && a.language == .german)
        #expect(a.tags == ["versand", "österreich"])
        #expect(a.url == "https://example.com/hilfe/versand")
        #expect(a.section == "Versand")
        #expect(a.intents == ["delivery_options"])
        #expect(a.plainText == "Wir liefern innerhalb von 3–5 Werktagen. Mehr hier.")
    }

    @Test func markdownWithoutFrontMatterTakesTitleFromHeading() throws {
        let a = try KnowledgeImport.markdown("# Returns\n\nReturn within 30 days.", fileName: "help/returns.md", defaultLocale: "en-GB")
        #expect(a.title == "Returns" && a.body == "Return within 30 days." && a.locale == "en-GB" && a.id == "returns")
    }

    @Test func malformedMarkdownReportsLineAndReason() {
        func error(_ text: String) -> AnswersError? {
            do {
                _ = try KnowledgeImport.markdown(text, fileName: "x.md")
                return nil
            } catch { return error as? AnswersError }
        }
        let unclosed = error("---\ntitle: A\ntags: x")
        #expect(unclosed?.code == .malformedFrontMatter && unclosed?.line == 1)
        let noColon = error("---\ntitle: A\nthis line has no colon\n---\nText")
        #expect(noColon?.code == .malformedFrontMatter && noColon?.line == 3)
        #expect(noColon?.message.contains("key: value") == true)
        let quote = error("---\ntitle: \"A\n---\nText")
        #expect(quote?.code == .malformedFrontMatter && quote?.line == 2)
        let list = error("---\ntags: [a, b\n---\nText")
        #expect(list?.code == .malformedFrontMatter && list?.line == 2)
        let empty = error("---\ntitle: A\n---\n\n")
        #expect(empty?.code == .malformedArticle && empty?.line == 4)
        let locale = error("---\ntitle: A\nlocale: german!\n---\nText")
        #expect(locale?.code == .malformedArticle && locale?.line == 3)
        let url = error("---\ntitle: A\nurl: javascript:alert(1)\n---\nText")
        #expect(url?.code == .malformedArticle && url?.line == 3)
    }

    @Test func folderImportKeepsGoodFilesAndListsBadOnes() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("de"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: root.appendingPathComponent("shipping"), withIntermediateDirectories: true)
        try "# Versand\n\nWir liefern nach Österreich.".write(to: root.appendingPathComponent("de/versand.md"), atomically: true, encoding: .utf8)
        try "---\ntitle: Shipping\n---\nWe ship worldwide.".write(
            to: root.appendingPathComponent("shipping/worldwide.md"),
            atomically: true,
            encoding: .utf8
        )
        try "---\ntitle: Broken\nno colon here\n---\nText".write(to: root.appendingPathComponent("broken.md"), atomically: true, encoding: .utf8)
        try "not markdown".write(to: root.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let result = try KnowledgeImport.markdownFolder(at: root.path)
        #expect(result.articles.count == 2)
        let versand = try #require(result.articles.first { $0.id == "versand" })
        #expect(versand.locale == "de" && versand.title == "Versand")
        #expect(result.articles.first { $0.id == "worldwide" }?.section == "shipping")
        #expect(result.issues.count == 1)
        #expect(result.issues[0].file == "broken.md" && result.issues[0].line == 3)
        #expect(result.issues[0].description == "broken.md line 3: expected \"key: value\"")
        #expect(throws: AnswersError.self) { try KnowledgeImport.markdownFolder(at: root.path + "/missing") }
    }

    @Test func csvImport() throws {
        let csv = """
            id,title,body,locale,url,tags
            ship,Shipping,"We ship in 3–5 days, worldwide.",en,https://example.com/ship,shipping|delivery
            ,Rückgabe,30 Tage Rückgaberecht.,de,,
            bad,,no title,en,,
            js,Evil,text,en,javascript:alert(1),
            """
        let result = try KnowledgeImport.csv(csv)
        #expect(result.articles.map(\.id) == ["ship", "ruckgabe"])
        #expect(result.articles[0].tags == ["shipping", "delivery"] && result.articles[0].body == "We ship in 3–5 days, worldwide.")
        #expect(result.articles[1].language == .german)
        #expect(result.issues.map(\.line) == [4, 5])
        #expect(result.issues[0].reason == "empty title")
        #expect { try KnowledgeImport.csv("name,text\na,b\n") } throws: {
            ($0 as? AnswersError)?.code == .missingColumn && ($0 as? AnswersError)?.line == 1
        }
        #expect { try KnowledgeImport.csv("title,body\n\"open,b\n") } throws: {
            ($0 as? AnswersError)?.code == .csvUnterminatedQuote && ($0 as? AnswersError)?.line == 2
        }
    }

    @Test func jsonImportReportsJSONPaths() throws {
        let json = """
            {"articles": [
              {"id": 7, "title": "Returns", "body": "30 days.", "tags": "returns, policy"},
              {"id": 8, "body": "no title"},
              {"id": 9, "title": "HTML", "body_html": "<p>Hello &amp; <b>welcome</b></p>"},
              "not an object"
            ]}
            """
        let result = try KnowledgeImport.json(Array(json.utf8))
        #expect(result.articles.map(\.id) == ["7", "9"])
        #expect(result.articles[0].tags == ["returns", "policy"])
        #expect(result.articles[1].body == "Hello & welcome")
        #expect(result.issues.map(\.jsonPath) == ["$.articles[1].title", "$.articles[3]"])
        #expect(result.issues[0].reason == "expected a non-empty string, found nothing")
        let broken = "[\n  {\"title\": \"a\",\n   \"body\": }\n]"
        #expect { try KnowledgeImport.json(Array(broken.utf8)) } throws: {
            let e = $0 as? AnswersError
            return e?.code == .invalidJSON && e?.line == 3 && e?.jsonPath == "$"
        }
        #expect { try KnowledgeImport.json(Array("{\"items\": []}".utf8)) } throws: { ($0 as? AnswersError)?.jsonPath == "$" }
    }

    /// The shape of Zendesk's "List Articles" response (developer.zendesk.com, Help Center API).
    @Test func zendeskArticles() throws {
        let json = """
            {"articles": [
              {"id": 360001234567, "title": "Shipping to Canada", "locale": "en-us", "draft": false, "section_id": 42,
               "html_url": "https://shop.zendesk.com/hc/en-us/articles/360001234567-Shipping-to-Canada",
               "label_names": ["shipping", "canada"],
               "body": "<h2>Rates</h2><p>We ship to Canada for&nbsp;$20.</p><ul><li>5&ndash;10 days</li><li>Duties on delivery</li></ul><script>alert(1)</script>"},
              {"id": 2, "title": "Draft", "body": "<p>x</p>", "draft": true},
              {"id": 3, "body": "<p>no title</p>"},
              {"id": 4, "title": "Null body", "body": null}
            ], "next_page": "https://shop.zendesk.com/api/v2/help_center/en-us/articles.json?page=2", "count": 4}
            """
        let result = try KnowledgeImport.zendesk(Array(json.utf8), sectionNames: ["42": "Shipping"])
        #expect(result.articles.count == 1)
        let a = result.articles[0]
        #expect(a.id == "zendesk-360001234567" && a.section == "Shipping" && a.tags == ["shipping", "canada"])
        #expect(a.url == "https://shop.zendesk.com/hc/en-us/articles/360001234567-Shipping-to-Canada")
        #expect(a.body == "## Rates\n\nWe ship to Canada for $20.\n\n- 5–10 days\n- Duties on delivery")
        #expect(a.plainText.contains("alert") == false)
        #expect(result.nextPage == "https://shop.zendesk.com/api/v2/help_center/en-us/articles.json?page=2")
        #expect(result.issues.map(\.jsonPath) == ["$.articles[2].title", "$.articles[3].body"])
        #expect { try KnowledgeImport.zendesk(Array("{\"results\": []}".utf8)) } throws: { ($0 as? AnswersError)?.jsonPath == "$.articles" }
    }

    /// The shape Gorgias's help-center client reads from `GET /help-centers/{id}/articles`.
    @Test func gorgiasArticles() throws {
        let json = """
            {"object": "list", "meta": {"page": 1, "per_page": 2, "item_count": 5, "nb_pages": 3, "current_page": "/help-centers/1/articles?page=1"},
             "data": [
              {"id": 11, "unlisted_id": "c8b6", "help_center_id": 1, "category_id": 5, "available_locales": ["en-US"], "deleted_datetime": null,
               "translation": {"locale": "en-US", "title": "How to return", "excerpt": "", "slug": "how-to-return", "visibility_status": "PUBLIC",
                               "content": "<h1>How to return</h1><p>Returns must be initiated within 30 days.</p>", "category_id": 5}},
              {"id": 12, "deleted_datetime": "2024-01-01T00:00:00Z", "translation": {"title": "Old", "content": "<p>x</p>"}},
              {"id": 13, "translation": {"locale": "en-US", "title": "Hidden", "content": "<p>x</p>", "visibility_status": "UNLISTED"}},
              {"id": 14, "translations": [{"locale": "de-DE", "title": "Rückgabe", "slug": "rueckgabe", "content": "<p>30 Tage</p>"}, {"locale": "fr-FR", "content": "<p>x</p>"}]},
              {"id": 15}
            ]}
            """
        let result = try KnowledgeImport.gorgias(
            Array(json.utf8),
            articleURL: "https://help.example.com/{locale}/articles/{slug}-{id}",
            categoryNames: ["5": "Returns"]
        )
        #expect(result.articles.map(\.id) == ["gorgias-11", "gorgias-14"])
        #expect(result.articles[0].url == "https://help.example.com/en-US/articles/how-to-return-11")
        #expect(result.articles[0].section == "Returns" && result.articles[0].body.hasPrefix("# How to return"))
        #expect(result.articles[1].locale == "de-DE" && result.articles[1].language == .german)
        #expect(result.nextPage == "2")
        #expect(result.issues.map(\.jsonPath) == ["$.data[3].translations[1].title", "$.data[4].translation"])
    }
}
