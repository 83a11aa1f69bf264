/// An error thrown by ReboundRecs.
///
/// A struct with static codes rather than an enum, so that codes can be added without breaking callers.
public struct RecsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of error this is.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Base: String, Sendable { case invalidParameter, emptyInput, noHistory, malformedInput }
        fileprivate let base: Base
        private init(_ base: Base) { self.base = base }

        /// A parameter (threshold, limit, price) is out of its documented range.
        public static let invalidParameter = Code(.invalidParameter)
        /// There is nothing to work on (no baskets, no transactions).
        public static let emptyInput = Code(.emptyInput)
        /// A product or customer has too little purchase history for the requested model.
        public static let noHistory = Code(.noHistory)
        /// Input text (CSV, basket file) could not be read.
        public static let malformedInput = Code(.malformedInput)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// A human-readable explanation naming the offending value.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    static func invalidParameter(_ message: String) -> RecsError { RecsError(.invalidParameter, message) }
}
