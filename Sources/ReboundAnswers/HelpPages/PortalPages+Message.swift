extension PortalPages {
    /// A short confirmation or notice in the portal's layout (for instance "return request received"), with
    /// optional links back.
    public static func message(shop: ShopProfile, locale: String, paths: HelpPaths, title: String, text: String, links: [HelpArticleLink] = [])
        -> String
    {
        let e = HTMLEscaping.escape
        var body = "<h1>\(e(title))</h1>\n<p>\(e(text))</p>\n"
        if !links.isEmpty {
            body += "<ul>" + links.map { "<li><a href=\"\(HTMLEscaping.href($0.url))\">\(e($0.title))</a></li>" }.joined() + "</ul>"
        }
        return HelpPageLayout.document(title: title, locale: locale, shop: shop, paths: paths, body: body)
    }
}
