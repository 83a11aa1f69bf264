public import Foundation
public import Logging
public import ReboundCore
public import ReboundStore

/// Makes several processes on one PostgreSQL behave as one chat: every frame a hub publishes is also sent with
/// `NOTIFY rebound_chat`, and every process's relay delivers what the others sent to its own sockets, the
/// agents' inbox sockets included. A shopper on process A and an agent on process B then talk in real time, without
/// sticky sessions.
public struct ChatRelay: Sendable {
    public static let channel = "rebound_chat"
    /// The longest payload PostgreSQL's NOTIFY takes is 8000 bytes.
    static let maxPayload = 7999
    let store: Store
    let hub: ChatHub
    let logger: Logger
    /// Tells this process's own notifications from the others'.
    let origin = RandomToken.make(byteCount: 9)

    public init(store: Store, hub: ChatHub, logger: Logger) {
        self.store = store
        self.hub = hub
        self.logger = logger
    }

    /// Connects the hub to the database's notifications; returns when cancelled (at once on SQLite).
    public func run() async throws {
        guard store.kind == .postgres else { return }
        let engine = store.engine
        let origin = self.origin
        let logger = self.logger
        await hub.setRelay { shopID, conversationID, frame in
            let envelope: JSONValue = [
                "origin": .string(origin), "shop": .string(shopID.rawValue), "conversation": conversationID.map(JSONValue.string) ?? .null,
                "frame": .string(frame),
            ]
            var payload = envelope.jsonText
            if payload.utf8.count > Self.maxPayload {
                // NOTIFY refuses payloads over 8000 bytes (a long email): agents elsewhere at least re-read the inbox.
                logger.notice("chat frame too long to relay; agents get a refresh", metadata: ["rebound.shop.id": .string(shopID.rawValue)])
                payload =
                    JSONValue.object(["origin": .string(origin), "shop": .string(shopID.rawValue), "frame": .string(ServerFrame.refresh)])
                    .jsonText
            }
            do {
                try await engine.notify(channel: Self.channel, payload: payload)
            } catch {
                logger.warning("chat relay could not notify", metadata: ["rebound.error": .string("\(error)")])
            }
        }
        let hub = self.hub
        try await engine.listen(channel: Self.channel) { payload in
            guard let envelope = try? JSONValue.parse(payload), envelope["origin"]?.stringValue != origin,
                let shop = envelope["shop"]?.stringValue, let frame = envelope["frame"]?.stringValue
            else { return }
            // No conversation: a frame only for the shop's agents (a refresh of the inbox, a note).
            if let conversation = envelope["conversation"]?.stringValue {
                await hub.deliver(shopID: Shop.ID(shop), conversationID: conversation, frame: frame)
            } else {
                await hub.deliverToAgents(shopID: Shop.ID(shop), frame: frame)
            }
        }
    }
}
