import Foundation

extension KnowledgeImport {
    /// Articles from one page of the Zendesk Help Center articles API
    /// (`GET /api/v2/help_center/{locale}/articles`):
    /// `{"articles": [{"id", "title", "body", "locale", "html_url", "section_id", "label_names", "draft"}], "next_page"}`.
    ///
    /// `body` is HTML and becomes Markdown; `label_names` become tags; drafts are skipped (the API
    /// only returns them to agents, and a shopper must not be answered from an unpublished text).
    /// - Parameter sectionNames: names of the sections by `section_id` (from the sections API); without one
    ///   the article has no section.
    /// - Throws: ``AnswersError/Code/invalidJSON`` with the line, or ``AnswersError/Code/malformedArticle``
    ///   at `$.articles` when there is no articles array.
    public static func zendesk(_ bytes: [UInt8], sectionNames: [String: String] = [:]) throws -> Result {
        let document = try JSONDocument(bytes)
        guard let object = document.root as? [String: Any] else {
            throw AnswersError(.malformedArticle, "expected an object, found \(JSONDocument.typeName(document.root))", jsonPath: "$")
        }
        guard let list = object["articles"] as? [Any] else {
            throw AnswersError(.malformedArticle, "expected an array, found \(JSONDocument.typeName(object["articles"]))", jsonPath: "$.articles")
        }
        var result = Result(nextPage: JSONDocument.string(object["next_page"]))
        for (i, item) in list.enumerated() {
            let path = "$.articles[\(i)]"
            guard let article = item as? [String: Any] else {
                result.issues.append(Issue(jsonPath: path, reason: "expected an object, found \(JSONDocument.typeName(item))"))
                continue
            }
            guard let id = JSONDocument.identifier(article["id"]) else {
                result.issues.append(Issue(jsonPath: path + ".id", reason: "expected a number, found \(JSONDocument.typeName(article["id"]))"))
                continue
            }
            if JSONDocument.bool(article["draft"]) == true { continue }
            guard let title = JSONDocument.string(article["title"])?.trimmingWhitespaceAndNewlines(), !title.isEmpty else {
                result.issues.append(
                    Issue(jsonPath: path + ".title", reason: "expected a non-empty string, found \(JSONDocument.typeName(article["title"]))")
                )
                continue
            }
            guard let html = JSONDocument.string(article["body"]) else {
                result.issues.append(
                    Issue(jsonPath: path + ".body", reason: "expected an HTML string, found \(JSONDocument.typeName(article["body"]))")
                )
                continue
            }
            let body = HTMLText.markdown(fromHTML: html)
            guard !body.isEmpty else {
                result.issues.append(Issue(jsonPath: path + ".body", reason: "the body has no text"))
                continue
            }
            let locale = JSONDocument.string(article["locale"]) ?? "en-us"
            let url = JSONDocument.string(article["html_url"]).flatMap { MarkdownHTML.isSafeURL($0) ? $0 : nil }
            result.articles.append(
                KnowledgeArticle(
                    id: KnowledgeDocument.ID("zendesk-" + id),
                    title: title,
                    body: body,
                    locale: locale,
                    url: url,
                    section: JSONDocument.identifier(article["section_id"]).flatMap { sectionNames[$0] },
                    tags: JSONDocument.stringList(article["label_names"]) ?? []
                )
            )
        }
        return result
    }
}
