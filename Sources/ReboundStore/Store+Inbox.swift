public import Foundation
public import ReboundCore
import SQLKit

/// A group of agents with its own queue (`VIP`, `German`, `Returns`).
public struct Team: Sendable, Hashable {
    public var id: String
    public var name: String
    public var memberIDs: [String]
    /// The team's own opening hours (see `BusinessHours`); nil keeps the shop's.
    public var businessHours: JSONValue?

    public init(id: String, name: String, memberIDs: [String] = [], businessHours: JSONValue? = nil) {
        self.id = id
        self.name = name
        self.memberIDs = memberIDs
        self.businessHours = businessHours
    }
}

/// A saved reply with `{{variables}}` (see `MacroText`).
public struct Macro: Sendable, Hashable {
    public var id: String
    public var name: String
    public var body: String
    public var updatedAt: Date

    public init(id: String, name: String, body: String, updatedAt: Date) {
        self.id = id
        self.name = name
        self.body = body
        self.updatedAt = updatedAt
    }
}

/// An agent's availability and load, as the inbox and the assignment see them.
public struct AgentPresence: Sendable, Hashable {
    /// `online`, `away`, `offline`; only online agents get new conversations.
    public enum State: String, Sendable, Hashable, CaseIterable {
        case online, away, offline
    }

    public var agentID: String
    public var name: String
    public var state: State
    public var capacity: Int
    public var openCount: Int
    public var lastSeenAt: Date?
    public var lastAssignedAt: Date?

    /// What `InboxRouter.pickAgent` needs.
    public var load: AgentLoad {
        AgentLoad(agentID: agentID, isOnline: state == .online, openCount: openCount, capacity: capacity, lastAssignedAt: lastAssignedAt)
    }
}

extension Store {
    // MARK: Teams

    public func teams(shopID: Shop.ID) async throws -> [Team] {
        try await read { db in try await Store.teams(shopID: shopID, in: db) }
    }

    static func teams(shopID: Shop.ID, in db: any SQLDatabase) async throws -> [Team] {
        let shop = shopID.rawValue
        let members = try await db.raw("SELECT team_id, agent_id FROM team_members WHERE shop_id = \(bind: shop) ORDER BY agent_id").all()
        var byTeam: [String: [String]] = [:]
        for row in members { byTeam[try row.string("team_id"), default: []].append(try row.string("agent_id")) }
        return try await db.raw("SELECT id, name, business_hours FROM teams WHERE shop_id = \(bind: shop) ORDER BY name, id").all().map { row in
            let id = try row.string("id")
            let hours = try row.optionalString("business_hours").map { try JSONColumn.decode(JSONValue.self, from: $0) }
            return Team(id: id, name: try row.string("name"), memberIDs: byTeam[id] ?? [], businessHours: hours)
        }
    }

    /// Creates a team, or replaces one's name, members and hours; members must be agents of the shop.
    @discardableResult
    public func saveTeam(shopID: Shop.ID, id: String?, name: String, memberIDs: [String], businessHours: JSONValue? = nil, now: Date) async throws
        -> Team
    {
        let shop = shopID.rawValue
        if let businessHours, let problem = BusinessHours.problems(businessHours).first {
            throw StoreError(.invalid, "business_hours.\(problem.field) \(problem.detail)")
        }
        let hours = businessHours.map { JSONColumn.encode($0) }
        // Checked before the transaction: PostgreSQL's client wraps what a transaction's body throws.
        let known = try await read { db in
            Set(try await db.raw("SELECT id FROM agents WHERE shop_id = \(bind: shop) AND disabled_at IS NULL").all().map { try $0.string("id") })
        }
        for member in memberIDs where !known.contains(member) { throw StoreError(.invalid, "agent \(member) is not in this shop") }
        return try await write { db in
            let teamID: String
            if let id {
                guard try await db.raw("SELECT id FROM teams WHERE shop_id = \(bind: shop) AND id = \(bind: id)").first() != nil else {
                    throw StoreError.notFound("team \(id)")
                }
                teamID = id
                try await db.raw(
                    "UPDATE teams SET name = \(bind: name), business_hours = \(bind: hours) WHERE shop_id = \(bind: shop) AND id = \(bind: id)"
                ).run()
                try await db.raw("DELETE FROM team_members WHERE shop_id = \(bind: shop) AND team_id = \(bind: id)").run()
            } else {
                teamID = "team_" + RandomToken.make(byteCount: 9)
                try await db.raw(
                    """
                    INSERT INTO teams (shop_id, id, name, business_hours, created_at)
                    VALUES (\(bind: shop), \(bind: teamID), \(bind: name), \(bind: hours), \(bind: now.epochMilliseconds))
                    """
                ).run()
            }
            for member in Set(memberIDs).sorted() {
                try await db.raw(
                    "INSERT INTO team_members (shop_id, team_id, agent_id) VALUES (\(bind: shop), \(bind: teamID), \(bind: member))"
                ).run()
            }
            return Team(id: teamID, name: name, memberIDs: Set(memberIDs).sorted(), businessHours: businessHours)
        }
    }

