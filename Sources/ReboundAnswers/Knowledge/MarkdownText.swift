import Foundation

/// Reduces the Markdown of an article to plain text for indexing and for answers.
///
/// Handles what articles use: headings, list markers, quotes, code fences, emphasis, inline
/// code, links and images (their text is kept, their address dropped) and backslash escapes.
/// It is not a full CommonMark parser: anything it does not know stays as it is, which is
/// harmless for an index and for text that is escaped before it reaches a page.
public enum MarkdownText {
    /// The text of `markdown`, one line per source line, without Markdown syntax.
    public static func plainText(_ markdown: String) -> String {
        var lines: [String] = []
        for raw in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            line = line.drop(while: { $0 == " " || $0 == "\t" })
            if line.hasPrefix("```") || line.hasPrefix("~~~") { continue }
            line = stripBlockMarker(line)
            lines.append(inlineText(line))
        }
        return lines.joined(separator: "\n").trimmingWhitespaceAndNewlines()
    }

    /// Paragraphs of the plain text: runs of non-blank lines, joined with spaces.
    public static func paragraphs(_ markdown: String) -> [String] {
        var out: [String] = []
        var current: [String] = []
        for line in plainText(markdown).split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = String(line).trimmingWhitespaceAndNewlines()
            if trimmed.isEmpty {
                if !current.isEmpty { out.append(current.joined(separator: " ")) }
                current = []
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { out.append(current.joined(separator: " ")) }
        return out
    }

    static func stripBlockMarker(_ line: Substring) -> Substring {
        var rest = line
        while rest.first == ">" { rest = rest.dropFirst().drop(while: { $0 == " " }) }
        if rest.first == "#" {
            let hashes = rest.prefix(while: { $0 == "#" })
            if hashes.count <= 6, rest.dropFirst(hashes.count).first == " " || rest.count == hashes.count {
                return rest.dropFirst(hashes.count).drop(while: { $0 == " " })
            }
        }
        if let first = rest.first, "-*+".contains(first), rest.dropFirst().first == " " {
            return rest.dropFirst(2)
        }
        let digits = rest.prefix(while: { $0.isASCII && $0.isNumber })
        if !digits.isEmpty, digits.count <= 9 {
            let after = rest.dropFirst(digits.count)
            if let marker = after.first, marker == "." || marker == ")", after.dropFirst().first == " " {
                return after.dropFirst(2)
            }
        }
        return rest
    }

    /// Inline syntax removed: `[text](url)` → text, `![alt](url)` → alt, emphasis and code marks dropped.
    static func inlineText(_ line: Substring) -> String {
        var out = ""
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, MarkdownHTML.escapable.contains(chars[i + 1]) {
                out.append(chars[i + 1])
                i += 2
                continue
            }
            if c == "!" && i + 1 < chars.count && chars[i + 1] == "[", let link = MarkdownHTML.parseLink(chars, at: i + 1) {
                out += inlineText(Substring(link.text))
                i = link.end
                continue
            }
            if c == "[", let link = MarkdownHTML.parseLink(chars, at: i) {
                out += inlineText(Substring(link.text))
                i = link.end
                continue
            }
            if c == "*" || c == "`" {
                i += 1
                continue
            }
            if c == "_" && i + 1 < chars.count && chars[i + 1] == "_" {
                i += 2
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmingWhitespaceAndNewlines() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
