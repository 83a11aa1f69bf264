import Foundation

extension KnowledgeImport {
    /// Articles from the Gorgias Help Center API's article list
    /// (`GET /api/help-center/help-centers/{help_center_id}/articles`).
    ///
    /// Shape, as Gorgias's own help-center client reads it:
    /// `{"object": "list", "data": [article], "meta": {"page", "per_page", "item_count", "nb_pages", "current_page"}}`,
    /// where an article is `{"id", "unlisted_id", "category_id", "help_center_id", "available_locales",
    /// "deleted_datetime", "translation": {"locale", "title", "excerpt", "content" (HTML), "slug",
    /// "category_id", "visibility_status", …}}`. A bare array of articles is accepted too, and so is an
    /// article carrying `translations` (an array) instead of one `translation`: each becomes an article.
    ///
    /// Assumptions, as the public reference does not settle them: deleted articles
    /// (`deleted_datetime` set) and translations whose `visibility_status` is not `PUBLIC` are
    /// skipped; the public address is not in the payload, so it is built from `articleURL`, a
    /// template with `{locale}`, `{slug}` and `{id}` (for example
    /// `https://help.example.com/{locale}/articles/{slug}-{id}`), or left out.
    /// - Parameter categoryNames: section names by `category_id`.
    public static func gorgias(_ bytes: [UInt8], articleURL: String? = nil, categoryNames: [String: String] = [:]) throws -> Result {
        let document = try JSONDocument(bytes)
        let list: [Any]
        let base: String
        var nextPage: String?
        if let array = document.root as? [Any] {
            list = array
            base = "$"
        } else if let object = document.root as? [String: Any] {
            guard let array = object["data"] as? [Any] else {
                throw AnswersError(.malformedArticle, "expected an array, found \(JSONDocument.typeName(object["data"]))", jsonPath: "$.data")
            }
            list = array
            base = "$.data"
            if let meta = object["meta"] as? [String: Any],
                let page = JSONDocument.identifier(meta["page"]).flatMap({ Int($0) }),
                let pages = JSONDocument.identifier(meta["nb_pages"]).flatMap({ Int($0) }), page < pages
            {
                nextPage = String(page + 1)
            }
        } else {
            throw AnswersError(
                .malformedArticle,
                "expected an object with \"data\" or an array, found \(JSONDocument.typeName(document.root))",
                jsonPath: "$"
            )
        }
        var result = Result(nextPage: nextPage)
        for (i, item) in list.enumerated() {
            let path = "\(base)[\(i)]"
            guard let article = item as? [String: Any] else {
                result.issues.append(Issue(jsonPath: path, reason: "expected an object, found \(JSONDocument.typeName(item))"))
                continue
            }
            guard let id = JSONDocument.identifier(article["id"]) else {
                result.issues.append(Issue(jsonPath: path + ".id", reason: "expected a number, found \(JSONDocument.typeName(article["id"]))"))
                continue
            }
            if JSONDocument.string(article["deleted_datetime"]) != nil { continue }
            var translations: [(Any, String)] = []
            if let one = article["translation"], !(one is NSNull) {
                translations.append((one, path + ".translation"))
            } else if let many = article["translations"] as? [Any] {
                for (k, t) in many.enumerated() { translations.append((t, path + ".translations[\(k)]")) }
            } else {
                result.issues.append(
                    Issue(jsonPath: path + ".translation", reason: "expected an object, found \(JSONDocument.typeName(article["translation"]))")
                )
                continue
            }
            for (value, tpath) in translations {
                guard let t = value as? [String: Any] else {
                    result.issues.append(Issue(jsonPath: tpath, reason: "expected an object, found \(JSONDocument.typeName(value))"))
                    continue
                }
                if JSONDocument.string(t["deleted_datetime"]) != nil { continue }
                if let visibility = JSONDocument.string(t["visibility_status"]), visibility.uppercased() != "PUBLIC" { continue }
                guard let title = JSONDocument.string(t["title"])?.trimmingWhitespaceAndNewlines(), !title.isEmpty else {
                    result.issues.append(
                        Issue(jsonPath: tpath + ".title", reason: "expected a non-empty string, found \(JSONDocument.typeName(t["title"]))")
                    )
                    continue
                }
                guard let html = JSONDocument.string(t["content"]) else {
                    result.issues.append(
                        Issue(jsonPath: tpath + ".content", reason: "expected an HTML string, found \(JSONDocument.typeName(t["content"]))")
                    )
                    continue
                }
                let body = HTMLText.markdown(fromHTML: html)
                guard !body.isEmpty else {
                    result.issues.append(Issue(jsonPath: tpath + ".content", reason: "the content has no text"))
                    continue
                }
                let locale = JSONDocument.string(t["locale"]) ?? "en-US"
                let slug = JSONDocument.string(t["slug"]) ?? Self.slug(title)
                let url = articleURL.map {
                    $0.replacingOccurrences(of: "{locale}", with: HTMLEscaping.urlComponent(locale))
                        .replacingOccurrences(of: "{slug}", with: HTMLEscaping.urlComponent(slug))
                        .replacingOccurrences(of: "{id}", with: HTMLEscaping.urlComponent(id))
                }
                let category = JSONDocument.identifier(t["category_id"]) ?? JSONDocument.identifier(article["category_id"])
                result.articles.append(
                    KnowledgeArticle(
                        id: KnowledgeDocument.ID("gorgias-" + id),
                        title: title,
                        body: body,
                        locale: locale,
                        url: url,
                        section: category.flatMap { categoryNames[$0] }
                    )
                )
            }
        }
        return result
    }
}
