public import Foundation
public import Logging
public import ReboundCore
public import ReboundStore

/// Makes several processes on one PostgreSQL behave as one chat: every frame a hub publishes is also sent with
/// `NOTIFY rebound_chat`, and every process's relay delivers what the others sent to its own sockets. A shopper on
/// process A and an agent on process B then talk in real time, without sticky sessions.
public struct ChatRelay: Sendable {
    public static let channel = "rebound_chat"
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
                "origin": .string(origin), "shop": .string(shopID.rawValue), "conversation": .string(conversationID), "frame": .string(frame),
            ]
            do {
                try await engine.notify(channel: Self.channel, payload: envelope.jsonText)
            } catch {
                logger.warning("chat relay could not notify", metadata: ["rebound.error": .string("\(error)")])
            }
        }
        let hub = self.hub
        try await engine.listen(channel: Self.channel) { payload in
            guard let envelope = try? JSONValue.parse(payload), envelope["origin"]?.stringValue != origin,
                let shop = envelope["shop"]?.stringValue, let conversation = envelope["conversation"]?.stringValue,
                let frame = envelope["frame"]?.stringValue
            else { return }
            await hub.deliver(shopID: Shop.ID(shop), conversationID: conversation, frame: frame)
        }
    }
}
