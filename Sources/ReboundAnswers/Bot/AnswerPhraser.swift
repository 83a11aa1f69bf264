import Foundation

/// Rewrites a retrieval answer in natural words, for instance with an OpenAI-compatible model.
///
/// The server implements it with its HTTP client; the bot only calls it for answers from
/// articles, gives it the sources it may use, and falls back to the retrieval text when the
/// phraser throws, times out or returns something unusable (see ``AnswerBot/respond(to:phraser:timeout:clock:)``).
public protocol AnswerPhraser: Sendable {
    /// The answer text for `request`, based only on `request.sources`.
    func phrase(_ request: PhrasingRequest) async throws -> String
}

/// What a phraser gets: the question, the retrieved passages and the draft answer.
public struct PhrasingRequest: Sendable, Hashable {
    /// One retrieved source with the passage the draft used.
    public struct Source: Sendable, Hashable {
        public var title: String
        public var url: String?
        public var text: String
    }

    public var question: String
    public var language: TextLanguage
    public var sources: [Source]
    /// The retrieval answer, used when phrasing fails.
    public var draft: String
    /// The phrased text must not be longer than this.
    public var maximumLength: Int
}
