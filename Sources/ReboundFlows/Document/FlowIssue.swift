/// One problem found in a flow document, with the path of the offending value.
///
/// Paths use dots for keys and brackets for array indices, e.g. `steps[2].wait` or
/// `entry_conditions[0].field`. An empty path means the document as a whole.
public struct FlowIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { path.isEmpty ? message : "\(path): \(message)" }
}

/// Thrown when a flow document cannot be read or does not validate; carries every issue found.
public struct FlowDocumentError: Error, Hashable, Sendable, CustomStringConvertible {
    public var issues: [FlowIssue]

    public init(issues: [FlowIssue]) {
        self.issues = issues
    }

    public var description: String { issues.map(\.description).joined(separator: "; ") }
}

/// Builds paths like `steps[2].branches[0].goto`.
struct FlowPath {
    var text: String

    init(_ text: String = "") { self.text = text }

    func key(_ name: String) -> FlowPath { FlowPath(text.isEmpty ? name : text + "." + name) }
    func index(_ i: Int) -> FlowPath { FlowPath(text + "[\(i)]") }
}
