import Foundation

/// Imports help-centre articles: a folder of Markdown files, CSV, JSON, and the article
/// exports of Zendesk and Gorgias.
///
/// A problem with the whole input (unreadable JSON, a CSV header without `title`) throws an
/// ``AnswersError`` with its line or JSON path. A problem with one article skips that article
/// and is listed in ``Result/issues`` with the file, line or JSON path and the reason, so one
/// broken article does not stop an import of hundreds.
/// ```swift
/// let result = try KnowledgeImport.markdownFolder(at: "help/")
/// for issue in result.issues { print(issue) }   // "de/versand.md line 3: expected \"key: value\""
/// ```
public enum KnowledgeImport {
    /// Why one article was skipped.
    public struct Issue: Sendable, Hashable, CustomStringConvertible {
        public var file: String?
        public var line: Int?
        public var jsonPath: String?
        public var reason: String

        public init(file: String? = nil, line: Int? = nil, jsonPath: String? = nil, reason: String) {
            self.file = file
            self.line = line
            self.jsonPath = jsonPath
            self.reason = reason
        }

        init(_ error: AnswersError, file: String?) {
            self.init(file: file, line: error.line, jsonPath: error.jsonPath, reason: error.message)
        }

        public var description: String {
            var place: [String] = []
            if let file { place.append(file) }
            if let jsonPath { place.append(jsonPath) }
            if let line { place.append("line \(line)") }
            return place.isEmpty ? reason : place.joined(separator: " ") + ": " + reason
        }
    }

    /// Imported articles and the ones that were skipped.
    public struct Result: Sendable, Hashable {
        public var articles: [KnowledgeArticle]
        public var issues: [Issue]
        /// The next page to fetch, for paged API exports (Zendesk `next_page`, Gorgias page number).
        public var nextPage: String?

        public init(articles: [KnowledgeArticle] = [], issues: [Issue] = [], nextPage: String? = nil) {
            self.articles = articles
            self.issues = issues
            self.nextPage = nextPage
        }
    }

    /// Imports one file by its extension: `.md`/`.markdown`, `.csv`, `.json`.
    ///
    /// - Parameter format: `zendesk` or `gorgias` for those exports; nil to read generic JSON.
    public static func file(at path: String, format: String? = nil, defaultLocale: String = "en") throws -> Result {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AnswersError(.unreadableFile, "cannot read \(path)")
        }
        let bytes = [UInt8](data)
        let lower = path.lowercased()
        switch format?.lowercased() {
        case "zendesk": return try zendesk(bytes)
        case "gorgias": return try gorgias(bytes)
        default: break
        }
        if lower.hasSuffix(".csv") { return try csv(String(decoding: bytes, as: UTF8.self), defaultLocale: defaultLocale) }
        if lower.hasSuffix(".json") { return try json(bytes, defaultLocale: defaultLocale) }
        let name = URL(fileURLWithPath: path).lastPathComponent
        return Result(articles: [try markdown(String(decoding: bytes, as: UTF8.self), fileName: name, defaultLocale: defaultLocale)])
    }

    /// A URL-safe id from a title or file name: lower-case ASCII letters, digits and dashes.
    static func slug(_ text: String) -> String {
        var out = ""
        var dash = false
        for ch in TextFolding.fold(text) {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                if dash && !out.isEmpty { out.append("-") }
                out.append(ch)
                dash = false
            } else {
                dash = true
            }
        }
        return out.isEmpty ? "article" : String(out.prefix(80))
    }

    /// Gives repeated ids a numeric suffix, so every article stays addressable.
    static func uniquingIDs(_ articles: [KnowledgeArticle]) -> [KnowledgeArticle] {
        var seen: [String: Int] = [:]
        return articles.map { article in
            var a = article
            let key = a.id.rawValue + "\u{0}" + a.locale
            if let n = seen[key] {
                seen[key] = n + 1
                a.id = KnowledgeDocument.ID(a.id.rawValue + "-\(n + 1)")
            } else {
                seen[key] = 1
            }
            return a
        }
    }
}
