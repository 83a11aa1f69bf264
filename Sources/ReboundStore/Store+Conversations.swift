public import Foundation
public import ReboundCore
import SQLKit

/// A thread with one shopper on one channel (chat, email, SMS, social), as the inbox shows it.
public struct Conversation: Sendable, Hashable {
    public var id: String
    public var customerID: Customer.ID?
    public var visitorID: String?
    /// `chat`, `email`, `sms`, `messenger`, `instagram`, `whatsapp`.
    public var channel: String
    /// `open`, `pending`, `snoozed`, `resolved`.
    public var status: String
    public var subject: String?
    public var cartID: Cart.ID?
    public var intent: String?
    /// The assigned agent's id.
    public var assignee: String?
    /// The team's id whose queue it is in.
    public var team: String?
    public var priority: Int
    /// The newest message's sequence number: a reconnecting client asks for everything after the one it saw.
    public var lastSeq: Int64
    public var externalThread: String?
    public var createdAt: Date
    public var updatedAt: Date
    public var firstResponseAt: Date?
    public var resolvedAt: Date?
    public var tags: [String] = []
    /// A snoozed conversation opens again at this time.
    public var snoozedUntil: Date?
    /// When the shopper's latest unanswered message must be answered by (after the first response).
    public var nextResponseDueAt: Date?
    /// The customer's language when it was opened (`de`, `en-GB`).
    public var language: String?
}

/// One message in a conversation, numbered 1, 2, 3… within it.
public struct ConversationMessage: Sendable, Hashable {
    public var seq: Int64
    public var id: String
    /// `shopper`, `agent`, `bot`, `note` (internal), `system`.
    public var author: String
    public var authorName: String?
    public var body: String
    public var channel: String
    /// The provider's id (email Message-ID, SMS sid): the same inbound message is stored once.
    public var externalID: String?
    /// The sender's own id for a chat message, so a resent message is stored once.
    public var clientID: String?
    public var createdAt: Date
}

/// Which conversation a new message belongs to.
public enum ConversationTarget: Sendable, Hashable {
    case existing(id: String)
    /// The shopper's newest unresolved conversation on `channel` (matched by thread, else customer, else visitor),
    /// or a new one.
    case find(channel: String, customerID: Customer.ID?, visitorID: String?, externalThread: String?, subject: String?, cartID: Cart.ID?)
}

extension Store {
    static let conversationColumns = """
        id, customer_id, visitor_id, channel, status, subject, cart_id, intent, assignee, team, priority, last_seq, external_thread,
        created_at, updated_at, first_response_at, resolved_at, tags, snoozed_until, next_response_due_at, language
        """

    static func conversation(from row: any SQLRow) throws -> Conversation {
        Conversation(
            id: try row.string("id"),
            customerID: try row.optionalString("customer_id").map { Customer.ID($0) },
            visitorID: try row.optionalString("visitor_id"),
            channel: try row.string("channel"),
            status: try row.string("status"),
            subject: try row.optionalString("subject"),
            cartID: try row.optionalString("cart_id").map { Cart.ID($0) },
            intent: try row.optionalString("intent"),
            assignee: try row.optionalString("assignee"),
            team: try row.optionalString("team"),
            priority: Int(try row.int("priority")),
            lastSeq: try row.int("last_seq"),
            externalThread: try row.optionalString("external_thread"),
            createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"),
            firstResponseAt: try row.optionalDate("first_response_at"),
            resolvedAt: try row.optionalDate("resolved_at"),
            tags: try JSONColumn.decode([String].self, from: try row.string("tags")),
            snoozedUntil: try row.optionalDate("snoozed_until"),
            nextResponseDueAt: try row.optionalDate("next_response_due_at"),
            language: try row.optionalString("language")
        )
    }

    static let conversationMessageColumns = "seq, id, author, author_name, body, channel, external_id, client_id, created_at"

    static func conversationMessage(from row: any SQLRow) throws -> ConversationMessage {
        ConversationMessage(
            seq: try row.int("seq"),
            id: try row.string("id"),
            author: try row.string("author"),
            authorName: try row.optionalString("author_name"),
            body: try row.string("body"),
            channel: try row.string("channel"),
            externalID: try row.optionalString("external_id"),
            clientID: try row.optionalString("client_id"),
            createdAt: try row.date("created_at")
        )
    }

