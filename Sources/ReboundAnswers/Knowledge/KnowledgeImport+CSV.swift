import Foundation

extension KnowledgeImport {
    /// Articles from CSV with a header: `title` and `body` (Markdown) or `body_html` are required;
    /// `id`, `locale`, `url`, `section`, `tags` and `intents` are optional. List fields separate
    /// items with `|`, `;` or `,`.
    ///
    /// - Throws: the ``CSVReader`` errors with their line, ``AnswersError/Code/missingColumn`` (line 1)
    ///   when `title` or a body column is missing.
    public static func csv(_ text: String, defaultLocale: String = "en") throws -> Result {
        let table = try CSVReader.parse(text)
        let header = table.header.map { $0.trimmingWhitespaceAndNewlines().lowercased() }
        func column(_ name: String) -> Int? { header.firstIndex(of: name) }
        guard let titleColumn = column("title") else {
            throw AnswersError(.missingColumn, "no column \"title\" in header \(table.header)", line: 1)
        }
        let bodyColumn = column("body") ?? column("markdown") ?? column("text")
        let htmlColumn = column("body_html") ?? column("html")
        guard bodyColumn != nil || htmlColumn != nil else {
            throw AnswersError(.missingColumn, "no column \"body\" or \"body_html\" in header \(table.header)", line: 1)
        }
        var result = Result()
        for (row, line) in zip(table.rows, table.rowLines) {
            func value(_ name: String) -> String? {
                guard let i = column(name) else { return nil }
                let v = row[i].trimmingWhitespaceAndNewlines()
                return v.isEmpty ? nil : v
            }
            let title = row[titleColumn].trimmingWhitespaceAndNewlines()
            var body = bodyColumn.map { row[$0].trimmingWhitespaceAndNewlines() } ?? ""
            if body.isEmpty, let htmlColumn { body = HTMLText.markdown(fromHTML: row[htmlColumn]) }
            if title.isEmpty {
                result.issues.append(Issue(line: line, reason: "empty title"))
                continue
            }
            if body.isEmpty {
                result.issues.append(Issue(line: line, reason: "empty body"))
                continue
            }
            let locale = value("locale") ?? value("language") ?? defaultLocale
            guard isLocaleTag(locale) else {
                result.issues.append(Issue(line: line, reason: "locale \"\(locale)\" is not a language tag such as en or de-AT"))
                continue
            }
            if let url = value("url"), !MarkdownHTML.isSafeURL(url) {
                result.issues.append(Issue(line: line, reason: "url \"\(url)\" is not an http(s) or relative address"))
                continue
            }
            result.articles.append(
                KnowledgeArticle(
                    id: KnowledgeDocument.ID(value("id") ?? slug(title)),
                    title: title,
                    body: body,
                    locale: locale,
                    url: value("url"),
                    section: value("section"),
                    tags: splitList(value("tags")),
                    intents: splitList(value("intents")).map { IntentExample.Label($0) }
                )
            )
        }
        result.articles = uniquingIDs(result.articles)
        return result
    }

    static func splitList(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        let separator: Character = text.contains("|") ? "|" : text.contains(";") ? ";" : ","
        return text.split(separator: separator).map { String($0).trimmingWhitespaceAndNewlines() }.filter { !$0.isEmpty }
    }
}
