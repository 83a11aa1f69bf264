import Foundation

/// What an inbound SMS asks for, by the carrier-standard keywords.
public enum SMSKeyword: Hashable, Sendable {
    /// STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT: record the opt-out.
    case optOut
    /// START, UNSTOP: opt back in.
    case optIn
    /// HELP: answer with the shop's help text.
    case help
    /// Anything else: a message for the conversation.
    case conversation(String)

    static let optOutWords: Set<String> = ["STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT"]
    static let optInWords: Set<String> = ["START", "UNSTOP"]

    /// Matches the whole message, trimmed, case-insensitive and ignoring trailing punctuation, so "Stop!" opts out
    /// but "please don't stop" is a message.
    public init(body: String) {
        let word = body.trimmingSpaces.uppercased().trimmingCharacters(in: [".", "!", "?"]).trimmingSpaces
        if Self.optOutWords.contains(String(word)) {
            self = .optOut
        } else if Self.optInWords.contains(String(word)) {
            self = .optIn
        } else if word == "HELP" || word == "INFO" {
            self = .help
        } else {
            self = .conversation(body)
        }
    }

    /// The reply to send back, if any: help text, or the confirmations carriers expect.
    public func reply(shopName: String, helpText: String?) -> String? {
        switch self {
        case .optOut: "\(shopName): You are unsubscribed and will receive no more messages. Reply START to resubscribe."
        case .optIn: "\(shopName): You are subscribed again. Reply STOP to unsubscribe, HELP for help."
        case .help: helpText ?? "\(shopName): Reply STOP to unsubscribe."
        case .conversation: nil
        }
    }
}
