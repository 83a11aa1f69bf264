/// The page shell: head with CSRF meta and inline CSS, top bar with shop and agent, navigation, period form.
public enum AdminLayout {
    /// A complete signed-in page.
    ///
    /// - Parameters:
    ///   - title: the `<h1>` and the first part of `<title>`.
    ///   - actions: buttons or links shown beside the heading.
    ///   - wide: full-width content without the reading-width limit (the inbox).
    ///   - script: page script, written inside `<script>` with the CSP nonce; only module-made text.
    public static func page(
        _ context: AdminContext,
        title: String,
        actions: HTML = .empty,
        wide: Bool = false,
        script: HTML? = nil,
        content: HTML
    ) -> HTML {
        let notice: HTML = context.notice.map { "<div class=\"notice \($0.tone.rawValue)\" role=\"status\">\($0.text)</div>" } ?? .empty
        let period: HTML = context.dateRange.map { dateRangeForm($0, format: context.format) } ?? .empty
        let body: HTML = """
            <a class="skip" href="#main">Skip to content</a>\
            \(topBar(context))\
            <div class="frame">\(navigation(context))\
            <main id="main" class="\(wide ? "wide" : "")">\
            <div class="page-head"><h1>\(title)</h1><div class="page-actions">\(actions)</div></div>\
            \(period)\(notice)\(content)</main></div>
            """
        return document(
            title: "\(title) · \(context.shopName)",
            locale: context.format.locale,
            csrfToken: context.csrfToken,
            nonce: context.cspNonce,
            bodyClass: "section-\(context.section.rawValue)",
            body: body,
            script: script
        )
    }

    /// The bare document around any body (used by the signed-in shell, the login page and problem pages).
    static func document(
        title: String,
        locale: AdminLocale,
        csrfToken: String?,
        nonce: String?,
        bodyClass: String,
        body: HTML,
        script: HTML? = nil
    ) -> HTML {
        let nonceAttribute: HTML = nonce.map { " nonce=\"\($0)\"" } ?? .empty
        let csrf: HTML = csrfToken.map { "<meta name=\"csrf-token\" content=\"\($0)\">" } ?? .empty
        let scriptTag: HTML = script.map { "<script\(nonceAttribute)>\($0)</script>" } ?? .empty
        return """
            <!doctype html>
            <html lang="\(locale.languageTag)"><head><meta charset="utf-8">\
            <meta name="viewport" content="width=device-width, initial-scale=1">\
            <meta name="robots" content="noindex, nofollow">\(csrf)\
            <title>\(title) — Rebound</title>\
            <style\(nonceAttribute)>\(AdminStylesheet.css)</style></head>\
            <body class="\(bodyClass)">\(body)\(scriptTag)</body></html>

            """
    }

    static func topBar(_ context: AdminContext) -> HTML {
        let initials = String(context.agentName.split(separator: " ").prefix(2).compactMap(\.first)).uppercased()
        return """
            <header class="topbar"><a class="brand" href="\(url: context.path(.dashboard))"><span class="logo" aria-hidden="true"></span>Rebound</a>\
            <span class="shop" title="Shop">\(context.shopName)</span><div class="spacer"></div>\
            <div class="whoami"><span class="avatar" aria-hidden="true">\(initials)</span>\
            <span class="agent-name">\(context.agentName)\(context.agentEmail.map { "<small>\($0)</small>" as HTML })</span>\
            <form method="post" action="\(url: context.logoutURL)" class="logout">\(context.csrfField)\
            <button type="submit" class="ghost">\(AdminIcons.icon("logout"))<span>Log out</span></button></form></div></header>
            """
    }

    static func navigation(_ context: AdminContext) -> HTML {
        let links: [HTML] = AdminSection.allCases.map { section in
            let current = section == context.section
            let badge: HTML =
                section == .inbox && (context.inboxBadge ?? 0) > 0
                ? "<span class=\"badge count\" title=\"Open conversations\">\(context.format.number(context.inboxBadge ?? 0))</span>" : .empty
            return """
                <a href="\(url: context.path(section))"\(current ? HTML(" aria-current=\"page\"") : .empty)>\
                \(AdminIcons.icon(section.rawValue))<span>\(section.title)</span>\(badge)</a>
                """
        }
        return "<nav class=\"sidenav\" aria-label=\"Main\">\(links)</nav>"
    }
}
