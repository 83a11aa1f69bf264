public import Foundation
public import ReboundAnswers
public import ReboundCore
public import ReboundStore

/// Reads help-centre exports into a shop's knowledge, for `POST /v1/knowledge/import` and `rebound knowledge import`.
public enum KnowledgeImporter {
    public enum Format: String, Sendable, CaseIterable {
        case markdown
        case csv
        case json
        case zendesk
        case gorgias
    }

    /// Parses one file. A problem with the whole file throws ``AnswersError`` (with its line or JSON path); a
    /// problem with one article skips it and is listed in the result's issues.
    public static func parse(_ bytes: [UInt8], format: Format, fileName: String = "article.md", defaultLocale: String = "en") throws
        -> KnowledgeImport.Result
    {
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        switch format {
        case .markdown:
            do {
                return KnowledgeImport.Result(
                    articles: [try KnowledgeImport.markdown(String(decoding: body, as: UTF8.self), fileName: fileName, defaultLocale: defaultLocale)]
                )
            } catch let error as AnswersError {
                // One Markdown file is one article: its problem is the import's, reported with its line.
                return KnowledgeImport.Result(issues: [KnowledgeImport.Issue(file: fileName, line: error.line, reason: error.message)])
            }
        case .csv: return try KnowledgeImport.csv(String(decoding: body, as: UTF8.self), defaultLocale: defaultLocale)
        case .json: return try KnowledgeImport.json(body, defaultLocale: defaultLocale)
        case .zendesk: return try KnowledgeImport.zendesk(body)
        case .gorgias: return try KnowledgeImport.gorgias(body)
        }
    }

    /// Parses a file or, for Markdown, a folder of `.md` files (subfolders named like locales set the locale).
    public static func parse(path: String, format: Format, defaultLocale: String = "en") throws -> KnowledgeImport.Result {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw AnswersError(.unreadableFile, "cannot read \(path)")
        }
        if isDirectory.boolValue {
            guard format == .markdown else { throw AnswersError(.unreadableFile, "\(path) is a folder; only --format markdown reads folders") }
            return try KnowledgeImport.markdownFolder(at: path, defaultLocale: defaultLocale)
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw AnswersError(.unreadableFile, "cannot read \(path)") }
        return try parse([UInt8](data), format: format, fileName: URL(fileURLWithPath: path).lastPathComponent, defaultLocale: defaultLocale)
    }

    /// Stores the imported articles (replacing those with the same id and locale); returns how many were new.
    public static func save(_ result: KnowledgeImport.Result, shopID: Shop.ID, store: Store, now: Date) async throws -> Int {
        try await store.saveKnowledgeArticles(result.articles.map { KnowledgeMapping.record($0, now: now) }, shopID: shopID, now: now)
    }
}
