/// Renders the public help pages. Pure: view model in, HTML out, every value escaped.
/// ```swift
/// let html = HelpPages.index(HelpCenterView(knowledge: knowledge, locale: "de", paths: HelpPaths(shop: "acme")))
/// ```
public enum HelpPages {
    /// The article list by section.
    public static func index(_ view: HelpCenterView) -> String {
        let e = HTMLEscaping.escape
        let text = PageText(locale: view.locale)
        var body = "<h1>\(e(text.help))</h1>\n"
        for section in view.sections {
            body += "<section><h2>\(e(section.title))</h2><ul>"
            for link in section.articles {
                body += "<li><a href=\"\(HTMLEscaping.href(link.url))\">\(e(link.title))</a><br><span class=\"muted\">\(e(link.excerpt))</span></li>"
            }
            body += "</ul></section>\n"
        }
        return HelpPageLayout.document(title: text.help, locale: view.locale, shop: view.shop, paths: view.paths, body: body)
    }

    /// One article, its body rendered from Markdown.
    public static func article(_ view: HelpArticleView) -> String {
        let e = HTMLEscaping.escape
        let text = PageText(locale: view.locale)
        var body = "<p class=\"noprint\"><a href=\"\(HTMLEscaping.href(view.paths.home))\">← \(e(text.allArticles))</a></p>\n"
        if let section = view.article.section { body += "<p class=\"muted\">\(e(section))</p>" }
        body += "<article><h1>\(e(view.article.title))</h1>\n" + MarkdownHTML.render(view.article.body) + "</article>\n"
        if let url = view.article.url {
            body += "<p class=\"muted\"><a href=\"\(HTMLEscaping.href(url))\" rel=\"nofollow noopener\">\(e(text.originalPage))</a></p>"
        }
        if !view.related.isEmpty {
            body += "<h2>\(e(text.related))</h2><ul>"
            for link in view.related { body += "<li><a href=\"\(HTMLEscaping.href(link.url))\">\(e(link.title))</a></li>" }
            body += "</ul>"
        }
        return HelpPageLayout.document(title: view.article.title, locale: view.locale, shop: view.shop, paths: view.paths, body: body)
    }

    /// Search results with excerpts.
    public static func search(_ view: HelpSearchView) -> String {
        let e = HTMLEscaping.escape
        let text = PageText(locale: view.locale)
        var body = "<h1>\(e(view.query.isEmpty ? text.results : text.resultsFor(view.query)))</h1>\n"
        if view.results.isEmpty {
            body += "<p>\(e(text.noResults))</p>"
        } else {
            body += "<ol>"
            for r in view.results {
                body += "<li><a href=\"\(HTMLEscaping.href(r.url))\">\(e(r.title))</a><br><span class=\"muted\">\(e(r.excerpt))</span></li>"
            }
            body += "</ol>"
        }
        return HelpPageLayout.document(
            title: text.results,
            locale: view.locale,
            shop: view.shop,
            paths: view.paths,
            body: body,
            searchQuery: view.query
        )
    }
}
