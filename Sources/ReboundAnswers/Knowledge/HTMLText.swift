import Foundation

/// Converts the HTML bodies of imported articles (Zendesk, Gorgias) to Markdown.
///
/// Paragraphs, headings, line breaks and list items keep their shape, links become
/// `[text](url)` when the address is safe (http, https, mailto or relative), scripts, styles and
/// comments are dropped, and character references are decoded. Characters that mean something in
/// Markdown are backslash-escaped so the text cannot turn into markup when rendered.
public enum HTMLText {
    /// Markdown for an HTML fragment.
    public static func markdown(fromHTML html: String) -> String {
        var converter = Converter()
        converter.run(Array(html.unicodeScalars))
        return converter.finish()
    }

    /// Plain text for an HTML fragment.
    public static func plainText(fromHTML html: String) -> String {
        MarkdownText.plainText(markdown(fromHTML: html))
    }

    private struct Converter {
        var out = ""
        var pendingSpace = false
        var skipUntil: String?
        var preDepth = 0
        var listStack: [(ordered: Bool, counter: Int)] = []
        // Link starts are UTF-8 offsets into `out`, which stay valid while `out` only grows.
        var linkStack: [(href: String?, start: Int)] = []

        mutating func run(_ s: [Unicode.Scalar]) {
            var i = 0
            while i < s.count {
                let c = s[i]
                if c == "<" {
                    if let end = commentEnd(s, i) {
                        i = end
                        continue
                    }
                    if let (tag, end) = readTag(s, i) {
                        i = end
                        if let skip = skipUntil {
                            if tag.closing && tag.name == skip { skipUntil = nil }
                            continue
                        }
                        handle(tag)
                        continue
                    }
                }
                if skipUntil != nil {
                    i += 1
                    continue
                }
                if c == "&", let (text, end) = readEntity(s, i) {
                    appendText(text)
                    i = end
                    continue
                }
                appendText(String(Character(c)))
                i += 1
            }
        }

        mutating func finish() -> String {
            var lines = out.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                var l = Substring(line)
                while l.last == " " { l = l.dropLast() }
                return String(l)
            }
            // Collapse runs of blank lines to one.
            var collapsed: [String] = []
            for line in lines {
                if line.trimmingWhitespaceAndNewlines().isEmpty {
                    if let last = collapsed.last, last.isEmpty { continue }
                    collapsed.append("")
                } else {
                    collapsed.append(line)
                }
            }
            lines = collapsed
            return lines.joined(separator: "\n").trimmingWhitespaceAndNewlines()
        }

        mutating func appendText(_ text: String) {
            for ch in text {
                if preDepth == 0 && (ch == " " || ch == "\n" || ch == "\t" || ch == "\r" || ch == "\u{00A0}") {
                    pendingSpace = true
                    continue
                }
                if pendingSpace {
                    if let last = out.last, last != "\n", last != " " { out.append(" ") }
                    pendingSpace = false
                }
                if MarkdownHTML.escapable.contains(ch) { out.append("\\") }
                out.append(ch)
            }
        }

        mutating func newline(_ count: Int) {
            pendingSpace = false
            var trailing = 0
            for ch in out.reversed() {
                if ch == "\n" { trailing += 1 } else if ch == " " { continue } else { break }
            }
            if out.isEmpty { return }
            for _ in trailing..<max(trailing, count) { out.append("\n") }
        }

        mutating func handle(_ tag: Tag) {
            switch tag.name {
            case "script", "style", "head", "template", "noscript", "iframe", "svg":
                if !tag.closing && !tag.selfClosing { skipUntil = tag.name }
            case "br":
                newline(1)
            case "p", "div", "section", "article", "table", "blockquote", "header", "footer", "figure", "hr", "dl":
                newline(2)
            case "tr", "dt", "dd":
                newline(1)
            case "td", "th":
                if !tag.closing { appendText(" ") }
            case "h1", "h2", "h3", "h4", "h5", "h6":
                newline(2)
                if !tag.closing {
                    let level = Int(String(tag.name.dropFirst())) ?? 2
                    out += String(repeating: "#", count: level) + " "
                }
            case "pre":
                newline(2)
                preDepth += tag.closing ? -1 : 1
                preDepth = max(0, preDepth)
            case "ul", "ol":
                if tag.closing {
                    if !listStack.isEmpty { listStack.removeLast() }
                    newline(2)
                } else {
                    newline(listStack.isEmpty ? 2 : 1)
                    listStack.append((tag.name == "ol", 0))
                }
            case "li":
                if tag.closing { return }
                newline(1)
                let depth = max(0, listStack.count - 1)
                out += String(repeating: "  ", count: depth)
                if var top = listStack.popLast() {
                    top.counter += 1
                    out += top.ordered ? "\(top.counter). " : "- "
                    listStack.append(top)
                } else {
                    out += "- "
                }
            case "a":
                if tag.closing {
                    guard let link = linkStack.popLast() else { return }
                    if let href = link.href, MarkdownHTML.isSafeURL(href) {
                        let start = out.utf8.index(out.utf8.startIndex, offsetBy: link.start)
                        let text = String(out[start...])
                        if !text.trimmingWhitespaceAndNewlines().isEmpty {
                            out.replaceSubrange(start..., with: "[" + text + "](" + href.replacingOccurrences(of: ")", with: "%29") + ")")
                        }
                    }
                } else if !tag.selfClosing {
                    if pendingSpace, let last = out.last, last != "\n", last != " " {
                        out.append(" ")
                        pendingSpace = false
                    }
                    linkStack.append((tag.attributes["href"]?.trimmingWhitespaceAndNewlines(), out.utf8.count))
                }
            case "img":
                if let alt = tag.attributes["alt"], !alt.isEmpty { appendText(alt) }
            default:
                break
            }
        }

