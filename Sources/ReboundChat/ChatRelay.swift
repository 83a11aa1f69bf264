public import Foundation
public import Logging
import ReboundCore
public import ReboundStore

/// Makes several processes on one PostgreSQL behave as one chat: every frame a hub publishes is also sent with
/// `NOTIFY rebound_chat`, and every process's relay delivers what the others sent to its own sockets, the
/// agents' inbox sockets included. A shopper on process A and an agent on process B then talk in real time, without
/// sticky sessions.
///
/// Agents' presence crosses too: each process announces how many inbox sockets of a shop it holds when one opens or
/// closes, when an agent answers, every minute while it has any, and when another process starts listening. So a
/// widget served by A says "online" while the only open inbox is on B (`ChatHub.agentsOnline`).
public struct ChatRelay: Sendable {
    public static let channel = "rebound_chat"
    /// The longest payload PostgreSQL's NOTIFY takes is 8000 bytes.
    static let maxPayload = 7999
    let store: Store
    let hub: ChatHub
    let logger: Logger
    /// Tells this process's own notifications from the others'.
    let origin = RandomToken.make(byteCount: 9)

    /// The time written into presence announcements.
    let now: @Sendable () -> Date
    /// How often a process with agents repeats its announcement.
    let heartbeat: Duration

    public init(
        store: Store,
        hub: ChatHub,
        logger: Logger,
        now: @escaping @Sendable () -> Date = { Date() },
        heartbeat: Duration = .seconds(60)
    ) {
        self.store = store
        self.hub = hub
        self.logger = logger
        self.now = now
        self.heartbeat = heartbeat
    }

    /// Connects the hub to the database's notifications; returns when cancelled (at once on SQLite).
    public func run() async throws {
        guard store.kind == .postgres else { return }
        let engine = store.engine
        let origin = self.origin
        let logger = self.logger
        let notify: @Sendable (String) async -> Void = { payload in
            do {
                try await engine.notify(channel: Self.channel, payload: payload)
            } catch {
                logger.warning("chat relay could not notify", metadata: ["rebound.error": .string("\(error)")])
            }
        }
        await hub.setRelay { shopID, conversationID, frame in
            let envelope: JSONValue = [
                "origin": .string(origin), "shop": .string(shopID.rawValue), "conversation": conversationID.map(JSONValue.string) ?? .null,
                "frame": .string(frame),
            ]
            let payload = envelope.jsonText
            guard payload.utf8.count > Self.maxPayload else { return await notify(payload) }
            // NOTIFY refuses payloads over 8000 bytes (a long email): agents elsewhere at least re-read the inbox.
            logger.notice("chat frame too long to relay; agents get a refresh", metadata: ["rebound.shop.id": .string(shopID.rawValue)])
            await notify(
                JSONValue.object(["origin": .string(origin), "shop": .string(shopID.rawValue), "frame": .string(ServerFrame.refresh)]).jsonText
            )
        }
        let now = self.now
        await hub.setPresenceRelay { shopID, sockets, lastActivity, sequence in
            let announcement: JSONValue = [
                "origin": .string(origin), "shop": .string(shopID.rawValue),
                "presence": [
                    "sockets": .int(Int64(sockets)), "activity": lastActivity.map { .int($0.epochMilliseconds) } ?? .null,
                    "at": .int(now().epochMilliseconds), "seq": .int(Int64(sequence)),
                ],
            ]
            await notify(announcement.jsonText)
        }
        let hub = self.hub
        let heartbeat = self.heartbeat
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await engine.listen(channel: Self.channel) {
                    // Listening now: ask the others for their agents (their inbox sockets may have been open for hours).
                    await notify(JSONValue.object(["origin": .string(origin), "sync": true]).jsonText)
                } receive: { payload in
                    await Self.receive(payload, origin: origin, hub: hub)
                }
            }
            group.addTask {
                // Keep this process's agents fresh in the others' eyes.
                while !Task.isCancelled {
                    try await Task.sleep(for: heartbeat)
                    await hub.announceAll()
                }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Handles one notification of another process: a frame, a presence announcement, or a request to announce.
    static func receive(_ payload: String, origin: String, hub: ChatHub) async {
        guard let envelope = try? JSONValue.parse(payload), let sender = envelope["origin"]?.stringValue, sender != origin else { return }
        if envelope["sync"] == true {
            await hub.announceAll()
            return
        }
        guard let shop = envelope["shop"]?.stringValue else { return }
        if let presence = envelope["presence"], let sockets = presence["sockets"]?.int64Value, let at = presence["at"]?.int64Value,
            let sequence = presence["seq"]?.int64Value
        {
            await hub.notePresence(
                shopID: Shop.ID(shop),
                origin: sender,
                sockets: Int(sockets),
                lastActivity: presence["activity"]?.int64Value.map { Date(epochMilliseconds: $0) },
                announced: Date(epochMilliseconds: at),
                sequence: Int(sequence)
            )
            return
        }
        guard let frame = envelope["frame"]?.stringValue else { return }
        // No conversation: a frame only for the shop's agents (a refresh of the inbox, a note).
        if let conversation = envelope["conversation"]?.stringValue {
            await hub.deliver(shopID: Shop.ID(shop), conversationID: conversation, frame: frame)
        } else {
            await hub.deliverToAgents(shopID: Shop.ID(shop), frame: frame)
        }
    }
}
