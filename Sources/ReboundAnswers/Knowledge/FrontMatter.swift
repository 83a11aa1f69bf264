import Foundation

/// The YAML front matter of a Markdown article: `---`, `key: value` lines, `---`.
///
/// A deliberately small subset of YAML, enough for article metadata: scalars (plain, `"double"`
/// or `'single'` quoted), flow lists (`tags: [a, "b c"]`), block lists (`tags:` then `- a` lines),
/// comments and blank lines. Anything else is an error with its line, so a typo is reported
/// instead of silently dropping a field.
public struct FrontMatter: Sendable, Hashable {
    /// A value: one string or a list of strings.
    public enum Value: Sendable, Hashable {
        case string(String)
        case list([String])

        /// The value as a list (a scalar becomes a one-element list; a comma-separated scalar is split).
        public var list: [String] {
            switch self {
            case .list(let items): return items
            case .string(let s):
                return s.split(separator: ",").map { String($0).trimmingWhitespaceAndNewlines() }.filter { !$0.isEmpty }
            }
        }

        /// The value as one string (a list is joined with ", ").
        public var string: String {
            switch self {
            case .string(let s): return s
            case .list(let items): return items.joined(separator: ", ")
            }
        }
    }

    public var fields: [String: Value]
    /// The Markdown after the front matter.
    public var body: String
    /// The 1-based line where `body` starts in the file.
    public var bodyLine: Int

    /// Splits `text` into front matter and body. Text that does not start with `---` has no front matter.
    ///
    /// - Throws: ``AnswersError/Code/malformedFrontMatter`` with the line of the problem.
    public static func parse(_ text: String) throws -> FrontMatter {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        if let first = lines.first, first.hasPrefix("\u{FEFF}") { lines[0] = first.dropFirst() }
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            return FrontMatter(fields: [:], body: text, bodyLine: 1)
        }
        var fields: [String: Value] = [:]
        var pendingListKey: (key: String, line: Int)?
        var index = 1
        while index < lines.count {
            let line = lines[index]
            let number = index + 1
            let trimmed = line.trimmingTrailingSpaces()
            if trimmed == "---" || trimmed == "..." {
                if let pending = pendingListKey, fields[pending.key] == nil { fields[pending.key] = .list([]) }
                let body = lines[(index + 1)...].joined(separator: "\n")
                return FrontMatter(fields: fields, body: body, bodyLine: index + 2)
            }
            let content = trimmed.drop(while: { $0 == " " || $0 == "\t" })
            if content.isEmpty || content.first == "#" {
                index += 1
                continue
            }
            if content.hasPrefix("- ") || content == "-" {
                guard let pending = pendingListKey else {
                    throw AnswersError(.malformedFrontMatter, "list item without a key above it", line: number)
                }
                let item = try scalar(content.dropFirst().drop(while: { $0 == " " }), line: number)
                var items = fields[pending.key]?.list ?? []
                items.append(item)
                fields[pending.key] = .list(items)
                index += 1
                continue
            }
            guard let colon = content.firstIndex(of: ":") else {
                throw AnswersError(.malformedFrontMatter, "expected \"key: value\"", line: number)
            }
            let key = content[..<colon].trimmingTrailingSpaces().lowercased()
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }) else {
                throw AnswersError(.malformedFrontMatter, "invalid key \"\(content[..<colon])\"", line: number)
            }
            let raw = content[content.index(after: colon)...].drop(while: { $0 == " " || $0 == "\t" })
            if raw.isEmpty {
                pendingListKey = (key, number)
            } else if raw.first == "[" {
                pendingListKey = nil
                fields[key] = .list(try flowList(raw, line: number))
            } else {
                pendingListKey = nil
                fields[key] = .string(try scalar(raw, line: number))
            }
            index += 1
        }
        throw AnswersError(.malformedFrontMatter, "front matter opened here is never closed with ---", line: 1)
    }

    /// A plain or quoted scalar.
    static func scalar(_ raw: Substring, line: Int) throws -> String {
        var text = raw
        guard let first = text.first else { return "" }
        if first == "\"" || first == "'" {
            text = text.dropFirst()
            var out = ""
            var closed = false
            var i = text.startIndex
            while i < text.endIndex {
                let c = text[i]
                if c == first {
                    // '' is an escaped quote inside single quotes.
                    let next = text.index(after: i)
                    if first == "'" && next < text.endIndex && text[next] == "'" {
                        out.append("'")
                        i = text.index(after: next)
                        continue
                    }
                    closed = true
                    let rest = text[next...].drop(while: { $0 == " " })
                    if !rest.isEmpty && rest.first != "#" {
                        throw AnswersError(.malformedFrontMatter, "text after a closing quote", line: line)
                    }
                    break
                }
                if first == "\"" && c == "\\" {
                    let next = text.index(after: i)
                    if next < text.endIndex {
                        switch text[next] {
                        case "n": out.append("\n")
                        case "t": out.append("\t")
                        default: out.append(text[next])
                        }
                        i = text.index(after: next)
                        continue
                    }
                }
                out.append(c)
                i = text.index(after: i)
            }
            guard closed else { throw AnswersError(.malformedFrontMatter, "quoted value is never closed", line: line) }
            return out
        }
        // A plain scalar ends at " #" (a comment).
        if let hash = text.range(of: " #") { text = text[..<hash.lowerBound] }
        return String(text).trimmingWhitespaceAndNewlines()
    }

    /// `[a, "b, c", d]`.
    static func flowList(_ raw: Substring, line: Int) throws -> [String] {
        guard let close = raw.lastIndex(of: "]") else {
            throw AnswersError(.malformedFrontMatter, "list opened with [ is never closed", line: line)
        }
        let inner = raw[raw.index(after: raw.startIndex)..<close]
        var items: [String] = []
        var current = ""
        var quote: Character?
        for c in inner {
            if let q = quote {
                if c == q { quote = nil } else { current.append(c) }
            } else if c == "\"" || c == "'" {
                quote = c
            } else if c == "," {
                items.append(current.trimmingWhitespaceAndNewlines())
                current = ""
            } else {
                current.append(c)
            }
        }
        if quote != nil { throw AnswersError(.malformedFrontMatter, "quoted list item is never closed", line: line) }
        let last = current.trimmingWhitespaceAndNewlines()
        if !last.isEmpty || !items.isEmpty { items.append(last) }
        return items.filter { !$0.isEmpty }
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return s
    }
}
