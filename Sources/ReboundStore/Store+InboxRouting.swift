public import Foundation
public import ReboundCore
import SQLKit

/// What the inbox list asks for.
public struct InboxFilter: Sendable, Hashable {
    public var status: String?
    /// An agent's id, or `none` for unassigned conversations.
    public var assignee: String?
    public var team: String?
    public var tag: String?
    /// Matched against the customer's name and email, the subject and every message's text.
    public var query: String?
    public var limit: Int

    public init(status: String? = nil, assignee: String? = nil, team: String? = nil, tag: String? = nil, query: String? = nil, limit: Int = 200) {
        self.status = status
        self.assignee = assignee
        self.team = team
        self.tag = tag
        self.query = query
        self.limit = limit
    }
}

/// A change to a conversation's inbox state; nil fields stay as they are.
public struct ConversationPatch: Sendable, Hashable {
    /// `.some(nil)` unassigns.
    public var assignee: String??
    /// `.some(nil)` moves it to the shop-wide queue.
    public var team: String??
    /// Replaces the tags.
    public var tags: [String]?
    public var addTags: [String] = []
    public var removeTags: [String] = []
    /// `open`, `pending`, `snoozed`, `resolved`.
    public var status: String?
    /// With status `snoozed`: when it opens again.
    public var snoozedUntil: Date?

    public init(
        assignee: String?? = nil,
        team: String?? = nil,
        tags: [String]? = nil,
        addTags: [String] = [],
        removeTags: [String] = [],
        status: String? = nil,
        snoozedUntil: Date? = nil
    ) {
        self.assignee = assignee
        self.team = team
        self.tags = tags
        self.addTags = addTags
        self.removeTags = removeTags
        self.status = status
        self.snoozedUntil = snoozedUntil
    }
}

extension Store {
    static let conversationStatuses = ["open", "pending", "snoozed", "resolved"]

    /// Routes a conversation just created or reopened: the shop's rules pick team and priority, then the least busy
    /// online agent of that team with room takes it; with nobody free it waits unassigned in the team's queue.
    static func route(_ conversation: Conversation, shopID: Shop.ID, kind: EngineKind, now: Date, in db: any SQLDatabase) async throws
        -> Conversation
    {
        let shop = shopID.rawValue
        try await lockAssignment(shopID: shopID, kind: kind, in: db)
        var facts = RoutingFacts(channel: conversation.channel, intent: conversation.intent, language: conversation.language)
        if let customerID = conversation.customerID,
            let row = try await db.raw("SELECT locale, tags FROM customers WHERE shop_id = \(bind: shop) AND id = \(bind: customerID.rawValue)")
                .first()
        {
            facts.customerTags = try JSONColumn.decode([String].self, from: try row.string("tags"))
            let locale = try row.optionalString("locale")
            if facts.language == nil { facts.language = locale }
        }
        // The conversation's cart, else the customer's newest open one: the live cart the rules look at.
        var cartQuery = SQLQueryString("SELECT kind, value FROM carts WHERE shop_id = \(bind: shop) AND state IN ('active', 'abandoned') AND ")
        if let cartID = conversation.cartID {
            cartQuery += "id = \(bind: cartID.rawValue)"
        } else if let customerID = conversation.customerID {
            cartQuery += "customer_id = \(bind: customerID.rawValue)"
        } else if let visitor = conversation.visitorID {
            cartQuery += "anonymous_id = \(bind: visitor)"
        } else {
            cartQuery += "1 = 0"
        }
        cartQuery += " ORDER BY updated_at DESC LIMIT 1"
        if let cart = try await db.raw(cartQuery).first() {
            facts.cartValue = try cart.int("value")
            facts.page = try cart.string("kind") == "checkout" ? "checkout" : "cart"
        }
        let decision = InboxRouter.route(facts, rules: try await routingRules(shopID: shopID, in: db))
        var routed = conversation
        routed.team = decision.teamID
        // A rule may still name a team deleted since: that conversation goes to the shop-wide queue.
        if let team = decision.teamID, try await db.raw("SELECT id FROM teams WHERE shop_id = \(bind: shop) AND id = \(bind: team)").first() == nil {
            routed.team = nil
        }
        routed.priority = decision.priority
        routed.language = facts.language
        routed.assignee = nil
        let loads = try await agentPresence(shopID: shopID, teamID: routed.team, in: db).map(\.load)
        routed.assignee = InboxRouter.pickAgent(loads)
        try await db.raw(
            """
            UPDATE conversations SET team = \(bind: routed.team), priority = \(bind: Int64(routed.priority)), language = \(bind: routed.language),
                assignee = \(bind: routed.assignee)
            WHERE shop_id = \(bind: shop) AND id = \(bind: routed.id)
            """
        ).run()
        if let agent = routed.assignee { try await noteAssigned(shopID: shopID, agentID: agent, now: now, in: db) }
        return routed
    }

