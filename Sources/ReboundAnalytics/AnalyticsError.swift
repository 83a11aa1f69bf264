/// An error thrown by ReboundAnalytics.
///
/// A struct with static codes rather than an enum, so that codes can be added without breaking callers.
public struct AnalyticsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of error this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable { case invalidParameter, emptyInput, didNotConverge, invalidRule }
        fileprivate let base: Base
        private init(_ base: Base) { self.base = base }

        /// A parameter or input value is out of its documented range.
        public static let invalidParameter = Code(.invalidParameter)
        /// There is nothing to work on (no customers, no rows).
        public static let emptyInput = Code(.emptyInput)
        /// A numerical fit did not reach a finite optimum.
        public static let didNotConverge = Code(.didNotConverge)
        /// A segment rule failed validation; `message` lists every problem with its path.
        public static let invalidRule = Code(.invalidRule)

        public var description: String { base.rawValue }
    }

    /// The kind of error.
    public let code: Code
    /// A human-readable explanation naming the offending value.
    public let message: String
    /// For `.invalidRule`: every problem found, each with its JSON path (e.g. `rules[1].field`).
    public let issues: [ValidationIssue]

    /// Creates an error with a code and an explanation.
    public init(_ code: Code, _ message: String, issues: [ValidationIssue] = []) {
        self.code = code
        self.message = message
        self.issues = issues
    }

    public var description: String { "\(code): \(message)" }
}

/// One problem in a rule document, located by its JSON path.
public struct ValidationIssue: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Path from the document root, e.g. `rules[1].field` or `rules[0].not.value`.
    public var path: String
    /// What is wrong there.
    public var message: String

    /// Creates an issue.
    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
