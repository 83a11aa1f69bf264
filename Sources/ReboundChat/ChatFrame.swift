public import Foundation
public import ReboundCore
public import ReboundStore

/// A frame from the storefront script (JSON text). See docs/chat.md for the protocol.
public enum ClientFrame: Sendable, Hashable {
    /// First frame of a connection: which conversation to resume and the last message the page shows.
    case hello(conversationID: String?, lastSeq: Int64, cart: JSONValue?, page: String?, device: String?, mode: String?)
    /// Text, images uploaded before (`attachment_ids`, see `POST /v1/chat/attachments`), or both.
    case message(clientID: String?, text: String, attachmentIDs: [String] = [])
    case typing
    case read(seq: Int64)
    case csat(score: Int, comment: String)
    case contact(email: String?, phone: String?)

    /// Longest message text accepted; the script caps at the same length.
    public static let maxText = 4000
    /// Images one message may carry.
    public static let maxAttachments = 4

    /// Reads a frame; a frame that is not JSON, has an unknown type or bad fields is an error with a reason.
    public static func parse(_ text: String) throws(ChatError) -> ClientFrame {
        guard case .object(let object)? = try? JSONValue.parse(text) else { throw ChatError("frames are JSON objects") }
        guard let type = object["type"]?.stringValue else { throw ChatError("a frame needs a type") }
        switch type {
        case "hello":
            return .hello(
                conversationID: object["conversation_id"]?.stringValue,
                lastSeq: max(0, object["last_seq"]?.int64Value ?? 0),
                cart: object["cart"],
                page: object["page"]?.stringValue.map { String($0.prefix(2000)) },
                device: object["device"]?.stringValue.map { String($0.prefix(20)) },
                mode: object["mode"]?.stringValue
            )
        case "message":
            let text = object["text"]?.stringValue?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            let ids = object["attachment_ids"]?.arrayValue?.compactMap(\.stringValue) ?? []
            guard ids.count <= maxAttachments, ids.allSatisfy({ $0.count <= 64 }) else {
                throw ChatError("a message carries at most \(maxAttachments) images")
            }
            guard !text.isEmpty || !ids.isEmpty else { throw ChatError("a message needs text") }
            guard text.count <= maxText else { throw ChatError("messages are at most \(maxText) characters") }
            return .message(clientID: object["client_id"]?.stringValue.map { String($0.prefix(64)) }, text: text, attachmentIDs: ids)
        case "typing":
            return .typing
        case "read":
            return .read(seq: object["seq"]?.int64Value ?? 0)
        case "csat":
            guard let score = object["score"]?.int64Value, (1...5).contains(score) else { throw ChatError("score is 1 to 5") }
            return .csat(score: Int(score), comment: String((object["comment"]?.stringValue ?? "").prefix(2000)))
        case "contact":
            let email = object["email"]?.stringValue.flatMap { $0.isEmpty ? nil : String($0.prefix(254)) }
            let phone = object["phone"]?.stringValue.flatMap { $0.isEmpty ? nil : String($0.prefix(32)) }
            guard email != nil || phone != nil else { throw ChatError("leave an email address or a phone number") }
            return .contact(email: email, phone: phone)
        default:
            throw ChatError("unknown frame type \(type)")
        }
    }
}

/// Frames Rebound sends to the storefront and to agents.
public enum ServerFrame {
    public static func welcome(conversationID: String?, agentsOnline: Bool) -> String {
        JSONValue.object([
            "type": "welcome", "conversation_id": conversationID.map(JSONValue.string) ?? .null, "agents_online": .bool(agentsOnline),
        ]).jsonText
    }

    public static func message(
        _ message: ConversationMessage,
        conversationID: String,
        attachments: [AttachmentInfo] = [],
        shopID: Shop.ID? = nil
    ) -> String {
        var frame: [String: JSONValue] = [
            "type": "message", "conversation_id": .string(conversationID), "seq": .int(message.seq), "id": .string(message.id),
            "client_id": message.clientID.map(JSONValue.string) ?? .null, "author": .string(message.author),
            "name": message.authorName.map(JSONValue.string) ?? .null, "text": .string(message.body),
            "at": .string(RFC3339.format(message.createdAt)),
        ]
        if let shopID, !attachments.isEmpty { frame["attachments"] = .array(attachments.map { attachment($0, shopID: shopID) }) }
        return JSONValue.object(frame).jsonText
    }

    /// An image as frames and the API show it; `url` is a path on this server (`/files/{shop}/{id}`).
    public static func attachment(_ info: AttachmentInfo, shopID: Shop.ID) -> JSONValue {
        .object([
            "id": .string(info.id), "url": .string("/files/\(shopID.rawValue)/\(info.id)"), "content_type": .string(info.contentType),
            "size": .int(Int64(info.size)), "width": info.width.map { .int(Int64($0)) } ?? .null,
            "height": info.height.map { .int(Int64($0)) } ?? .null,
        ])
    }

    public static func typing(author: String, name: String?) -> String {
        JSONValue.object(["type": "typing", "author": .string(author), "name": name.map(JSONValue.string) ?? .null]).jsonText
    }

    public static func read(seq: Int64) -> String { JSONValue.object(["type": "read", "seq": .int(seq)]).jsonText }

    public static func error(_ detail: String) -> String { JSONValue.object(["type": "error", "detail": .string(detail)]).jsonText }

    public static var csatRequest: String { JSONValue.object(["type": "csat_request"]).jsonText }

    /// For agents' inbox sockets: something in the shop's inbox changed; re-read the page.
    public static var refresh: String { JSONValue.object(["type": "refresh"]).jsonText }
}

/// Why a frame or a connection was refused.
public struct ChatError: Error, Hashable, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
