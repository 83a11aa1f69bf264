import Foundation
public import HTTPTypes
import Logging
import ReboundChat
public import ReboundCore
public import ReboundStore

/// The agents' WebSocket, `GET /admin/ws`: the open inbox page listens here for new messages and changes in its shop
/// (see ``InboxFeed`` for the frames). Signed in like `/admin` pages, with the session cookie; agents send nothing.
///
/// ```swift
/// guard let (shop, agent) = try await inbox.authorize(path: path, headers: request.headerFields, authority: request.authority)
/// else { return .dontUpgrade }
/// ```
public struct InboxSocket: Sendable {
    public static let path = "/admin/ws"
    let environment: APIEnvironment

    public init(environment: APIEnvironment) {
        self.environment = environment
    }

    /// The shop and agent of an upgrade request to `/admin/ws`; nil (no upgrade) without a live session cookie, or when
    /// a browser page of another origin opens it (the cookie would be sent along: cross-site WebSocket hijacking).
    public func authorize(path: String, headers: HTTPFields, authority: String?) async throws -> (shop: Shop, agent: Agent)? {
        guard URLComponents(string: path)?.path == Self.path else { return nil }
        let logger = environment.store.logger
        // Every Origin header must pass: a second one cannot smuggle a foreign page in behind an allowed first.
        guard headers[values: .origin].allSatisfy({ Self.isSameOrigin($0, authority: authority, publicURL: environment.publicURL) }) else {
            logger.notice("admin socket refused", metadata: ["rebound.admin.reason": "cross-origin request"])
            return nil
        }
        guard let token = AdminAuth.cookies(headers)[AdminAuth.sessionCookie], !token.isEmpty else { return nil }
        let store = environment.store
        guard let session = try await store.session(tokenHash: AdminAuth.tokenHash(token), now: environment.clock.now()),
            let agent = try await store.agent(shopID: session.shopID, id: session.agentID),
            let shop = try await store.shop(id: session.shopID)
        else {
            logger.notice("admin socket refused", metadata: ["rebound.admin.reason": "unknown or expired session"])
            return nil
        }
        return (shop, agent)
    }

    /// Whether a request with this `Origin` may open the socket. A page's origin (`http`, `https`) must be the address
    /// the request was sent to (`Host`) or the configured public URL, scheme and port included. Browsers send nothing
    /// else from a page (`null` comes from sandboxed frames and files: refused); `ws:` and `wss:` origins come only from
    /// WebSocket client libraries, which cannot carry an agent's cookie from another site, so their host is enough.
    static func isSameOrigin(_ origin: String, authority: String?, publicURL: String?) -> Bool {
        guard let url = URLComponents(string: origin), let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased(), !host.isEmpty
        else { return false }
        let authority = authority?.lowercased()
        switch scheme {
        case "http", "https":
            if host + (url.port.map { ":\($0)" } ?? "") == authority { return true }
            guard let publicURL, let base = URLComponents(string: publicURL) else { return false }
            return base.scheme?.lowercased() == scheme && base.host?.lowercased() == host && base.port == url.port
        case "ws", "wss":
            return authority.flatMap { URLComponents(string: "//" + $0)?.host } == host
        default:
            return false
        }
    }

    /// Keeps the agent's socket in the hub until it closes. Whatever the agent sends is read and dropped: the inbox
    /// acts through its forms, so a frame (malformed or not) changes nothing.
    public func run<Frames: AsyncSequence>(shop: Shop, agent: Agent, frames: Frames, send: @escaping @Sendable (String) async -> Void) async {
        let hub = environment.chatHub
        let connection = ChatHub.Connection(id: await hub.makeConnectionID(), shopID: shop.id, send: send)
        await hub.joinAgent(connection)
        // From here on nothing the shop publishes is missed; the page shows itself as live.
        await send(InboxFeed.ready)
        do {
            for try await _ in frames {}
        } catch {
            environment.store.logger.debug(
                "admin socket closed with an error",
                metadata: ["rebound.agent.id": .string(agent.id), "rebound.error": .string("\(error)")]
            )
        }
        await hub.leave(connection.id)
    }
}
