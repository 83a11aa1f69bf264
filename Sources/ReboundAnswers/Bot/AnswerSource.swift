import Foundation

/// What an answer is based on, shown to the shopper as title and link.
///
/// Every answer the bot gives carries at least one source; an answer without one is never produced.
public struct AnswerSource: Sendable, Hashable, Codable {
    /// What kind of fact the source is.
    public enum Kind: String, Sendable, Hashable, Codable {
        case article
        case product
        case shipping
        case returns
        case trust
        case order
        case incentive
    }

    public var kind: Kind
    public var title: String
    public var url: String?
    /// The article, for sources of kind ``Kind/article``.
    public var articleID: KnowledgeDocument.ID?

    public init(kind: Kind, title: String, url: String? = nil, articleID: KnowledgeDocument.ID? = nil) {
        self.kind = kind
        self.title = title
        self.url = url
        self.articleID = articleID
    }
}
