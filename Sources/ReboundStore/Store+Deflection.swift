public import Foundation
public import ReboundCore
import SQLKit

/// Conversations the bot resolved on its own, per intent, over a period.
public struct DeflectionRow: Sendable, Hashable {
    /// The conversation's intent; empty when it was never tagged.
    public var intent: String
    /// Conversations resolved in the period.
    public var resolved: Int
    /// Resolved with a bot reply, no human reply, and no shopper message within 24 h after.
    public var deflected: Int
    /// Resolved by the bot less than 24 h ago: not counted either way yet.
    public var pending: Int

    public init(intent: String, resolved: Int, deflected: Int, pending: Int) {
        self.intent = intent
        self.resolved = resolved
        self.deflected = deflected
        self.pending = pending
    }

    /// `deflected` among the resolved conversations that are past their 24 h; nil when there are none.
    public var rate: Double? {
        let judged = resolved - pending
        return judged > 0 ? Double(deflected) / Double(judged) : nil
    }
}

extension Store {
    /// How long a conversation must stay quiet after it was resolved to count as deflected.
    public static let deflectionQuietPeriod: TimeInterval = 24 * 3_600

    /// Deflection per intent over conversations resolved in `[from, to)`, judged at `now`.
    public func deflection(shopID: Shop.ID, from: Date, to: Date, now: Date) async throws -> [DeflectionRow] {
        let quiet = Int64(Store.deflectionQuietPeriod * 1_000)
        let rows = try await read { db in
            try await db.raw(
                """
                SELECT c.intent, c.resolved_at,
                    CASE WHEN EXISTS (SELECT 1 FROM conversation_messages m WHERE m.shop_id = c.shop_id AND m.conversation_id = c.id
                        AND m.author = 'bot') THEN 1 ELSE 0 END AS by_bot,
                    CASE WHEN EXISTS (SELECT 1 FROM conversation_messages m WHERE m.shop_id = c.shop_id AND m.conversation_id = c.id
                        AND m.author = 'agent') THEN 1 ELSE 0 END AS by_human,
                    CASE WHEN EXISTS (SELECT 1 FROM conversation_messages m WHERE m.shop_id = c.shop_id AND m.conversation_id = c.id
                        AND m.author = 'shopper' AND m.created_at > c.resolved_at AND m.created_at <= c.resolved_at + \(bind: quiet))
                        THEN 1 ELSE 0 END AS reopened
                FROM conversations c WHERE c.shop_id = \(bind: shopID.rawValue) AND c.resolved_at IS NOT NULL
                    AND c.resolved_at >= \(bind: from.epochMilliseconds) AND c.resolved_at < \(bind: to.epochMilliseconds)
                """
            ).all().map { row in
                (
                    intent: try row.optionalString("intent") ?? "", resolvedAt: try row.date("resolved_at"), bot: try row.int("by_bot") != 0,
                    human: try row.int("by_human") != 0, reopened: try row.int("reopened") != 0
                )
            }
        }
        var byIntent: [String: DeflectionRow] = [:]
        for row in rows {
            var entry = byIntent[row.intent] ?? DeflectionRow(intent: row.intent, resolved: 0, deflected: 0, pending: 0)
            entry.resolved += 1
            if row.bot, !row.human, !row.reopened {
                if now.timeIntervalSince(row.resolvedAt) < Store.deflectionQuietPeriod {
                    entry.pending += 1
                } else {
                    entry.deflected += 1
                }
            }
            byIntent[row.intent] = entry
        }
        return byIntent.values.sorted { $0.intent < $1.intent }
    }

    /// Tags a conversation with the intent of its first shopper message (ticket categorisation). While no agent has
    /// answered, routing runs again: rules on the intent can only match once it is known.
    public func setConversationIntent(shopID: Shop.ID, conversationID: String, intent: String?) async throws {
        let engine = kind
        try await write { db in
            try await db.raw(
                "UPDATE conversations SET intent = \(bind: intent) WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: conversationID)"
            ).run()
            try await Store.rerouteAfterIntent(shopID: shopID, conversationID: conversationID, kind: engine, in: db)
        }
    }

    /// The first message the shopper wrote in a conversation.
    public func firstShopperMessage(shopID: Shop.ID, conversationID: String) async throws -> ConversationMessage? {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.conversationMessageColumns) FROM conversation_messages WHERE shop_id = \(bind: shopID.rawValue)
                    AND conversation_id = \(bind: conversationID) AND author = 'shopper' ORDER BY seq LIMIT 1
                """
            ).first().map(Store.conversationMessage(from:))
        }
    }

    /// Marks a conversation resolved at `now` (by the bot, an agent or the shopper).
    public func resolveConversation(shopID: Shop.ID, conversationID: String, now: Date) async throws {
        try await write { db in
            let rows = try await db.raw(
                """
                UPDATE conversations SET status = 'resolved', resolved_at = \(bind: now.epochMilliseconds), updated_at = \(bind: now.epochMilliseconds)
                WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: conversationID) RETURNING id
                """
            ).all()
            guard !rows.isEmpty else { throw StoreError.notFound("conversation \(conversationID)") }
        }
    }
}
