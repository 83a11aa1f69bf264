import Foundation

extension KnowledgeImport {
    /// Articles from JSON: an array of article objects, or `{"articles": [...]}`.
    ///
    /// Each object has `title` and `body` (Markdown) or `body_html`; optional `id` (string or
    /// number), `locale`, `url`, `section`, `tags` and `intents` (arrays or comma-separated strings).
    /// - Throws: ``AnswersError/Code/invalidJSON`` with the line, or ``AnswersError/Code/malformedArticle``
    ///   at `$` when the top level is neither shape.
    public static func json(_ bytes: [UInt8], defaultLocale: String = "en") throws -> Result {
        let document = try JSONDocument(bytes)
        let list: [Any]
        let base: String
        if let array = document.root as? [Any] {
            list = array
            base = "$"
        } else if let object = document.root as? [String: Any], let array = object["articles"] as? [Any] {
            list = array
            base = "$.articles"
        } else {
            throw AnswersError(
                .malformedArticle,
                "expected an array of articles or an object with \"articles\", found \(JSONDocument.typeName(document.root))",
                jsonPath: "$"
            )
        }
        var result = Result()
        for (i, item) in list.enumerated() {
            let path = "\(base)[\(i)]"
            guard let object = item as? [String: Any] else {
                result.issues.append(Issue(jsonPath: path, reason: "expected an object, found \(JSONDocument.typeName(item))"))
                continue
            }
            guard let title = JSONDocument.string(object["title"])?.trimmingWhitespaceAndNewlines(), !title.isEmpty else {
                result.issues.append(
                    Issue(jsonPath: path + ".title", reason: "expected a non-empty string, found \(JSONDocument.typeName(object["title"]))")
                )
                continue
            }
            var body = JSONDocument.string(object["body"])?.trimmingWhitespaceAndNewlines() ?? ""
            if body.isEmpty, let html = JSONDocument.string(object["body_html"]) { body = HTMLText.markdown(fromHTML: html) }
            guard !body.isEmpty else {
                result.issues.append(
                    Issue(jsonPath: path + ".body", reason: "expected a non-empty string, found \(JSONDocument.typeName(object["body"]))")
                )
                continue
            }
            let locale = JSONDocument.string(object["locale"]) ?? defaultLocale
            guard isLocaleTag(locale) else {
                result.issues.append(Issue(jsonPath: path + ".locale", reason: "\"\(locale)\" is not a language tag such as en or de-AT"))
                continue
            }
            let url = JSONDocument.string(object["url"])
            if let url, !MarkdownHTML.isSafeURL(url) {
                result.issues.append(Issue(jsonPath: path + ".url", reason: "\"\(url)\" is not an http(s) or relative address"))
                continue
            }
            result.articles.append(
                KnowledgeArticle(
                    id: KnowledgeDocument.ID(JSONDocument.identifier(object["id"]) ?? slug(title)),
                    title: title,
                    body: body,
                    locale: locale,
                    url: url,
                    section: JSONDocument.string(object["section"]),
                    tags: JSONDocument.stringList(object["tags"]) ?? [],
                    intents: (JSONDocument.stringList(object["intents"]) ?? []).map { IntentExample.Label($0) }
                )
            )
        }
        result.articles = uniquingIDs(result.articles)
        return result
    }
}
