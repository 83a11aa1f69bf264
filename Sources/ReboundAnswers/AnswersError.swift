/// An error thrown by ReboundAnswers.
///
/// The set of codes may grow, so this is a struct with static codes rather than an enum.
/// `line` is the 1-based line of the input file where the problem was found, when known;
/// `jsonPath` (such as `$.articles[3].title`) locates a problem inside a JSON document.
public struct AnswersError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, independent of the message text.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private let name: String
        private init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A quoted CSV field is never closed.
        public static let csvUnterminatedQuote = Code("csvUnterminatedQuote")
        /// A quote appears inside an unquoted CSV field, or text follows a closing quote.
        public static let csvBadQuote = Code("csvBadQuote")
        /// A CSV record has a different number of fields than the header.
        public static let csvFieldCount = Code("csvFieldCount")
        /// The CSV input has no header line.
        public static let csvMissingHeader = Code("csvMissingHeader")
        /// A requested column is not in the header or JSON object.
        public static let missingColumn = Code("missingColumn")
        /// A JSON line could not be parsed.
        public static let invalidJSON = Code("invalidJSON")
        /// A file could not be read.
        public static let unreadableFile = Code("unreadableFile")
        /// Training was asked for with no usable examples.
        public static let emptyTrainingSet = Code("emptyTrainingSet")
        /// Training needs at least two distinct labels.
        public static let tooFewLabels = Code("tooFewLabels")
        /// Evaluation was asked for with no test examples.
        public static let emptyTestSet = Code("emptyTestSet")
        /// A configuration value is out of range.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// A knowledge article lacks a required field or has one of the wrong type.
        public static let malformedArticle = Code("malformedArticle")
        /// Markdown front matter is not closed or has a line that is not `key: value`.
        public static let malformedFrontMatter = Code("malformedFrontMatter")
    }

    public let code: Code
    public let message: String
    public let line: Int?
    public let jsonPath: String?

    public init(_ code: Code, _ message: String, line: Int? = nil, jsonPath: String? = nil) {
        self.code = code
        self.message = message
        self.line = line
        self.jsonPath = jsonPath
    }

    public var description: String {
        if let jsonPath, let line { return "\(code) at \(jsonPath) (line \(line)): \(message)" }
        if let jsonPath { return "\(code) at \(jsonPath): \(message)" }
        if let line { return "\(code) at line \(line): \(message)" }
        return "\(code): \(message)"
    }
}
