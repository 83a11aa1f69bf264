extension AdminPages {
    /// The sign-in page.
    public static func login(_ model: LoginViewModel) -> HTML {
        let error: HTML = model.errorMessage.map { "<div class=\"notice error\" role=\"alert\">\($0)</div>" } ?? .empty
        // Only a local path may be carried over: "next=https://evil.example" must not turn the login into an open redirect.
        let next: HTML = model.next.flatMap(localPath).map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" } ?? .empty
        let body: HTML = """
            <div class="auth"><main class="auth-card" id="main">\
            <div class="brand"><span class="logo" aria-hidden="true"></span>Rebound</div>\
            <h1>Sign in</h1><p>\(model.shopName.map { "to \($0)" } ?? "to your shop's admin")</p>\(error)\
            <form method="post" action="\(url: model.action)">\
            <input type="hidden" name="_csrf" value="\(model.csrfToken)">\(next)\
            <div class="field"><label for="email">Email</label>\
            <input type="email" id="email" name="email" value="\(model.email)" autocomplete="username" required\(attribute: "autofocus", if: model.email.isEmpty)></div>\
            <div class="field"><label for="password">Password</label>\
            <input type="password" id="password" name="password" autocomplete="current-password" required\(attribute: "autofocus", if: !model.email.isEmpty)></div>\
            <button type="submit" class="primary">Sign in</button></form></main></div>
            """
        return AdminLayout.document(
            title: "Sign in",
            locale: model.locale,
            csrfToken: model.csrfToken,
            nonce: model.cspNonce,
            bodyClass: "login",
            body: body
        )
    }

    /// `path` when it is a path on this server (`/admin/...`), else nil.
    static func localPath(_ path: String) -> String? {
        guard path.hasPrefix("/"), !path.hasPrefix("//"), !path.hasPrefix("/\\"), !path.contains("\n"), !path.contains("\r") else { return nil }
        return path
    }
}
