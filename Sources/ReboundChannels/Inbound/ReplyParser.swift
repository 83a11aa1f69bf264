import Foundation

/// An inbound reply to one of our messages, reduced to what a conversation needs.
public struct InboundReply: Hashable, Sendable {
    public var from: String
    public var subject: String
    /// Message ids from `In-Reply-To` then `References` (newest first): the first one we sent is the thread.
    public var referencedMessageIDs: [String]
    /// The new text only: quoted lines, "On … wrote:" blocks and signatures removed.
    public var text: String
    public var messageID: String?
}

/// Reads replies: which message they answer and what the customer actually wrote.
public enum ReplyParser {
    public static func parse(_ raw: String) -> InboundReply {
        let message = MIMEPart(parsing: raw)
        let plain = message.allParts.first { $0.contentType.value == "text/plain" && $0.parts.isEmpty }
        let html = message.allParts.first { $0.contentType.value == "text/html" }
        let body = plain?.decodedText ?? html.map { stripTags($0.decodedText) } ?? ""
        var ids = MIMEPart.messageIDs(message.header("In-Reply-To"))
        for id in MIMEPart.messageIDs(message.header("References")).reversed() where !ids.contains(id) { ids.append(id) }
        return InboundReply(
            from: BounceParser.address(in: HeaderEncoding.decode(message.header("From") ?? "")),
            subject: HeaderEncoding.decode(message.header("Subject") ?? ""),
            referencedMessageIDs: ids,
            text: stripQuoted(body),
            messageID: MIMEPart.messageIDs(message.header("Message-ID")).first
        )
    }

    /// Keeps the text above the first quote marker.
    public static func stripQuoted(_ text: String) -> String {
        var kept: [Substring] = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingSpaces
            if trimmed.hasPrefix(">") || trimmed == "--" || isSeparator(trimmed) { break }
            // "On Tue, … Kim <kim@example.com> wrote:" may wrap onto a second line.
            let joined = index + 1 < lines.count ? String(trimmed) + " " + lines[index + 1].trimmingSpaces : String(trimmed)
            if isAttribution(String(trimmed)) { break }
            if isAttribution(joined), index + 1 < lines.count, lines[index + 1].trimmingSpaces.hasSuffix(":") { break }
            kept.append(line)
            index += 1
        }
        return kept.joined(separator: "\n").trimmingSpaces.description
    }

    static func isSeparator(_ line: Substring) -> Bool {
        let lower = line.lowercased()
        return lower.hasPrefix("-----original message") || lower.hasPrefix("-----ursprüngliche nachricht")
            || lower.hasPrefix("________________________________") || (lower.hasPrefix("from:") && lower.contains("@"))
            || (lower.hasPrefix("von:") && lower.contains("@"))
    }

    static func isAttribution(_ line: String) -> Bool {
        let lower = line.lowercased()
        guard lower.hasSuffix(":") else { return false }
        return (lower.hasPrefix("on ") && lower.contains("wrote")) || (lower.hasPrefix("am ") && lower.contains("schrieb"))
            || (lower.hasPrefix("le ") && lower.contains("écrit"))
    }

    static func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        for ch in html {
            if ch == "<" { inTag = true } else if ch == ">" { inTag = false } else if !inTag { out.append(ch) }
        }
        return out
    }
}
