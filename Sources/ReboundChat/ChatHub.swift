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
    /// The agents of other processes, per shop and process, as their relays last announced them.
    private var remoteAgents: [Shop.ID: [String: RemotePresence]] = [:]
    /// Tells other processes how many inbox sockets of a shop are open here and when an agent here last answered;
    /// set by the app when it runs on PostgreSQL (``ChatRelay``).
    public var presenceRelay: (@Sendable (Shop.ID, Int, Date?, Int) async -> Void)?
    /// Numbers this process's announcements: two sent at once (a heartbeat and a closing inbox) may arrive in either
    /// order, and the older one must not win.
    private var presenceSequence = 0

    /// Another process's agents of one shop.
    struct RemotePresence {
        var sockets: Int
        var lastActivity: Date?
        var sequence: Int
        /// When that process said so (its clock). Processes repeat it every minute while they have agents.
        var announced: Date
    }

    /// How long another process's announcement holds: a process that stopped without a word (killed) stops counting
    /// after this.
    public static let presenceLifetime: TimeInterval = 150
    /// Forwards frames published here to other processes; set by the app when it runs on PostgreSQL. The
    /// conversation is nil for frames only for agents (see ``publishToAgents(shopID:frame:)``).
    public var relay: (@Sendable (Shop.ID, String?, String) async -> Void)?
    /// Turns a frame into what agents' sockets get (the inbox renders messages as HTML), or nil to send them nothing.
    /// Runs once per frame and shop with agents connected here, not once per socket.
    let agentFrame: @Sendable (Shop.ID, String) async -> String?

    /// - Parameter agentFrame: what agent sockets get for a frame; by default the frame itself.
    public init(agentFrame: @escaping @Sendable (Shop.ID, String) async -> String? = { _, frame in frame }) {
        self.agentFrame = agentFrame
    }

    public func makeConnectionID() -> Int {
        nextID += 1
        return nextID
    }

    public func setRelay(_ relay: (@Sendable (Shop.ID, String?, String) async -> Void)?) { self.relay = relay }

    public func join(conversationID: String, _ connection: Connection) {
        if shoppers[conversationID]?[connection.id] == nil { joined[connection.id, default: []].append(conversationID) }
        shoppers[conversationID, default: [:]][connection.id] = connection
    }

    public func setPresenceRelay(_ relay: (@Sendable (Shop.ID, Int, Date?, Int) async -> Void)?) { presenceRelay = relay }

    public func joinAgent(_ connection: Connection) async {
        agents[connection.shopID, default: [:]][connection.id] = connection
        await announce(connection.shopID)
    }

    public func leave(_ id: Int) async {
        for conversationID in joined.removeValue(forKey: id) ?? [] {
            shoppers[conversationID]?[id] = nil
            if shoppers[conversationID]?.isEmpty == true { shoppers[conversationID] = nil }
        }
        for key in agents.keys where agents[key]?[id] != nil {
            agents[key]?[id] = nil
            if agents[key]?.isEmpty == true { agents[key] = nil }
            await announce(key)
        }
    }

    /// Tells the other processes about this process's agents of `shopID` (through ``presenceRelay``).
    func announce(_ shopID: Shop.ID) async {
        guard let presenceRelay else { return }
        presenceSequence += 1
        await presenceRelay(shopID, agents[shopID]?.count ?? 0, lastAgentActivity[shopID], presenceSequence)
    }

    /// Announces every shop with agents here or a recent answer: the relay's heartbeat, and the answer to a process
    /// that just started listening.
    public func announceAll() async {
        for shopID in Set(agents.keys).union(lastAgentActivity.keys).sorted(by: { $0.rawValue < $1.rawValue }) { await announce(shopID) }
    }

    /// Records what another process (`origin`) announced about its agents of a shop, unless a later announcement
    /// (a higher `sequence`) of that process arrived first.
    public func notePresence(shopID: Shop.ID, origin: String, sockets: Int, lastActivity: Date?, announced: Date, sequence: Int) {
        if let known = remoteAgents[shopID]?[origin], known.sequence > sequence { return }
        remoteAgents[shopID, default: [:]][origin] = RemotePresence(
            sockets: sockets,
            lastActivity: lastActivity,
            sequence: sequence,
            announced: announced
        )
    }

    /// Sends `frame` to the shopper sockets of the conversation (except `except`) and to the shop's agents, here and,
    /// through the relay, in other processes.
    public func publish(shopID: Shop.ID, conversationID: String, frame: String, except: Int? = nil) async {
        await deliver(shopID: shopID, conversationID: conversationID, frame: frame, except: except)
        if let relay { await relay(shopID, conversationID, frame) }
    }

    /// Delivers a frame that another process published.
    public func deliver(shopID: Shop.ID, conversationID: String, frame: String, except: Int? = nil) async {
        for connection in shoppers[conversationID]?.values.map({ $0 }) ?? [] where connection.id != except && connection.shopID == shopID {
            await connection.send(frame)
        }
        await deliverToAgents(shopID: shopID, frame: frame, except: except)
    }

    /// Sends `frame` to the shop's agent sockets only (the inbox's `refresh`, a note), here and in other processes.
    public func publishToAgents(shopID: Shop.ID, frame: String) async {
        await deliverToAgents(shopID: shopID, frame: frame)
        if let relay { await relay(shopID, nil, frame) }
    }

    /// Delivers a frame to this process's agent sockets of the shop, as ``agentFrame`` translates it.
    public func deliverToAgents(shopID: Shop.ID, frame: String, except: Int? = nil) async {
        guard let sockets = agents[shopID]?.values.filter({ $0.id != except }), !sockets.isEmpty,
            let translated = await agentFrame(shopID, frame)
        else { return }
        for connection in sockets { await connection.send(translated) }
    }

    /// Frames only for the shopper side of a conversation (e.g. the agent's typing indicator).
    public func sendToShoppers(conversationID: String, frame: String) async {
        for connection in shoppers[conversationID]?.values.map({ $0 }) ?? [] { await connection.send(frame) }
    }

    public func noteAgentActivity(shopID: Shop.ID, at: Date) async {
        lastAgentActivity[shopID] = at
        await announce(shopID)
    }

    /// Agents count as online with an inbox open, or when one answered in the last 10 minutes — in this process or,
    /// as last announced within ``presenceLifetime``, in another.
    public func agentsOnline(shopID: Shop.ID, now: Date) -> Bool {
        func recent(_ activity: Date?) -> Bool { activity.map { now.timeIntervalSince($0) < 600 } ?? false }
        if !(agents[shopID]?.isEmpty ?? true) || recent(lastAgentActivity[shopID]) { return true }
        return remoteAgents[shopID]?.values.contains { remote in
            now.timeIntervalSince(remote.announced) < Self.presenceLifetime && (remote.sockets > 0 || recent(remote.lastActivity))
        } ?? false
    }

    public var connectionCount: Int { shoppers.values.reduce(0) { $0 + $1.count } + agents.values.reduce(0) { $0 + $1.count } }
}
