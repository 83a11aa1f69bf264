import Foundation

/// A help-centre article of one shop in one locale, as the shop wrote it.
///
/// `body` is Markdown (plain text is valid Markdown); HTML from Zendesk or Gorgias is converted
/// to Markdown when imported, so help pages render every article through one escaping renderer.
public struct KnowledgeArticle: Sendable, Hashable, Codable, Identifiable {
    public var id: KnowledgeDocument.ID
    public var title: String
    public var body: String
    /// A BCP 47 tag such as `en`, `en-GB` or `de-AT`.
    public var locale: String
    public var url: String?
    /// The help-centre section the article is listed under.
    public var section: String?
    public var tags: [String]
    /// Intents this article answers (for example `track_order`), so the intent model can pick it.
    public var intents: [IntentExample.Label]

    public init(
        id: KnowledgeDocument.ID,
        title: String,
        body: String,
        locale: String = "en",
        url: String? = nil,
        section: String? = nil,
        tags: [String] = [],
        intents: [IntentExample.Label] = []
    ) {
        self.id = id
        self.title = title
        self.body = body
        self.locale = locale
        self.url = url
        self.section = section
        self.tags = tags
        self.intents = intents
    }

    /// The analyser language of the article; nil for locales other than English and German.
    public var language: TextLanguage? { TextLanguage(localeIdentifier: locale) }

    /// The body as plain text, for indexing and for answers.
    public var plainText: String { MarkdownText.plainText(body) }

    /// Where the answer came from, for the shopper.
    public var source: AnswerSource { AnswerSource(kind: .article, title: title, url: url, articleID: id) }
}

extension KnowledgeDocument.ID: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rawValue)
    }
}
