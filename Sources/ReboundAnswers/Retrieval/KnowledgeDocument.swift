/// A help-centre article or FAQ entry the bot can answer from.
public struct KnowledgeDocument: Sendable, Hashable, Identifiable {
    /// A document's id, as the shop names it.
    public struct ID: Hashable, Sendable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }
    }

    public let id: ID
    public var title: String
    public var body: String
    public var language: TextLanguage

    public init(id: ID, title: String, body: String, language: TextLanguage = .english) {
        self.id = id
        self.title = title
        self.body = body
        self.language = language
    }
}