    /// Routes a conversation again after its intent became known, if no agent has answered it yet and the rules now
    /// send it elsewhere (another team or priority). Its last activity stands in for "now".
    static func rerouteAfterIntent(shopID: Shop.ID, conversationID: String, kind: EngineKind, in db: any SQLDatabase) async throws {
        guard
            let row = try await db.raw(
                "SELECT \(unsafeRaw: Store.conversationColumns) FROM conversations WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: conversationID)"
            ).first()
        else { return }
        let conversation = try Store.conversation(from: row)
        guard conversation.firstResponseAt == nil, conversation.status == "open", let intent = conversation.intent else { return }
        let rules = try await routingRules(shopID: shopID, in: db)
        guard rules.contains(where: { $0.intent?.lowercased() == intent.lowercased() }) else { return }
        _ = try await route(conversation, shopID: shopID, kind: kind, now: conversation.updatedAt, in: db)
    }

    /// Serialises assignment per shop on PostgreSQL, so two processes cannot both give the last free slot away; the
    /// lock ends with the transaction. SQLite has one writer anyway.
    static func lockAssignment(shopID: Shop.ID, kind: EngineKind, in db: any SQLDatabase) async throws {
        guard kind == .postgres else { return }
        try await db.raw("SELECT pg_advisory_xact_lock(7279009, hashtext(\(bind: shopID.rawValue)))").run()
    }

    static func noteAssigned(shopID: Shop.ID, agentID: String, now: Date, in db: any SQLDatabase) async throws {
        try await db.raw(
            "UPDATE agents SET last_assigned_at = \(bind: now.epochMilliseconds) WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: agentID)"
        ).run()
    }

    /// Hands waiting (open, unassigned) conversations to agents with room, highest priority and oldest first. Runs when
    /// an agent comes online or a conversation stops counting against someone's capacity.
    @discardableResult
    public func assignWaiting(shopID: Shop.ID, now: Date) async throws -> Int {
        let kind = kind
        return try await write { db in
            try await Store.lockAssignment(shopID: shopID, kind: kind, in: db)
            let shop = shopID.rawValue
            let waiting = try await db.raw(
                """
                SELECT id, team FROM conversations WHERE shop_id = \(bind: shop) AND status = 'open' AND assignee IS NULL
                ORDER BY priority DESC, created_at, id LIMIT 200
                """
            ).all().map { (id: try $0.string("id"), team: try $0.optionalString("team")) }
            guard !waiting.isEmpty else { return 0 }
            var loads: [String: [AgentLoad]] = [:]
            var assigned = 0
            for conversation in waiting {
                let key = conversation.team ?? ""
                if loads[key] == nil {
                    loads[key] = try await Store.agentPresence(shopID: shopID, teamID: conversation.team, in: db).map(\.load)
                }
                guard let agent = InboxRouter.pickAgent(loads[key] ?? []) else { continue }
                try await db.raw(
                    "UPDATE conversations SET assignee = \(bind: agent) WHERE shop_id = \(bind: shop) AND id = \(bind: conversation.id) AND assignee IS NULL"
                ).run()
                try await Store.noteAssigned(shopID: shopID, agentID: agent, now: now, in: db)
                // The same agent may sit in several teams' lists: count the new conversation in each.
                for (team, list) in loads {
                    loads[team] = list.map { load in
                        guard load.agentID == agent else { return load }
                        var busier = load
                        busier.openCount += 1
                        busier.lastAssignedAt = now
                        return busier
                    }
                }
                assigned += 1
            }
            return assigned
        }
    }