    /// Adds a message to a conversation (finding or opening it), numbered after the last; an inbound message seen
    /// before (same external id, or same client id in the conversation) is not stored twice and its earlier copy is
    /// returned. A shopper writing into a resolved conversation reopens it.
    public func appendConversationMessage(
        shopID: Shop.ID,
        to target: ConversationTarget,
        author: String,
        authorName: String?,
        body: String,
        externalID: String? = nil,
        clientID: String? = nil,
        now: Date
    ) async throws -> (conversation: Conversation, message: ConversationMessage, isNew: Bool) {
        let shop = shopID.rawValue
        let lock = kind == .postgres ? " FOR UPDATE" : ""
        let engine = kind
        return try await write { db in
            if let externalID,
                let row = try await db.raw(
                    "SELECT conversation_id, \(unsafeRaw: Store.conversationMessageColumns) FROM conversation_messages WHERE shop_id = \(bind: shop) AND external_id = \(bind: externalID)"
                ).first(),
                let conversation = try await db.raw(
                    "SELECT \(unsafeRaw: Store.conversationColumns) FROM conversations WHERE shop_id = \(bind: shop) AND id = \(bind: try row.string("conversation_id"))"
                ).first()
            {
                return (try Store.conversation(from: conversation), try Store.conversationMessage(from: row), false)
            }
            var conversation: Conversation
            var opened = false
            switch target {
            case .existing(let id):
                guard
                    let row = try await db.raw(
                        "SELECT \(unsafeRaw: Store.conversationColumns) FROM conversations WHERE shop_id = \(bind: shop) AND id = \(bind: id)\(unsafeRaw: lock)"
                    ).first()
                else { throw StoreError.notFound("conversation \(id)") }
                conversation = try Store.conversation(from: row)
            case .find(let channel, let customerID, let visitorID, let thread, let subject, let cartID):
                var query = SQLQueryString(
                    "SELECT \(unsafeRaw: Store.conversationColumns) FROM conversations WHERE shop_id = \(bind: shop) AND channel = \(bind: channel) AND status <> 'resolved' AND ("
                )
                query += "1 = 0"
                if let thread { query += " OR external_thread = \(bind: thread)" }
                if let customerID { query += " OR customer_id = \(bind: customerID.rawValue)" }
                if let visitorID { query += " OR visitor_id = \(bind: visitorID)" }
                query += ") ORDER BY updated_at DESC LIMIT 1\(unsafeRaw: lock)"
                if let row = try await db.raw(query).first() {
                    conversation = try Store.conversation(from: row)
                } else {
                    conversation = Conversation(
                        id: "cv_" + RandomToken.make(byteCount: 12),
                        customerID: customerID,
                        visitorID: visitorID,
                        channel: channel,
                        status: "open",
                        subject: subject,
                        cartID: cartID,
                        intent: nil,
                        assignee: nil,
                        team: nil,
                        priority: 0,
                        lastSeq: 0,
                        externalThread: thread,
                        createdAt: now,
                        updatedAt: now,
                        firstResponseAt: nil,
                        resolvedAt: nil
                    )
                    try await db.raw(
                        """
                        INSERT INTO conversations (shop_id, id, customer_id, visitor_id, channel, status, subject, cart_id, priority, last_seq,
                            external_thread, created_at, updated_at)
                        VALUES (\(bind: shop), \(bind: conversation.id), \(bind: customerID?.rawValue), \(bind: visitorID), \(bind: channel), 'open',
                            \(bind: subject), \(bind: cartID?.rawValue), 0, 0, \(bind: thread), \(bind: now.epochMilliseconds), \(bind: now.epochMilliseconds))
                        """
                    ).run()
                    opened = true
                }
            }
            if let clientID,
                let row = try await db.raw(
                    """
                    SELECT \(unsafeRaw: Store.conversationMessageColumns) FROM conversation_messages WHERE shop_id = \(bind: shop)
                        AND conversation_id = \(bind: conversation.id) AND client_id = \(bind: clientID)
                    """
                ).first()
            {
                return (conversation, try Store.conversationMessage(from: row), false)
            }
            let message = ConversationMessage(
                seq: conversation.lastSeq + 1,
                id: "cm_" + RandomToken.make(byteCount: 12),
                author: author,
                authorName: authorName,
                body: body,
                channel: conversation.channel,
                externalID: externalID,
                clientID: clientID,
                createdAt: now
            )
            try await db.raw(
                """
                INSERT INTO conversation_messages (shop_id, conversation_id, seq, id, author, author_name, body, channel, external_id, client_id, created_at)
                VALUES (\(bind: shop), \(bind: conversation.id), \(bind: message.seq), \(bind: message.id), \(bind: author), \(bind: authorName),
                    \(bind: body), \(bind: message.channel), \(bind: externalID), \(bind: clientID), \(bind: now.epochMilliseconds))
                """
            ).run()
            conversation.lastSeq = message.seq
            conversation.updatedAt = now
            if author == "shopper", conversation.status == "resolved" {
                conversation.status = "open"
                opened = true
            }
            if author == "agent", conversation.firstResponseAt == nil { conversation.firstResponseAt = now }
            // The next-response clock starts at the shopper's first unanswered message and stops at the agent's answer.
            if author == "shopper", conversation.firstResponseAt != nil, conversation.nextResponseDueAt == nil {
                let schedule = try await Store.serviceSchedule(shopID: shopID, in: db)
                conversation.nextResponseDueAt = schedule.responseDue(conversation, from: now)
            }
            if author == "agent" { conversation.nextResponseDueAt = nil }
            try await db.raw(
                """
                UPDATE conversations SET last_seq = \(bind: message.seq), updated_at = \(bind: now.epochMilliseconds), status = \(bind: conversation.status),
                    first_response_at = \(bind: conversation.firstResponseAt.ms), next_response_due_at = \(bind: conversation.nextResponseDueAt.ms)
                WHERE shop_id = \(bind: shop) AND id = \(bind: conversation.id)
                """
            ).run()
            // The one place conversations are created and reopened: every channel is routed here.
            if opened { conversation = try await Store.route(conversation, shopID: shopID, kind: engine, now: now, in: db) }
            return (conversation, message, true)
        }
    }