    /// Deletes a team; its conversations go back to the shop-wide queue and rules naming it stop routing to it.
    public func deleteTeam(shopID: Shop.ID, id: String) async throws -> Bool {
        let shop = shopID.rawValue
        return try await write { db in
            guard try await db.raw("SELECT id FROM teams WHERE shop_id = \(bind: shop) AND id = \(bind: id)").first() != nil else { return false }
            try await db.raw("DELETE FROM team_members WHERE shop_id = \(bind: shop) AND team_id = \(bind: id)").run()
            try await db.raw("DELETE FROM teams WHERE shop_id = \(bind: shop) AND id = \(bind: id)").run()
            try await db.raw("UPDATE conversations SET team = NULL WHERE shop_id = \(bind: shop) AND team = \(bind: id)").run()
            return true
        }
    }

    // MARK: Macros

    public func macros(shopID: Shop.ID) async throws -> [Macro] {
        try await read { db in
            try await db.raw("SELECT id, name, body, updated_at FROM macros WHERE shop_id = \(bind: shopID.rawValue) ORDER BY name, id").all().map {
                Macro(id: try $0.string("id"), name: try $0.string("name"), body: try $0.string("body"), updatedAt: try $0.date("updated_at"))
            }
        }
    }

    /// Creates a macro (`id` nil) or changes one.
    @discardableResult
    public func saveMacro(shopID: Shop.ID, id: String?, name: String, body: String, now: Date) async throws -> Macro {
        let shop = shopID.rawValue
        return try await write { db in
            if let id {
                guard try await db.raw("SELECT id FROM macros WHERE shop_id = \(bind: shop) AND id = \(bind: id)").first() != nil else {
                    throw StoreError.notFound("macro \(id)")
                }
                try await db.raw(
                    """
                    UPDATE macros SET name = \(bind: name), body = \(bind: body), updated_at = \(bind: now.epochMilliseconds)
                    WHERE shop_id = \(bind: shop) AND id = \(bind: id)
                    """
                ).run()
                return Macro(id: id, name: name, body: body, updatedAt: now)
            }
            let macro = Macro(id: "mac_" + RandomToken.make(byteCount: 9), name: name, body: body, updatedAt: now)
            try await db.raw(
                """
                INSERT INTO macros (shop_id, id, name, body, updated_at)
                VALUES (\(bind: shop), \(bind: macro.id), \(bind: name), \(bind: body), \(bind: now.epochMilliseconds))
                """
            ).run()
            return macro
        }
    }

    public func deleteMacro(shopID: Shop.ID, id: String) async throws -> Bool {
        try await write { db in
            let shop = shopID.rawValue
            guard try await db.raw("SELECT id FROM macros WHERE shop_id = \(bind: shop) AND id = \(bind: id)").first() != nil else { return false }
            try await db.raw("DELETE FROM macros WHERE shop_id = \(bind: shop) AND id = \(bind: id)").run()
            return true
        }
    }

    // MARK: Routing rules

    /// The shop's rules in the order they are tried.
    public func routingRules(shopID: Shop.ID) async throws -> [RoutingRule] {
        try await read { db in try await Store.routingRules(shopID: shopID, in: db) }
    }

    static func routingRules(shopID: Shop.ID, in db: any SQLDatabase) async throws -> [RoutingRule] {
        try await db.raw("SELECT rule FROM routing_rules WHERE shop_id = \(bind: shopID.rawValue) ORDER BY position, id").all().map {
            try JSONColumn.decode(RoutingRule.self, from: try $0.string("rule"))
        }
    }

