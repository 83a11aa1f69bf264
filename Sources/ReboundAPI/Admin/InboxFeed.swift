import Foundation
import Logging
import ReboundAdmin
import ReboundChat
public import ReboundCore
public import ReboundStore

/// What the agents' inbox sockets (`/admin/ws`) are told: a new message as the inbox renders it, or a `refresh` when
/// something else in the shop's inbox changed. The inbox script understands exactly these two frames.
public enum InboxFeed {
    /// The first frame of an agent's socket: it is in the hub, so every change from now on is pushed.
    public static var ready: String { JSONValue.object(["type": "ready"]).jsonText }

    /// Turns a frame the chat hub publishes into the frame an agent's inbox gets: a message becomes
    /// `{"type":"message","conversation_id","html"}` with the server-rendered message; `refresh` passes; frames only
    /// the storefront reads (typing, read receipts, rating requests) are dropped. Give it to ``ChatHub/init(agentFrame:)``.
    public static func agentFrame(store: Store, clock: WallClock) -> @Sendable (Shop.ID, String) async -> String? {
        { shopID, frame in
            guard case .object(let object)? = try? JSONValue.parse(frame), let type = object["type"]?.stringValue else { return nil }
            switch type {
            case "refresh":
                return ServerFrame.refresh
            case "message":
                do {
                    return try await message(object, shopID: shopID, store: store, now: clock.now()) ?? ServerFrame.refresh
                } catch {
                    store.logger.warning(
                        "inbox frame could not be rendered; agents get a refresh",
                        metadata: ["rebound.shop.id": .string(shopID.rawValue), "rebound.error": .string("\(error)")]
                    )
                    return ServerFrame.refresh
                }
            default:
                return nil
            }
        }
    }

    /// The message frame's HTML, named as the inbox names authors (the shopper by the customer's name); nil when the
    /// frame lacks a field or names a conversation the shop does not have.
    static func message(_ frame: [String: JSONValue], shopID: Shop.ID, store: Store, now: Date) async throws -> String? {
        guard let conversationID = frame["conversation_id"]?.stringValue, let id = frame["id"]?.stringValue,
            let author = frame["author"]?.stringValue.flatMap(ThreadMessage.Author.init(rawValue:)),
            let at = frame["at"]?.stringValue.flatMap(RFC3339.parse), let text = frame["text"]?.stringValue,
            let shop = try await store.shop(id: shopID)
        else { return nil }
        let name: String
        switch author {
        case .shopper:
            guard let conversation = try await store.conversation(shopID: shopID, id: conversationID) else { return nil }
            let customer = try await conversation.customerID.asyncMap { try await store.customer(shopID: shopID, id: $0) } ?? nil
            name = customer.map(AdminRoutes.displayName) ?? "Visitor"
        case .bot:
            name = frame["name"]?.stringValue ?? "Rebound"
        case .agent, .note:
            name = frame["name"]?.stringValue ?? "Agent"
        }
        let context = AdminContext(
            shopName: shop.name,
            agentName: "",
            csrfToken: "",
            section: .inbox,
            format: AdminFormat(currency: shop.currency.rawValue, timeZone: TimeZone(identifier: shop.timeZone) ?? TimeZone(identifier: "UTC")!),
            now: now
        )
        // Images as the frame names them: paths on this server only.
        let images = (frame["attachments"]?.arrayValue ?? []).compactMap { $0["url"]?.stringValue }.filter { $0.hasPrefix("/files/") }
        let message = ThreadMessage(id: id, author: author, authorName: name, body: text, sentAt: at, imageURLs: images)
        let html = AdminPages.inboxMessage(message, context: context)
        return JSONValue.object(["type": "message", "conversation_id": .string(conversationID), "html": .string(html.description)]).jsonText
    }

    /// Tells the shop's agents (in every process) that the inbox changed: a conversation was created, assigned,
    /// re-routed, tagged or changed status.
    static func refresh(_ environment: APIEnvironment, shopID: Shop.ID) async {
        await environment.chatHub.publishToAgents(shopID: shopID, frame: ServerFrame.refresh)
    }

    /// Shows agents a message that no shopper socket follows (an inbound email, SMS or social message, a note, a
    /// portal request), and re-reads their list when it started a conversation.
    static func arrived(_ environment: APIEnvironment, shopID: Shop.ID, conversationID: String, message: ConversationMessage) async {
        await environment.chatHub.publishToAgents(shopID: shopID, frame: ServerFrame.message(message, conversationID: conversationID))
        if message.seq == 1 { await refresh(environment, shopID: shopID) }
    }
}