    public func conversation(shopID: Shop.ID, id: String) async throws -> Conversation? {
        try await read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Store.conversationColumns) FROM conversations WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)"
            ).first().map(Store.conversation(from:))
        }
    }

    /// Messages after `afterSeq`, in order: what a reconnecting client missed.
    public func conversationMessages(shopID: Shop.ID, conversationID: String, afterSeq: Int64 = 0, limit: Int = 500) async throws
        -> [ConversationMessage]
    {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.conversationMessageColumns) FROM conversation_messages WHERE shop_id = \(bind: shopID.rawValue)
                    AND conversation_id = \(bind: conversationID) AND seq > \(bind: afterSeq) ORDER BY seq LIMIT \(bind: limit)
                """
            ).all().map(Store.conversationMessage(from:))
        }
    }

    public func conversations(
        shopID: Shop.ID,
        status: String?,
        customerID: Customer.ID? = nil,
        visitorID: String? = nil,
        limit: Int
    ) async throws -> [Conversation] {
        try await read { db in
            var query = SQLQueryString("SELECT \(unsafeRaw: Store.conversationColumns) FROM conversations WHERE shop_id = \(bind: shopID.rawValue)")
            if let status { query += " AND status = \(bind: status)" }
            if let customerID { query += " AND customer_id = \(bind: customerID.rawValue)" }
            if let visitorID { query += " AND visitor_id = \(bind: visitorID)" }
            query += " ORDER BY updated_at DESC, id LIMIT \(bind: limit)"
            return try await db.raw(query).all().map(Store.conversation(from:))
        }
    }
}

extension Store {
    /// Moves a conversation to `status` (`open`, `pending`, `snoozed`, `resolved`); resolving stamps the time. Use
    /// `updateConversation` to snooze until a time.
    public func setConversationStatus(shopID: Shop.ID, id: String, status: String, now: Date) async throws -> Conversation? {
        try await write { db in
            try await db.raw(
                """
                UPDATE conversations SET status = \(bind: status), updated_at = \(bind: now.epochMilliseconds),
                    resolved_at = CASE WHEN \(bind: status) = 'resolved' THEN \(bind: now.epochMilliseconds) ELSE NULL END
                WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)
                """
            ).run()
        }
        // Leaving `open` frees the assignee's capacity for a waiting conversation.
        if status != "open" { try await assignWaiting(shopID: shopID, now: now) }
        return try await conversation(shopID: shopID, id: id)
    }
}

extension Store {
    /// Puts an agent's reply to an email or SMS conversation into the outbox: template `reply`, and in `detail` a JSON
    /// object with the text, the conversation, its subject and the email thread to answer.
    public func queueReply(shopID: Shop.ID, conversation: Conversation, message: ConversationMessage, now: Date) async throws {
        let subject = conversation.subject.map { $0.lowercased().hasPrefix("re:") ? $0 : "Re: " + $0 } ?? "Re: your message"
        let detail: JSONValue = .object([
            "text": .string(message.body), "conversation_id": .string(conversation.id), "subject": .string(subject),
            "in_reply_to": conversation.externalThread.map(JSONValue.string) ?? .null,
        ])
        var record = MessageRecord(
            id: "msg_" + RandomToken.make(byteCount: 12),
            key: "reply:" + message.id,
            runID: nil,
            flowID: nil,
            flowVersion: nil,
            step: nil,
            variant: nil,
            channel: conversation.channel,
            template: "reply",
            status: "intended",
            customerID: conversation.customerID,
            // SMS threads are the phone number; social threads are "platform:sender id".
            // An email sender who is not a customer is known by the address alone (the conversation's visitor id).
            recipient: conversation.channel == "email"
                ? (conversation.customerID == nil ? conversation.visitorID : nil) : conversation.externalThread,
            cartID: conversation.cartID,
            detail: detail.jsonText,
            scheduledAt: now,
            sentAt: nil
        )
        record.dispatchAt = now
        let queued = record
        try await write { db in _ = try await Store.logMessage(queued, shopID: shopID, now: now, in: db) }
    }
}

extension Store {
    /// Where a page of ``conversationsAwaitingAnswer(createdBefore:withoutAlert:after:limit:)`` ended.
    public struct AwaitingPosition: Sendable {
        public var createdAt: Date
        public var shopID: Shop.ID
        public var id: String

        public init(createdAt: Date, shopID: Shop.ID, id: String) {
            self.createdAt = createdAt
            self.shopID = shopID
            self.id = id
        }
    }

    /// Unresolved conversations of every shop still waiting for a first answer and not yet alerted for `kind`, oldest
    /// first, a page at a time from `after`: the SLA watch list. Alerted ones are left out, so a backlog of them
    /// cannot hide newer conversations from the watch.
    public func conversationsAwaitingAnswer(
        createdBefore: Date,
        withoutAlert kind: String = "first_response",
        after: AwaitingPosition? = nil,
        limit: Int
    ) async throws -> [(shopID: Shop.ID, conversation: Conversation)] {
        try await read { db in
            var query: SQLQueryString = """
                SELECT shop_id, \(unsafeRaw: Store.conversationColumns) FROM conversations c
                WHERE first_response_at IS NULL AND status <> 'resolved' AND created_at <= \(bind: createdBefore.epochMilliseconds)
                AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.shop_id = c.shop_id AND m.key = \(bind: "sla:\(kind):") || c.id)
                """
            if let after {
                let at = after.createdAt.epochMilliseconds
                query += """
                     AND (created_at > \(bind: at) OR (created_at = \(bind: at) AND (shop_id > \(bind: after.shopID.rawValue)
                    OR (shop_id = \(bind: after.shopID.rawValue) AND id > \(bind: after.id)))))
                    """
            }
            query += " ORDER BY created_at, shop_id, id LIMIT \(bind: limit)"
            return try await db.raw(query).all().map { (Shop.ID(try $0.string("shop_id")), try Store.conversation(from: $0)) }
        }
    }

    /// Logs a Slack alert for a breached target once per conversation and kind (the dispatcher sends it).
    @discardableResult
    public func queueServiceLevelAlert(shopID: Shop.ID, conversation: Conversation, kind: String, waited: TimeInterval, now: Date) async throws
        -> Bool
    {
        var record = MessageRecord(
            id: "msg_" + RandomToken.make(byteCount: 12),
            key: "sla:\(kind):\(conversation.id)",
            runID: nil,
            flowID: nil,
            flowVersion: nil,
            step: nil,
            variant: nil,
            channel: "slack",
            template: "sla_breach",
            status: "intended",
            customerID: conversation.customerID,
            recipient: nil,
            cartID: conversation.cartID,
            detail: JSONValue.object([
                "conversation_id": .string(conversation.id), "channel": .string(conversation.channel), "kind": .string(kind),
                "waited_seconds": .int(Int64(waited)),
            ]).jsonText,
            scheduledAt: now,
            sentAt: nil
        )
        record.dispatchAt = now
        let queued = record
        return try await write { db in try await Store.logMessage(queued, shopID: shopID, now: now, in: db) }
    }
}
