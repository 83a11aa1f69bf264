/// A labelled utterance for training or evaluating the intent model.
public struct IntentExample: Sendable, Hashable {
    /// An intent's name, such as `track_order`.
    public struct Label: Hashable, Sendable, Comparable, RawRepresentable, ExpressibleByStringLiteral, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public init(stringLiteral value: String) { self.rawValue = value }
        public var description: String { rawValue }
        public static func < (a: Label, b: Label) -> Bool { a.rawValue < b.rawValue }
    }

    public var text: String
    public var label: Label

    public init(text: String, label: Label) {
        self.text = text
        self.label = label
    }
}