    /// Adds a rule after the others; its `id` is replaced by a new one, its team must be one of the shop's.
    @discardableResult
    public func addRoutingRule(shopID: Shop.ID, _ rule: RoutingRule, now: Date) async throws -> RoutingRule {
        let shop = shopID.rawValue
        if let team = rule.teamID {
            let exists = try await read { db in
                try await db.raw("SELECT id FROM teams WHERE shop_id = \(bind: shop) AND id = \(bind: team)").first() != nil
            }
            // Checked before the transaction: PostgreSQL's client wraps what a transaction's body throws.
            guard exists else { throw StoreError(.invalid, "team \(team) is not in this shop") }
        }
        return try await write { db in
            var stored = rule
            stored.id = "rr_" + RandomToken.make(byteCount: 9)
            let last = try await db.raw("SELECT MAX(position) AS p FROM routing_rules WHERE shop_id = \(bind: shop)").first()?.optionalInt("p")
            try await db.raw(
                """
                INSERT INTO routing_rules (shop_id, id, position, rule, updated_at)
                VALUES (\(bind: shop), \(bind: stored.id), \(bind: (last ?? 0) + 1), \(bind: JSONColumn.encode(stored)), \(bind: now.epochMilliseconds))
                """
            ).run()
            return stored
        }
    }

    public func deleteRoutingRule(shopID: Shop.ID, id: String) async throws -> Bool {
        try await write { db in
            let shop = shopID.rawValue
            guard try await db.raw("SELECT id FROM routing_rules WHERE shop_id = \(bind: shop) AND id = \(bind: id)").first() != nil else {
                return false
            }
            try await db.raw("DELETE FROM routing_rules WHERE shop_id = \(bind: shop) AND id = \(bind: id)").run()
            return true
        }
    }

    // MARK: Presence

    /// Every agent of the shop with their presence and open conversations.
    public func agentPresence(shopID: Shop.ID) async throws -> [AgentPresence] {
        try await read { db in try await Store.agentPresence(shopID: shopID, teamID: nil, in: db) }
    }

    static func agentPresence(shopID: Shop.ID, teamID: String?, in db: any SQLDatabase) async throws -> [AgentPresence] {
        let shop = shopID.rawValue
        var query = SQLQueryString(
            """
            SELECT a.id, a.name, a.presence, a.capacity, a.last_seen_at, a.last_assigned_at,
                (SELECT COUNT(*) FROM conversations c WHERE c.shop_id = a.shop_id AND c.assignee = a.id AND c.status = 'open') AS open_count
            FROM agents a WHERE a.shop_id = \(bind: shop) AND a.disabled_at IS NULL
            """
        )
        if let teamID {
            query += " AND a.id IN (SELECT agent_id FROM team_members WHERE shop_id = \(bind: shop) AND team_id = \(bind: teamID))"
        }
        query += " ORDER BY a.name, a.id"
        return try await db.raw(query).all().map { row in
            AgentPresence(
                agentID: try row.string("id"),
                name: try row.string("name"),
                state: AgentPresence.State(rawValue: try row.string("presence")) ?? .offline,
                capacity: Int(try row.int("capacity")),
                openCount: Int(try row.int("open_count")),
                lastSeenAt: try row.optionalDate("last_seen_at"),
                lastAssignedAt: try row.optionalDate("last_assigned_at")
            )
        }
    }

    /// Sets an agent's presence (and capacity, if given); an agent coming online takes waiting conversations.
    public func setPresence(shopID: Shop.ID, agentID: String, state: AgentPresence.State, capacity: Int? = nil, now: Date) async throws {
        try await write { db in
            try await db.raw(
                """
                UPDATE agents SET presence = \(bind: state.rawValue), last_seen_at = \(bind: now.epochMilliseconds)
                WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: agentID)
                """
            ).run()
            if let capacity {
                try await db.raw(
                    "UPDATE agents SET capacity = \(bind: Int64(capacity)) WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: agentID)"
                ).run()
            }
        }
        try await assignWaiting(shopID: shopID, now: now)
    }
}