    /// Changes assignee, team, tags or status; nil when the shop has no such conversation. The assignee must be an
    /// agent and the team a team of the shop. Moving a conversation off someone's open list lets waiting ones in.
    public func updateConversation(shopID: Shop.ID, id: String, _ patch: ConversationPatch, now: Date) async throws -> Conversation? {
        let shop = shopID.rawValue
        if let status = patch.status, !Store.conversationStatuses.contains(status) {
            throw StoreError(.invalid, "status must be open, pending, snoozed or resolved")
        }
        if patch.status == "snoozed", patch.snoozedUntil == nil { throw StoreError(.invalid, "snoozing needs snoozed_until") }
        // Checked before the transaction: PostgreSQL's client wraps what a transaction's body throws.
        try await read { db in
            if case .some(.some(let agent)) = patch.assignee,
                try await db.raw("SELECT id FROM agents WHERE shop_id = \(bind: shop) AND id = \(bind: agent) AND disabled_at IS NULL").first() == nil
            {
                throw StoreError(.invalid, "agent \(agent) is not in this shop")
            }
            if case .some(.some(let team)) = patch.team,
                try await db.raw("SELECT id FROM teams WHERE shop_id = \(bind: shop) AND id = \(bind: team)").first() == nil
            {
                throw StoreError(.invalid, "team \(team) is not in this shop")
            }
        }
        let updated: Conversation? = try await write { db in
            guard
                let row = try await db.raw(
                    "SELECT \(unsafeRaw: Store.conversationColumns) FROM conversations WHERE shop_id = \(bind: shop) AND id = \(bind: id)"
                ).first()
            else { return nil }
            var conversation = try Store.conversation(from: row)
            if case .some(.some(let agent)) = patch.assignee {
                guard
                    try await db.raw("SELECT id FROM agents WHERE shop_id = \(bind: shop) AND id = \(bind: agent) AND disabled_at IS NULL").first()
                        != nil
                else { throw StoreError(.invalid, "agent \(agent) is not in this shop") }
                if conversation.assignee != agent { try await Store.noteAssigned(shopID: shopID, agentID: agent, now: now, in: db) }
            }
            if case .some(let agent) = patch.assignee { conversation.assignee = agent }
            if case .some(.some(let team)) = patch.team {
                guard try await db.raw("SELECT id FROM teams WHERE shop_id = \(bind: shop) AND id = \(bind: team)").first() != nil
                else { throw StoreError(.invalid, "team \(team) is not in this shop") }
            }
            if case .some(let team) = patch.team { conversation.team = team }
            var tags = patch.tags ?? conversation.tags
            tags += patch.addTags
            tags.removeAll { tag in patch.removeTags.contains { $0.lowercased() == tag.lowercased() } }
            conversation.tags = Store.normalizedTags(tags)
            if let status = patch.status {
                conversation.status = status
                conversation.snoozedUntil = status == "snoozed" ? patch.snoozedUntil : nil
                conversation.resolvedAt = status == "resolved" ? now : nil
            }
            conversation.updatedAt = now
            try await db.raw(
                """
                UPDATE conversations SET assignee = \(bind: conversation.assignee), team = \(bind: conversation.team),
                    tags = \(bind: JSONColumn.encode(conversation.tags)), status = \(bind: conversation.status),
                    snoozed_until = \(bind: conversation.snoozedUntil.ms), resolved_at = \(bind: conversation.resolvedAt.ms),
                    updated_at = \(bind: now.epochMilliseconds)
                WHERE shop_id = \(bind: shop) AND id = \(bind: id)
                """
            ).run()
            return conversation
        }
        guard let updated else { return nil }
        if patch.status != nil || patch.assignee != nil || patch.team != nil {
            try await assignWaiting(shopID: shopID, now: now)
            return try await conversation(shopID: shopID, id: id)
        }
        return updated
    }

    /// Tags trimmed, lower-cased, at most 40 characters, without repeats, in their order.
    static func normalizedTags(_ tags: [String]) -> [String] {
        var seen: Set<String> = []
        return tags.compactMap { raw in
            let tag = String(raw.trimmingCharacters(in: .whitespacesAndNewlines).lowercased().prefix(40))
            guard !tag.isEmpty, seen.insert(tag).inserted else { return nil }
            return tag
        }
    }

