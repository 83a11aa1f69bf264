public import Foundation

/// A Slack incoming-webhook payload: fallback text plus Block Kit blocks (header, section, fields, button).
public struct SlackMessage: Sendable, Encodable {
    public var text: String
    public var blocks: [Block]

    public struct Block: Sendable, Encodable {
        var type: String
        var text: Text?
        var fields: [Text]?
        var elements: [Button]?
    }

    public struct Text: Sendable, Encodable {
        var type: String
        var text: String
    }

    public struct Button: Sendable, Encodable {
        var type = "button"
        var text: Text
        var url: String
    }

    /// - Parameters:
    ///   - text: shown in notifications and where blocks are not supported.
    ///   - fields: label and value pairs shown in two columns.
    public init(title: String, text: String, fields: [(String, String)] = [], link: (label: String, url: String)? = nil) {
        self.text = title + ": " + text
        var blocks = [
            Block(type: "header", text: Text(type: "plain_text", text: String(title.prefix(150)))),
            Block(type: "section", text: Text(type: "mrkdwn", text: Self.escape(text))),
        ]
        if !fields.isEmpty {
            blocks.append(
                Block(type: "section", fields: fields.prefix(10).map { Text(type: "mrkdwn", text: "*\(Self.escape($0.0))*\n\(Self.escape($0.1))") })
            )
        }
        if let link {
            blocks.append(Block(type: "actions", elements: [Button(text: Text(type: "plain_text", text: link.label), url: link.url)]))
        }
        self.blocks = blocks
    }

    /// Slack's mrkdwn escaping of `&`, `<` and `>`.
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// The JSON body to POST to the webhook URL.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
