public import Foundation

/// The segment list with live member counts.
public struct SegmentsViewModel: Sendable, Hashable {
    public var context: AdminContext
    public var segments: [SegmentRow]
    public var newSegmentURL: String
    public var source: DataSource

    /// Creates the model.
    public init(context: AdminContext, segments: [SegmentRow], newSegmentURL: String = "/admin/segments/new", source: DataSource) {
        self.context = context
        self.segments = segments
        self.newSegmentURL = newSegmentURL
        self.source = source
    }
}

/// One segment.
public struct SegmentRow: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The rules in words ("spend ≥ €500 and last order > 60 days ago").
    public var summary: String
    /// Customers in the segment now.
    public var count: Int
    /// Customers in it at the start of the period, for the change.
    public var previousCount: Int?
    /// Daily counts over the period, for a sparkline.
    public var dailyCounts: [Int]
    /// Flows that use the segment.
    public var usedBy: [String]
    public var countedAt: Date?
    public var editURL: String
    /// The customer list filtered to the segment.
    public var customersURL: String?

    /// Creates a row.
    public init(
        id: String,
        name: String,
        summary: String,
        count: Int,
        previousCount: Int? = nil,
        dailyCounts: [Int] = [],
        usedBy: [String] = [],
        countedAt: Date? = nil,
        editURL: String,
        customersURL: String? = nil
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.count = count
        self.previousCount = previousCount
        self.dailyCounts = dailyCounts
        self.usedBy = usedBy
        self.countedAt = countedAt
        self.editURL = editURL
        self.customersURL = customersURL
    }
}

/// The segment editor: a name, all/any, and rule rows of field, operator and value.
///
/// The form posts `name`, `description`, `match` (`all`/`any`), and for each row `rules[i][field]`, `rules[i][op]`,
/// `rules[i][value]`. Buttons post `intent`: `save`, `preview` (count without saving), `add` (one more row) or
/// `remove-<i>`, so the editor works without JavaScript; the handler re-renders with the rows it got.
public struct SegmentEditorViewModel: Sendable, Hashable {
    public enum Match: String, Sendable, Hashable {
        case all, any
    }

    public var context: AdminContext
    /// nil for a new segment.
    public var segmentID: String?
    public var name: String
    public var description: String
    public var match: Match
    public var rules: [SegmentRuleRow]
    /// The fields a rule can use, with their operators.
    public var fields: [SegmentFieldOption]
    /// Where the form posts.
    public var action: String
    /// Customers matching the rules as they are in the form, after "Preview".
    public var previewCount: Int?
    /// Errors about the whole segment (an empty name).
    public var errors: [String]
    public var cancelURL: String
    /// Where a delete form posts; nil hides it.
    public var deleteURL: String?

    /// Creates the model.
    public init(
        context: AdminContext,
        segmentID: String? = nil,
        name: String = "",
        description: String = "",
        match: Match = .all,
        rules: [SegmentRuleRow] = [],
        fields: [SegmentFieldOption],
        action: String,
        previewCount: Int? = nil,
        errors: [String] = [],
        cancelURL: String = "/admin/segments",
        deleteURL: String? = nil
    ) {
        self.context = context
        self.segmentID = segmentID
        self.name = name
        self.description = description
        self.match = match
        self.rules = rules
        self.fields = fields
        self.action = action
        self.previewCount = previewCount
        self.errors = errors
        self.cancelURL = cancelURL
        self.deleteURL = deleteURL
    }
}

/// One rule row as typed.
public struct SegmentRuleRow: Sendable, Hashable {
    /// A `SegmentFieldOption.value`.
    public var field: String
    /// A `SegmentOperatorOption.value`.
    public var op: String
    public var value: String
    /// Why the row is invalid ("enter a number of days").
    public var error: String?

    /// Creates a row.
    public init(field: String, op: String, value: String, error: String? = nil) {
        self.field = field
        self.op = op
        self.value = value
        self.error = error
    }
}

/// A field a rule can use (`SegmentField`), with its label and allowed operators.
public struct SegmentFieldOption: Sendable, Hashable {
    /// The raw value sent in the form (`spend`).
    public var value: String
    /// "Spend (net, in cents)".
    public var label: String
    public var operators: [SegmentOperatorOption]
    /// What to type ("amount in cents", "days", "comma-separated country codes").
    public var hint: String?

    /// Creates a field option.
    public init(value: String, label: String, operators: [SegmentOperatorOption], hint: String? = nil) {
        self.value = value
        self.label = label
        self.operators = operators
        self.hint = hint
    }
}

/// An operator (`SegmentOperator`) with its label.
public struct SegmentOperatorOption: Sendable, Hashable {
    /// The raw value sent in the form (`gte`).
    public var value: String
    /// "at least".
    public var label: String

    /// Creates an operator option.
    public init(value: String, label: String) {
        self.value = value
        self.label = label
    }
}
