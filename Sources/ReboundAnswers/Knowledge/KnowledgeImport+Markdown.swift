import Foundation

extension KnowledgeImport {
    /// One Markdown article with optional front matter (`title`, `locale`, `tags`, `url`, and
    /// also `id`, `section`, `intents`).
    ///
    /// The title is the front matter's, else the first `# heading` (removed from the body), else
    /// the file name. The id is the front matter's, else the file name without its extension.
    /// - Throws: ``AnswersError/Code/malformedFrontMatter`` or ``AnswersError/Code/malformedArticle`` with the line.
    public static func markdown(_ text: String, fileName: String, defaultLocale: String = "en") throws -> KnowledgeArticle {
        let matter = try FrontMatter.parse(text)
        var body = matter.body
        var title = matter.fields["title"]?.string.trimmingWhitespaceAndNewlines() ?? ""
        if title.isEmpty {
            var lines = body.split(separator: "\n", omittingEmptySubsequences: false)
            if let k = lines.firstIndex(where: { !String($0).trimmingWhitespaceAndNewlines().isEmpty }), lines[k].hasPrefix("# ") {
                title = String(lines[k].dropFirst(2)).trimmingWhitespaceAndNewlines()
                lines.remove(at: k)
                body = lines.joined(separator: "\n")
            }
        }
        let baseName = fileName.split(separator: "/").last.map(String.init) ?? fileName
        let stem = baseName.contains(".") ? String(baseName[..<baseName.lastIndex(of: ".")!]) : baseName
        if title.isEmpty { title = stem.replacingOccurrences(of: "-", with: " ").replacingOccurrences(of: "_", with: " ") }
        body = body.trimmingWhitespaceAndNewlines()
        guard !body.isEmpty else {
            throw AnswersError(.malformedArticle, "the article has no text", line: matter.bodyLine)
        }
        let locale = (matter.fields["locale"] ?? matter.fields["lang"] ?? matter.fields["language"])?.string ?? defaultLocale
        guard isLocaleTag(locale) else {
            throw AnswersError(
                .malformedArticle,
                "locale \"\(locale)\" is not a language tag such as en or de-AT",
                line: line(of: "locale", in: text)
            )
        }
        let url = matter.fields["url"]?.string
        if let url, !url.isEmpty, !MarkdownHTML.isSafeURL(url) {
            throw AnswersError(.malformedArticle, "url \"\(url)\" is not an http(s) or relative address", line: line(of: "url", in: text))
        }
        let id = matter.fields["id"]?.string ?? slug(stem)
        return KnowledgeArticle(
            id: KnowledgeDocument.ID(id.isEmpty ? slug(title) : id),
            title: title,
            body: body,
            locale: locale,
            url: url?.isEmpty == true ? nil : url,
            section: matter.fields["section"]?.string,
            tags: matter.fields["tags"]?.list ?? [],
            intents: (matter.fields["intents"]?.list ?? []).map { IntentExample.Label($0) }
        )
    }

    /// Every `.md` and `.markdown` file below `path`, in path order.
    ///
    /// A subfolder named like a locale (`de/`, `en-GB/`) sets the default locale of its files.
    /// - Throws: ``AnswersError/Code/unreadableFile`` only when the folder itself cannot be listed.
    public static func markdownFolder(at path: String, defaultLocale: String = "en") throws -> Result {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
            let enumerator = fm.enumerator(atPath: path)
        else {
            throw AnswersError(.unreadableFile, "cannot list folder \(path)")
        }
        var relativePaths: [String] = []
        while let item = enumerator.nextObject() as? String {
            let lower = item.lowercased()
            if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { relativePaths.append(item) }
        }
        var result = Result()
        for relative in relativePaths.sorted() {
            let full = (path as NSString).appendingPathComponent(relative)
            guard let data = fm.contents(atPath: full) else {
                result.issues.append(Issue(file: relative, reason: "cannot read the file"))
                continue
            }
            let folders = relative.split(separator: "/").dropLast()
            let locale = folders.last.map(String.init).flatMap { isLocaleTag($0) ? $0 : nil } ?? defaultLocale
            do {
                var article = try markdown(String(decoding: data, as: UTF8.self), fileName: relative, defaultLocale: locale)
                if folders.count > 0, !isLocaleTag(String(folders.last!)), article.section == nil {
                    // A plain subfolder is the article's section, as help centres group them.
                    article.section = String(folders.last!).replacingOccurrences(of: "-", with: " ")
                }
                result.articles.append(article)
            } catch let error as AnswersError {
                result.issues.append(Issue(error, file: relative))
            }
        }
        result.articles = uniquingIDs(result.articles)
        return result
    }

    /// Whether `text` looks like `en`, `de`, `en-GB`, `de_AT`, `pt-BR`.
    static func isLocaleTag(_ text: String) -> Bool {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "_" })
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            return false
        }
        return parts.dropFirst().allSatisfy { (2...8).contains($0.count) && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }

    /// The 1-based line of the front-matter key `key`, for error messages.
    static func line(of key: String, in text: String) -> Int? {
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.drop(while: { $0 == " " }).lowercased().hasPrefix(key + ":") { return i + 1 }
        }
        return nil
    }
}