        struct Tag {
            var name: String
            var closing: Bool
            var selfClosing: Bool
            var attributes: [String: String]
        }

        func commentEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
            guard i + 3 < s.count, s[i + 1] == "!", s[i + 2] == "-", s[i + 3] == "-" else { return nil }
            var j = i + 4
            while j + 2 < s.count {
                if s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">" { return j + 3 }
                j += 1
            }
            return s.count
        }

        /// Reads `<name attr="v">`; nil when `<` does not start a tag (then it is text).
        func readTag(_ s: [Unicode.Scalar], _ start: Int) -> (Tag, Int)? {
            var i = start + 1
            var closing = false
            if i < s.count && s[i] == "/" {
                closing = true
                i += 1
            }
            if i < s.count && s[i] == "!" {
                // Doctype or CDATA: skip to '>'.
                while i < s.count && s[i] != ">" { i += 1 }
                return (Tag(name: "!", closing: false, selfClosing: true, attributes: [:]), min(i + 1, s.count))
            }
            guard i < s.count, s[i].properties.isAlphabetic else { return nil }
            var name = ""
            while i < s.count, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) {
                name.unicodeScalars.append(s[i])
                i += 1
            }
            var attributes: [String: String] = [:]
            var selfClosing = false
            while i < s.count && s[i] != ">" {
                let c = s[i]
                if c == "/" {
                    selfClosing = true
                    i += 1
                    continue
                }
                if c == " " || c == "\n" || c == "\t" || c == "\r" {
                    i += 1
                    continue
                }
                var key = ""
                while i < s.count, !" \n\t\r=>/".unicodeScalars.contains(s[i]) {
                    key.unicodeScalars.append(s[i])
                    i += 1
                }
                var value = ""
                if i < s.count && s[i] == "=" {
                    i += 1
                    if i < s.count && (s[i] == "\"" || s[i] == "'") {
                        let quote = s[i]
                        i += 1
                        while i < s.count && s[i] != quote {
                            value.unicodeScalars.append(s[i])
                            i += 1
                        }
                        i += 1
                    } else {
                        while i < s.count, !" \n\t\r>".unicodeScalars.contains(s[i]) {
                            value.unicodeScalars.append(s[i])
                            i += 1
                        }
                    }
                }
                if !key.isEmpty { attributes[key.lowercased()] = HTMLText.decodeEntities(value) }
                if key.isEmpty { i += 1 }
            }
            return (Tag(name: name.lowercased(), closing: closing, selfClosing: selfClosing, attributes: attributes), min(i + 1, s.count))
        }

        func readEntity(_ s: [Unicode.Scalar], _ start: Int) -> (String, Int)? {
            var j = start + 1
            var name = ""
            while j < s.count, j - start <= 32, s[j] != ";" {
                guard s[j].properties.isAlphabetic || ("0"..."9").contains(s[j]) || s[j] == "#" else { return nil }
                name.unicodeScalars.append(s[j])
                j += 1
            }
            guard j < s.count, s[j] == ";", let text = HTMLText.entity(name) else { return nil }
            return (text, j + 1)
        }
    }

    /// Decodes character references in an attribute value or text.
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        let s = Array(text.unicodeScalars)
        var i = 0
        while i < s.count {
            if s[i] == "&" {
                var j = i + 1
                var name = ""
                while j < s.count, j - i <= 32, s[j] != ";", s[j] != "&", s[j] != " " {
                    name.unicodeScalars.append(s[j])
                    j += 1
                }
                if j < s.count, s[j] == ";", let value = entity(name) {
                    out += value
                    i = j + 1
                    continue
                }
            }
            out.unicodeScalars.append(s[i])
            i += 1
        }
        return out
    }

    static func entity(_ name: String) -> String? {
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let value: UInt32?
            if digits.first == "x" || digits.first == "X" {
                value = UInt32(digits.dropFirst(), radix: 16)
            } else {
                value = UInt32(digits)
            }
            guard let value, value != 0, let scalar = Unicode.Scalar(value) else { return nil }
            return String(Character(scalar))
        }
        return namedEntities[name]
    }

    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "ndash": "–", "mdash": "—", "hellip": "…", "rsquo": "’", "lsquo": "‘", "ldquo": "“", "rdquo": "”",
        "bdquo": "„", "laquo": "«", "raquo": "»", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢",
        "copy": "©", "reg": "®", "trade": "™", "deg": "°", "times": "×", "divide": "÷", "bull": "•", "middot": "·",
        "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö", "Uuml": "Ü", "szlig": "ß",
        "eacute": "é", "egrave": "è", "ecirc": "ê", "aacute": "á", "agrave": "à", "acirc": "â", "ccedil": "ç",
        "iacute": "í", "oacute": "ó", "uacute": "ú", "ntilde": "ñ", "Eacute": "É", "shy": "", "zwnj": "", "zwj": "",
        "para": "¶", "sect": "§", "ordm": "º", "ordf": "ª", "frac12": "½", "frac14": "¼", "frac34": "¾", "plusmn": "±",
    ]
}
