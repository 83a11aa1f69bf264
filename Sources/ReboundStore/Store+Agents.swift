public import Foundation
public import ReboundCore
import SQLKit

/// A person who signs in to `/admin` for one shop.
public struct Agent: Sendable, Hashable {
    /// `admin` manages the shop's settings, agents and segments; `agent` works the inbox and reads reports.
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case admin, agent
    }

    public var shopID: Shop.ID
    public var id: String
    /// Lower-cased; unique on the server.
    public var email: String
    public var name: String
    public var role: Role
    /// A bcrypt hash (`$2b$…`), never the password.
    public var passwordHash: String
    public var createdAt: Date
    public var lastLoginAt: Date?

    public init(
        shopID: Shop.ID,
        id: String,
        email: String,
        name: String,
        role: Role,
        passwordHash: String,
        createdAt: Date,
        lastLoginAt: Date? = nil
    ) {
        self.shopID = shopID
        self.id = id
        self.email = email
        self.name = name
        self.role = role
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
    }
}

/// A signed-in browser: found by the SHA-256 of its cookie token.
public struct AdminSession: Sendable, Hashable {
    public var tokenHash: String
    public var shopID: Shop.ID
    public var agentID: String
    /// Sent back with every POST (`_csrf` field or `X-CSRF-Token` header).
    public var csrfToken: String
    public var createdAt: Date
    public var expiresAt: Date

    public init(tokenHash: String, shopID: Shop.ID, agentID: String, csrfToken: String, createdAt: Date, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.shopID = shopID
        self.agentID = agentID
        self.csrfToken = csrfToken
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}

extension Store {
    static let agentColumns = "shop_id, id, email, name, role, password_hash, created_at, last_login_at"

    static func agent(from row: any SQLRow) throws -> Agent {
        Agent(
            shopID: Shop.ID(try row.string("shop_id")),
            id: try row.string("id"),
            email: try row.string("email"),
            name: try row.string("name"),
            role: Agent.Role(rawValue: try row.string("role")) ?? .agent,
            passwordHash: try row.string("password_hash"),
            createdAt: try row.date("created_at"),
            lastLoginAt: try row.optionalDate("last_login_at")
        )
    }

    /// Adds an agent; an email already taken (in any shop) is a conflict.
    public func createAgent(_ agent: Agent) async throws {
        try await write { db in
            if try await db.raw("SELECT id FROM agents WHERE email = \(bind: agent.email)").first() != nil {
                throw StoreError(.conflict, "an agent with the email \(agent.email) exists already")
            }
            try await db.raw(
                """
                INSERT INTO agents (shop_id, id, email, name, role, password_hash, created_at)
                VALUES (\(bind: agent.shopID.rawValue), \(bind: agent.id), \(bind: agent.email), \(bind: agent.name),
                    \(bind: agent.role.rawValue), \(bind: agent.passwordHash), \(bind: agent.createdAt.epochMilliseconds))
                """
            ).run()
        }
    }

    /// A shop's agents, by name.
    public func agents(shopID: Shop.ID) async throws -> [Agent] {
        try await read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Store.agentColumns) FROM agents WHERE shop_id = \(bind: shopID.rawValue) AND disabled_at IS NULL ORDER BY name, id"
            ).all().map(Store.agent(from:))
        }
    }

    /// The active agent with this (lower-cased) email, whatever their shop.
    public func agent(email: String) async throws -> Agent? {
        try await read { db in
            try await db.raw("SELECT \(unsafeRaw: Store.agentColumns) FROM agents WHERE email = \(bind: email) AND disabled_at IS NULL")
                .first().map(Store.agent(from:))
        }
    }

    public func agent(shopID: Shop.ID, id: String) async throws -> Agent? {
        try await read { db in
            try await db.raw(
                "SELECT \(unsafeRaw: Store.agentColumns) FROM agents WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id) AND disabled_at IS NULL"
            ).first().map(Store.agent(from:))
        }
    }

    /// Stores a new session and notes the agent's sign-in time.
    public func createSession(_ session: AdminSession, userAgent: String?) async throws {
        try await write { db in
            try await db.raw(
                """
                INSERT INTO admin_sessions (token_hash, shop_id, agent_id, csrf_token, user_agent, created_at, expires_at)
                VALUES (\(bind: session.tokenHash), \(bind: session.shopID.rawValue), \(bind: session.agentID), \(bind: session.csrfToken),
                    \(bind: userAgent.map { String($0.prefix(300)) }), \(bind: session.createdAt.epochMilliseconds),
                    \(bind: session.expiresAt.epochMilliseconds))
                """
            ).run()
            try await db.raw(
                """
                UPDATE agents SET last_login_at = \(bind: session.createdAt.epochMilliseconds)
                WHERE shop_id = \(bind: session.shopID.rawValue) AND id = \(bind: session.agentID)
                """
            ).run()
            // Expired sessions are of no use to anyone; sweeping them here keeps the table small without a worker.
            try await db.raw("DELETE FROM admin_sessions WHERE expires_at < \(bind: session.createdAt.epochMilliseconds)").run()
        }
    }

    /// The unexpired session with this token hash.
    public func session(tokenHash: String, now: Date) async throws -> AdminSession? {
        try await read { db in
            try await db.raw(
                """
                SELECT token_hash, shop_id, agent_id, csrf_token, created_at, expires_at FROM admin_sessions
                WHERE token_hash = \(bind: tokenHash) AND expires_at > \(bind: now.epochMilliseconds)
                """
            ).first().map { row in
                AdminSession(
                    tokenHash: try row.string("token_hash"),
                    shopID: Shop.ID(try row.string("shop_id")),
                    agentID: try row.string("agent_id"),
                    csrfToken: try row.string("csrf_token"),
                    createdAt: try row.date("created_at"),
                    expiresAt: try row.date("expires_at")
                )
            }
        }
    }

    public func deleteSession(tokenHash: String) async throws {
        try await write { db in try await db.raw("DELETE FROM admin_sessions WHERE token_hash = \(bind: tokenHash)").run() }
    }

    /// Failed sign-ins for `key` (email and address) since `since`.
    public func loginFailures(key: String, since: Date) async throws -> Int {
        try await read { db in
            Int(
                try await db.raw(
                    "SELECT COUNT(*) AS n FROM admin_login_failures WHERE key = \(bind: key) AND at >= \(bind: since.epochMilliseconds)"
                ).first()?.int("n") ?? 0
            )
        }
    }

    /// Records a failed sign-in; rows older than `forgetBefore` are removed on the way.
    public func recordLoginFailure(key: String, at: Date, forgetBefore: Date) async throws {
        try await write { db in
            try await db.raw("INSERT INTO admin_login_failures (key, at) VALUES (\(bind: key), \(bind: at.epochMilliseconds))").run()
            try await db.raw("DELETE FROM admin_login_failures WHERE at < \(bind: forgetBefore.epochMilliseconds)").run()
        }
    }

    /// A successful sign-in forgets the key's failures.
    public func clearLoginFailures(key: String) async throws {
        try await write { db in try await db.raw("DELETE FROM admin_login_failures WHERE key = \(bind: key)").run() }
    }
}
