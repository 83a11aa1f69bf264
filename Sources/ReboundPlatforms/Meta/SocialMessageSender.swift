/// The platform's receipt for an accepted message.
public struct SocialSendReceipt: Hashable, Sendable {
    public var platform: SocialPlatform
    /// `message_id` (Messenger, Instagram) or `messages[0].id` (WhatsApp `wamid…`); statuses refer to it.
    public var messageID: String
    /// `recipient_id` (PSID) or `contacts[0].wa_id`, when the platform returned it.
    public var recipientID: String?

    public init(platform: SocialPlatform, messageID: String, recipientID: String?) {
        self.platform = platform
        self.messageID = messageID
        self.recipientID = recipientID
    }
}

/// Sends a text reply into a social conversation. ``MessengerSendClient`` (Messenger, Instagram) and
/// ``WhatsAppCloudClient`` conform; tests can use their own.
public protocol SocialMessageSender: Sendable {
    var platform: SocialPlatform { get }
    /// - Parameters:
    ///   - recipientID: the PSID / Instagram-scoped id, or the WhatsApp number, as the inbound message's `senderID`.
    func sendText(_ text: String, to recipientID: String) async throws -> SocialSendReceipt
}