    /// Shops with a snoozed conversation whose time has come: the service-level worker wakes them.
    public func shopsWithDueSnoozes(now: Date) async throws -> [Shop.ID] {
        try await read { db in
            try await db.raw(
                """
                SELECT DISTINCT shop_id FROM conversations WHERE status = 'snoozed' AND snoozed_until IS NOT NULL
                    AND snoozed_until <= \(bind: now.epochMilliseconds) ORDER BY shop_id LIMIT 1000
                """
            ).all().map { Shop.ID(try $0.string("shop_id")) }
        }
    }

    /// Opens snoozed conversations whose time has come.
    @discardableResult
    public func wakeSnoozed(shopID: Shop.ID, now: Date) async throws -> Int {
        let due = try await read { db in
            try await db.raw(
                """
                SELECT id FROM conversations WHERE shop_id = \(bind: shopID.rawValue) AND status = 'snoozed'
                    AND snoozed_until IS NOT NULL AND snoozed_until <= \(bind: now.epochMilliseconds)
                """
            ).all().map { try $0.string("id") }
        }
        guard !due.isEmpty else { return 0 }
        try await write { db in
            for id in due {
                try await db.raw(
                    """
                    UPDATE conversations SET status = 'open', snoozed_until = NULL, updated_at = \(bind: now.epochMilliseconds)
                    WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id) AND status = 'snoozed'
                    """
                ).run()
            }
        }
        try await assignWaiting(shopID: shopID, now: now)
        return due.count
    }

    /// The inbox list: conversations matching the filter, newest first (the caller sorts by SLA).
    public func inboxConversations(shopID: Shop.ID, _ filter: InboxFilter) async throws -> [Conversation] {
        try await read { db in
            var query = SQLQueryString(
                "SELECT \(unsafeRaw: Store.conversationColumns) FROM conversations c WHERE c.shop_id = \(bind: shopID.rawValue)"
            )
            query += Store.inboxConditions(filter)
            if let status = filter.status { query += " AND c.status = \(bind: status)" }
            query += " ORDER BY c.updated_at DESC, c.id LIMIT \(bind: filter.limit)"
            return try await db.raw(query).all().map(Store.conversation(from:))
        }
    }

    /// Conversations per status under the same filter (status aside), for the tab counts.
    public func inboxCounts(shopID: Shop.ID, _ filter: InboxFilter) async throws -> [String: Int] {
        try await read { db in
            var query = SQLQueryString("SELECT c.status, COUNT(*) AS n FROM conversations c WHERE c.shop_id = \(bind: shopID.rawValue)")
            query += Store.inboxConditions(filter)
            query += " GROUP BY c.status"
            var counts: [String: Int] = [:]
            for row in try await db.raw(query).all() { counts[try row.string("status")] = Int(try row.int("n")) }
            return counts
        }
    }

    static func likePattern(_ text: String) -> String {
        let escaped = text.lowercased().replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
        return "%" + escaped + "%"
    }

    static func inboxConditions(_ filter: InboxFilter) -> SQLQueryString {
        var query = SQLQueryString("")
        if let assignee = filter.assignee {
            if assignee == "none" {
                query += " AND c.assignee IS NULL"
            } else {
                query += " AND c.assignee = \(bind: assignee)"
            }
        }
        if let team = filter.team { query += " AND c.team = \(bind: team)" }
        if let tag = filter.tag {
            // Tags are a JSON array of lower-case strings: look for the quoted tag.
            query += " AND c.tags LIKE \(bind: likePattern("\"" + tag.lowercased() + "\"")) ESCAPE '\\'"
        }
        if let text = filter.query?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            let pattern = likePattern(text)
            query += """
                 AND (LOWER(COALESCE(c.subject, '')) LIKE \(bind: pattern) ESCAPE '\\'
                    OR EXISTS (SELECT 1 FROM customers u WHERE u.shop_id = c.shop_id AND u.id = c.customer_id
                        AND (LOWER(COALESCE(u.email, '')) LIKE \(bind: pattern) ESCAPE '\\'
                            OR LOWER(COALESCE(u.first_name, '') || ' ' || COALESCE(u.last_name, '')) LIKE \(bind: pattern) ESCAPE '\\'))
                    OR EXISTS (SELECT 1 FROM conversation_messages m WHERE m.shop_id = c.shop_id AND m.conversation_id = c.id
                        AND LOWER(m.body) LIKE \(bind: pattern) ESCAPE '\\'))
                """
        }
        return query
    }
}
