public import Foundation
public import ReboundCore

/// Who is connected, per conversation (shoppers) and per shop (agents), and fan-out of frames to them.
///
/// One hub per process. Frames reach the sockets of this process; with several processes on PostgreSQL a relay
/// (LISTEN/NOTIFY) forwards each published frame to the other hubs (see ``relay``).
public actor ChatHub {
    /// A socket: where to write frames.
    public struct Connection: Sendable {
        public let id: Int
        public let shopID: Shop.ID
        let send: @Sendable (String) async -> Void

        public init(id: Int, shopID: Shop.ID, send: @escaping @Sendable (String) async -> Void) {
            self.id = id
            self.shopID = shopID
            self.send = send
        }
    }

    private var nextID = 0
    private var shoppers: [String: [Int: Connection]] = [:]
    private var agents: [Shop.ID: [Int: Connection]] = [:]
    /// The conversations each shopper socket joined, so that leaving costs its own entries, not a scan of all.
    private var joined: [Int: [String]] = [:]
    private var lastAgentActivity: [Shop.ID: Date] = [:]
    /// Forwards frames published here to other processes; set by the app when it runs on PostgreSQL.
    public var relay: (@Sendable (Shop.ID, String, String) async -> Void)?

    public init() {}

    public func makeConnectionID() -> Int {
        nextID += 1
        return nextID
    }

    public func setRelay(_ relay: (@Sendable (Shop.ID, String, String) async -> Void)?) { self.relay = relay }

    public func join(conversationID: String, _ connection: Connection) {
        if shoppers[conversationID]?[connection.id] == nil { joined[connection.id, default: []].append(conversationID) }
        shoppers[conversationID, default: [:]][connection.id] = connection
    }

    public func joinAgent(_ connection: Connection) {
        agents[connection.shopID, default: [:]][connection.id] = connection
    }

    public func leave(_ id: Int) {
        for conversationID in joined.removeValue(forKey: id) ?? [] {
            shoppers[conversationID]?[id] = nil
            if shoppers[conversationID]?.isEmpty == true { shoppers[conversationID] = nil }
        }
        for key in agents.keys { agents[key]?[id] = nil }
    }

    /// Sends `frame` to the shopper sockets of the conversation (except `except`) and to the shop's agents, here and,
    /// through the relay, in other processes.
    public func publish(shopID: Shop.ID, conversationID: String, frame: String, except: Int? = nil) async {
        await deliver(shopID: shopID, conversationID: conversationID, frame: frame, except: except)
        if let relay { await relay(shopID, conversationID, frame) }
    }

    /// Delivers a frame that another process published.
    public func deliver(shopID: Shop.ID, conversationID: String, frame: String, except: Int? = nil) async {
        let targets = (shoppers[conversationID]?.values.map { $0 } ?? []) + (agents[shopID]?.values.map { $0 } ?? [])
        for connection in targets where connection.id != except && connection.shopID == shopID {
            await connection.send(frame)
        }
    }

    /// Frames only for the shopper side of a conversation (e.g. the agent's typing indicator).
    public func sendToShoppers(conversationID: String, frame: String) async {
        for connection in shoppers[conversationID]?.values.map({ $0 }) ?? [] { await connection.send(frame) }
    }

    public func noteAgentActivity(shopID: Shop.ID, at: Date) { lastAgentActivity[shopID] = at }

    /// Agents count as online with an inbox open, or when one answered in the last 10 minutes.
    public func agentsOnline(shopID: Shop.ID, now: Date) -> Bool {
        if !(agents[shopID]?.isEmpty ?? true) { return true }
        return lastAgentActivity[shopID].map { now.timeIntervalSince($0) < 600 } ?? false
    }

    public var connectionCount: Int { shoppers.values.reduce(0) { $0 + $1.count } + agents.values.reduce(0) { $0 + $1.count } }
}
