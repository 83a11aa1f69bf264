extension AdminPages {
    /// An error page: inside the admin shell when the model has a context, else a standalone card.
    public static func problem(_ model: ProblemViewModel) -> HTML {
        let status: HTML = model.friendly ? .empty : "<div class=\"problem-status\">Error \(model.status)</div>"
        let action: HTML = model.action.map { "<a class=\"button primary\" href=\"\(url: $0.url)\">\($0.title)</a>" } ?? .empty
        let reference: HTML = model.reference.map { "<p class=\"muted\"><small>Reference: <code>\($0)</code></small></p>" } ?? .empty
        if let context = model.context {
            let content: HTML = """
                <div class="card problem">\(status)<p>\(model.detail)</p>\(action)\(reference)</div>
                """
            return AdminLayout.page(context, title: model.title, content: content)
        }
        let brand: HTML =
            model.shopName.map { "<div class=\"brand\">\($0)</div>" }
            ?? "<div class=\"brand\"><span class=\"logo\" aria-hidden=\"true\"></span>Rebound</div>"
        let body: HTML = """
            <div class="auth"><main class="auth-card problem" id="main">\(brand)\
            <div class="problem-art" aria-hidden="true">\(AdminIcons.icon(model.status == 410 ? "clock" : model.status == 400 ? "link" : "alert"))</div>\
            \(status)<h1>\(model.title)</h1><p>\(model.detail)</p>\(action)\(reference)</main></div>
            """
        return AdminLayout.document(
            title: model.title,
            locale: model.locale,
            csrfToken: model.context?.csrfToken,
            nonce: model.cspNonce,
            bodyClass: "problem-page",
            body: body
        )
    }
}
