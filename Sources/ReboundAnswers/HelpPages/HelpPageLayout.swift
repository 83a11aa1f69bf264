/// The page shell shared by help and portal pages: doctype, language, inline CSS, a strict
/// Content-Security-Policy (no script, no external resource), the shop's header and a search box.
enum HelpPageLayout {
    static func document(title: String, locale: String, shop: ShopProfile, paths: HelpPaths, body: String, searchQuery: String = "") -> String {
        let e = HTMLEscaping.escape
        let text = PageText(locale: locale)
        var h = "<!DOCTYPE html>\n<html lang=\"\(e(locale))\"><head><meta charset=\"utf-8\">"
        h +=
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'\">"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        h += "<title>\(e(title)) · \(e(shop.name))</title><style>\(css)</style></head><body>\n"
        h += "<header><a class=\"brand\" href=\"\(HTMLEscaping.href(paths.home))\">\(e(shop.name)) · \(e(text.help))</a>"
        h += "<form class=\"search\" method=\"get\" action=\"\(HTMLEscaping.href(paths.search()))\" role=\"search\">"
        h +=
            "<input type=\"search\" name=\"q\" value=\"\(e(searchQuery))\" placeholder=\"\(e(text.searchPlaceholder))\" aria-label=\"\(e(text.search))\" maxlength=\"200\">"
        h += "<button type=\"submit\">\(e(text.search))</button></form>"
        h += "<a class=\"orders\" href=\"\(HTMLEscaping.href(paths.orders))\">\(e(text.myOrder))</a></header>\n<main>\n"
        h += body
        h += "\n</main></body></html>\n"
        return h
    }

    static let css = """
        body{font-family:system-ui,sans-serif;margin:0;color:#222;line-height:1.5}\
        header{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;padding:1rem 2rem;border-bottom:1px solid #ddd}\
        .brand{font-weight:bold;color:#222;text-decoration:none}.search{flex:1;display:flex;gap:.5rem;min-width:240px}\
        .search input{flex:1;padding:.4rem}main{max-width:820px;margin:1.5rem auto;padding:0 1rem}\
        table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}\
        td.n,th.n{text-align:right}.muted{color:#666}.error{color:#a12622;border:1px solid #a12622;padding:.5rem;border-radius:4px}\
        label{display:block;margin:.5rem 0 .2rem}fieldset{border:1px solid #ddd;margin:1rem 0}\
        @media print{header,.noprint{display:none}main{margin:0;max-width:none}}
        """
}
