import Foundation
import ReboundChat
import ReboundCore
import ReboundStore

/// Sending an agent's answer or note, the same from `/v1` and from `/admin/inbox`.
enum ConversationReplies {
    /// Channels whose answers go out through the outbox; chat answers reach the shopper's socket.
    static let outboxChannels: Set<String> = ["email", "sms", "messenger", "instagram", "whatsapp"]

    /// Stores the message in order. An answer (not a note) is pushed to the shopper's open chat sockets and the
    /// agents' inboxes (and through the relay to other processes), and for SMS, email and social conversations queued
    /// in the outbox. A note is shown to the shop's agents only: it never reaches the customer.
    static func send(
        environment: APIEnvironment,
        shopID: Shop.ID,
        conversation: Conversation,
        text: String,
        authorName: String?,
        isNote: Bool,
        clientID: String? = nil
    ) async throws -> (message: ConversationMessage, isNew: Bool) {
        let now = environment.clock.now()
        let stored = try await environment.store.appendConversationMessage(
            shopID: shopID,
            to: .existing(id: conversation.id),
            author: isNote ? "note" : "agent",
            authorName: authorName,
            body: text,
            clientID: clientID,
            now: now
        )
        await environment.chatHub.noteAgentActivity(shopID: shopID, at: now)
        if isNote, stored.isNew {
            await InboxFeed.arrived(environment, shopID: shopID, conversationID: conversation.id, message: stored.message)
        }
        if !isNote, stored.isNew {
            let frame = ServerFrame.message(stored.message, conversationID: conversation.id)
            await environment.chatHub.publish(shopID: shopID, conversationID: conversation.id, frame: frame)
            if outboxChannels.contains(conversation.channel) {
                try await environment.store.queueReply(shopID: shopID, conversation: conversation, message: stored.message, now: now)
            }
        }
        return (stored.message, stored.isNew)
    }
}
