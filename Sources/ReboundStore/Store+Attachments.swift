public import Foundation
public import ReboundCore
import SQLKit

/// An image a shopper sent in the chat: what it is, not its bytes.
public struct AttachmentInfo: Sendable, Hashable {
    public var id: String
    public var contentType: String
    public var size: Int
    public var width: Int?
    public var height: Int?

    public init(id: String, contentType: String, size: Int, width: Int? = nil, height: Int? = nil) {
        self.id = id
        self.contentType = contentType
        self.size = size
        self.width = width
        self.height = height
    }
}

/// A stored attachment with its bytes.
public struct StoredAttachment: Sendable, Hashable {
    public var info: AttachmentInfo
    public var conversationID: String?
    public var messageID: String?
    public var uploader: String
    public var sha256: String
    public var data: [UInt8]
}

extension Store {
    /// Stores an upload; it belongs to no message until `attach` links it to the message that carries it.
    public func saveAttachment(
        shopID: Shop.ID,
        _ info: AttachmentInfo,
        uploader: String,
        sha256: String,
        data: [UInt8],
        now: Date
    ) async throws {
        let encoded = Data(data).base64EncodedString()
        try await write { db in
            try await db.raw(
                """
                INSERT INTO attachments (shop_id, id, uploader, content_type, size, width, height, sha256, data, created_at)
                VALUES (\(bind: shopID.rawValue), \(bind: info.id), \(bind: uploader), \(bind: info.contentType), \(bind: Int64(info.size)),
                    \(bind: info.width.map(Int64.init)), \(bind: info.height.map(Int64.init)), \(bind: sha256), \(bind: encoded),
                    \(bind: now.epochMilliseconds))
                """
            ).run()
        }
    }

    /// How many files `uploader` sent since `since`: the upload rate limit.
    public func attachmentCount(shopID: Shop.ID, uploader: String, since: Date) async throws -> Int {
        try await read { db in
            Int(
                try await db.raw(
                    """
                    SELECT COUNT(*) AS n FROM attachments WHERE shop_id = \(bind: shopID.rawValue) AND uploader = \(bind: uploader)
                    AND created_at >= \(bind: since.epochMilliseconds)
                    """
                ).first()?.int("n") ?? 0
            )
        }
    }

    public func attachment(shopID: Shop.ID, id: String) async throws -> StoredAttachment? {
        try await read { db in
            guard
                let row = try await db.raw(
                    """
                    SELECT id, conversation_id, message_id, uploader, content_type, size, width, height, sha256, data FROM attachments
                    WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)
                    """
                ).first()
            else { return nil }
            return StoredAttachment(
                info: try Store.attachmentInfo(from: row),
                conversationID: try row.optionalString("conversation_id"),
                messageID: try row.optionalString("message_id"),
                uploader: try row.string("uploader"),
                sha256: try row.string("sha256"),
                data: Array(Data(base64Encoded: try row.string("data")) ?? Data())
            )
        }
    }

    static func attachmentInfo(from row: any SQLRow) throws -> AttachmentInfo {
        AttachmentInfo(
            id: try row.string("id"),
            contentType: try row.string("content_type"),
            size: Int(try row.int("size")),
            width: try row.optionalInt("width").map { Int($0) },
            height: try row.optionalInt("height").map { Int($0) }
        )
    }

    /// Which of `ids` `uploader` may send in `conversationID`: their own uploads not sent yet, or sent in that
    /// conversation already (a resend after a reconnect).
    public func sendableAttachments(shopID: Shop.ID, ids: [String], uploader: String, conversationID: String?) async throws -> Set<String> {
        guard !ids.isEmpty else { return [] }
        return try await read { db in
            Set(
                try await db.raw(
                    """
                    SELECT id FROM attachments WHERE shop_id = \(bind: shopID.rawValue) AND uploader = \(bind: uploader)
                    AND id IN (\(binds: ids)) AND (message_id IS NULL OR conversation_id = \(bind: conversationID ?? ""))
                    """
                ).all().map { try $0.string("id") }
            )
        }
    }

    /// Links the uploads `ids` of `uploader` that belong to no message yet to a conversation message; returns the ones
    /// linked. Someone else's upload, or one already sent, is left alone.
    public func attach(shopID: Shop.ID, ids: [String], uploader: String, conversationID: String, messageID: String) async throws
        -> [AttachmentInfo]
    {
        guard !ids.isEmpty else { return [] }
        return try await write { db in
            try await db.raw(
                """
                UPDATE attachments SET conversation_id = \(bind: conversationID), message_id = \(bind: messageID)
                WHERE shop_id = \(bind: shopID.rawValue) AND uploader = \(bind: uploader) AND message_id IS NULL
                AND id IN (\(binds: ids))
                """
            ).run()
            return try await db.raw(
                """
                SELECT id, content_type, size, width, height FROM attachments
                WHERE shop_id = \(bind: shopID.rawValue) AND message_id = \(bind: messageID) ORDER BY created_at, id
                """
            ).all().map(Store.attachmentInfo)
        }
    }

    /// The attachments of these messages, by message id.
    public func attachments(shopID: Shop.ID, messageIDs: [String]) async throws -> [String: [AttachmentInfo]] {
        guard !messageIDs.isEmpty else { return [:] }
        return try await read { db in
            var found: [String: [AttachmentInfo]] = [:]
            for chunk in messageIDs.chunked(into: 500) {
                for row in try await db.raw(
                    """
                    SELECT message_id, id, content_type, size, width, height FROM attachments
                    WHERE shop_id = \(bind: shopID.rawValue) AND message_id IN (\(binds: Array(chunk))) ORDER BY created_at, id
                    """
                ).all() {
                    found[try row.string("message_id"), default: []].append(try Store.attachmentInfo(from: row))
                }
            }
            return found
        }
    }
}
