/// A template that cannot be compiled or found. `line` and `column` count from 1.
public struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        let value: String
        public var description: String { value }
        /// The Mustache text does not parse.
        public static let syntax = Code(value: "syntax")
        /// No template with that id for any fallback locale.
        public static let notFound = Code(value: "notFound")
    }

    public var code: Code
    /// The template id, e.g. `cart_recovery.help`, and which part (`subject`, `html`, …).
    public var template: String
    public var part: String
    public var line: Int
    public var column: Int
    public var reason: String

    public init(code: Code, template: String, part: String, line: Int = 0, column: Int = 0, reason: String) {
        self.code = code
        self.template = template
        self.part = part
        self.line = line
        self.column = column
        self.reason = reason
    }

    public var description: String {
        code == .syntax ? "\(template) (\(part)) line \(line), column \(column): \(reason)" : "\(template): \(reason)"
    }
}
