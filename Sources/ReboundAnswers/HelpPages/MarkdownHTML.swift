import Foundation

/// Renders the Markdown of an article to HTML for the help pages, escaping all text.
///
/// Supported: headings, paragraphs, bullet and numbered lists, quotes, code fences, `**strong**`,
/// `*emphasis*`, `` `code` `` and `[links](https://…)`. Raw HTML in the Markdown is shown as
/// text, never passed through; links with a scheme other than http, https, mailto or tel are
/// rendered as plain text, and images as their alternative text (no remote content on the page).
public enum MarkdownHTML {
    /// Characters a backslash escapes.
    static let escapable: Set<Character> = ["\\", "`", "*", "_", "[", "]", "(", ")", "#", "!", "<", ">"]

    /// HTML for `markdown`. Headings are shifted down by `headingOffset` levels (an article's
    /// `# Title` becomes `<h2>` under the page's own `<h1>`).
    public static func render(_ markdown: String, headingOffset: Int = 1) -> String {
        var html = ""
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var quote: [String] = []
        var code: [String]?

        func flushParagraph() {
            if !paragraph.isEmpty { html += "<p>" + paragraph.map { inline(Substring($0)) }.joined(separator: "\n") + "</p>\n" }
            paragraph = []
        }
        func flushList() {
            if let l = list {
                let tag = l.ordered ? "ol" : "ul"
                html += "<\(tag)>" + l.items.map { "<li>" + inline(Substring($0)) + "</li>" }.joined() + "</\(tag)>\n"
            }
            list = nil
        }
        func flushQuote() {
            if !quote.isEmpty { html += "<blockquote><p>" + quote.map { inline(Substring($0)) }.joined(separator: "\n") + "</p></blockquote>\n" }
            quote = []
        }
        func flushAll() {
            flushParagraph()
            flushList()
            flushQuote()
        }

        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            if var block = code {
                if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                    html += "<pre><code>" + HTMLEscaping.escape(block.joined(separator: "\n")) + "</code></pre>\n"
                    code = nil
                } else {
                    block.append(String(line))
                    code = block
                }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                flushAll()
                code = []
                continue
            }
            if trimmed.isEmpty {
                flushAll()
                continue
            }
            if trimmed.first == "#" {
                let hashes = trimmed.prefix(while: { $0 == "#" }).count
                let rest = trimmed.dropFirst(hashes)
                if hashes <= 6, rest.first == " " || rest.isEmpty {
                    flushAll()
                    let level = min(6, hashes + max(0, headingOffset))
                    html += "<h\(level)>" + inline(rest.drop(while: { $0 == " " })) + "</h\(level)>\n"
                    continue
                }
            }
            if trimmed.first == ">" {
                flushParagraph()
                flushList()
                quote.append(String(trimmed.dropFirst().drop(while: { $0 == " " })))
                continue
            }
            if let item = listItem(trimmed) {
                flushParagraph()
                flushQuote()
                if list == nil || list!.ordered != item.ordered {
                    flushList()
                    list = (item.ordered, [])
                }
                list!.items.append(String(item.text))
                continue
            }
            if list != nil, line.first == " " || line.first == "\t" {
                // A continuation line of the last list item.
                list!.items[list!.items.count - 1] += " " + trimmed
                continue
            }
            flushList()
            flushQuote()
            paragraph.append(String(trimmed))
        }
        if let block = code { html += "<pre><code>" + HTMLEscaping.escape(block.joined(separator: "\n")) + "</code></pre>\n" }
        flushAll()
        return html
    }

    static func listItem(_ line: Substring) -> (ordered: Bool, text: Substring)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (false, line.dropFirst(2))
        }
        let digits = line.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 9 {
            let after = line.dropFirst(digits.count)
            if let marker = after.first, marker == "." || marker == ")", after.dropFirst().first == " " {
                return (true, after.dropFirst(2))
            }
        }
        return nil
    }

    /// Inline Markdown of one line to escaped HTML.
    static func inline(_ text: Substring) -> String {
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, escapable.contains(chars[i + 1]) {
                out += HTMLEscaping.escape(String(chars[i + 1]))
                i += 2
                continue
            }
            if c == "`", let close = chars[(i + 1)...].firstIndex(of: "`") {
                out += "<code>" + HTMLEscaping.escape(String(chars[(i + 1)..<close])) + "</code>"
                i = close + 1
                continue
            }
            if c == "!", i + 1 < chars.count, chars[i + 1] == "[", let link = parseLink(chars, at: i + 1) {
                out += inline(Substring(link.text))
                i = link.end
                continue
            }
            if c == "[", let link = parseLink(chars, at: i) {
                if isSafeURL(link.url) {
                    out += "<a href=\"" + HTMLEscaping.escape(link.url) + "\" rel=\"nofollow noopener\">" + inline(Substring(link.text)) + "</a>"
                } else {
                    out += inline(Substring(link.text))
                }
                i = link.end
                continue
            }
            if c == "*" || c == "_" {
                let double = i + 1 < chars.count && chars[i + 1] == c
                let marker = double ? [c, c] : [c]
                // `_` only emphasises at word edges, so snake_case stays as it is.
                let leftOK = c == "*" || i == 0 || !chars[i - 1].isLetter && !chars[i - 1].isNumber
                if leftOK, let close = findClose(chars, from: i + marker.count, marker: marker), close > i + marker.count {
                    let inner = Substring(String(chars[(i + marker.count)..<close]))
                    let tag = double ? "strong" : "em"
                    out += "<\(tag)>" + inline(inner) + "</\(tag)>"
                    i = close + marker.count
                    continue
                }
            }
            out += HTMLEscaping.escape(String(c))
            i += 1
        }
        return out
    }

    static func findClose(_ chars: [Character], from start: Int, marker: [Character]) -> Int? {
        var j = start
        while j + marker.count <= chars.count {
            if chars[j] == "\\" {
                j += 2
                continue
            }
            if Array(chars[j..<(j + marker.count)]) == marker { return j }
            j += 1
        }
        return nil
    }

    /// A `[text](url)` starting at `start` (the `[`): its text, address and the index after `)`.
    static func parseLink(_ chars: [Character], at start: Int) -> (text: String, url: String, end: Int)? {
        guard start < chars.count, chars[start] == "[" else { return nil }
        var depth = 0
        var j = start
        var close: Int?
        while j < chars.count {
            if chars[j] == "\\" {
                j += 2
                continue
            }
            if chars[j] == "[" { depth += 1 }
            if chars[j] == "]" {
                depth -= 1
                if depth == 0 {
                    close = j
                    break
                }
            }
            j += 1
        }
        guard let close, close + 1 < chars.count, chars[close + 1] == "(" else { return nil }
        // The address may contain balanced parentheses, as in CommonMark.
        var parens = 1
        var k = close + 2
        var endIndex: Int?
        while k < chars.count {
            if chars[k] == "(" { parens += 1 }
            if chars[k] == ")" {
                parens -= 1
                if parens == 0 {
                    endIndex = k
                    break
                }
            }
            k += 1
        }
        guard let end = endIndex else { return nil }
        var url = String(chars[(close + 2)..<end]).trimmingWhitespaceAndNewlines()
        // Drop an optional title: [text](url "title").
        if let space = url.firstIndex(of: " ") { url = String(url[..<space]) }
        return (String(chars[(start + 1)..<close]), url, end + 1)
    }

    /// Whether following `url` cannot run script: http(s), mailto, tel, or a relative address.
    public static func isSafeURL(_ url: String) -> Bool {
        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
        let cleaned = String(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }).lowercased()
        guard !cleaned.isEmpty else { return false }
        if let colon = cleaned.firstIndex(of: ":") {
            let scheme = cleaned[..<colon]
            let beforeDelimiter = !scheme.contains("/") && !scheme.contains("?") && !scheme.contains("#")
            if beforeDelimiter { return ["http", "https", "mailto", "tel"].contains(String(scheme)) }
        }
        return true
    }
}
