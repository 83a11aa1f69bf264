public import Foundation

/// The reporting period a page shows, and the GET form that changes it.
///
/// The form sends `from` and `to` (`yyyy-MM-dd`), `compare=1` when checked, and `days=7|30|90` when a preset button
/// was pressed; a handler should let `days` win over `from`/`to` (the preset is the newer choice).
public struct DateRangeSelection: Sendable, Hashable {
    /// A query parameter the form carries along unchanged (a search term, a filter).
    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String

        /// Creates a field.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// First day shown.
    public var from: Date
    /// Last day shown.
    public var to: Date
    /// The preset in effect (7, 30, 90), if the range came from one.
    public var presetDays: Int?
    /// Whether figures are compared with the previous period of the same length.
    public var compare: Bool
    /// Where the form submits (the current page's path).
    public var action: String
    /// Preset lengths offered as buttons.
    public var presets: [Int]
    /// Other query parameters to keep.
    public var preserved: [Field]

    /// Creates a selection.
    public init(
        from: Date,
        to: Date,
        presetDays: Int? = nil,
        compare: Bool = true,
        action: String,
        presets: [Int] = [7, 30, 90],
        preserved: [Field] = []
    ) {
        self.from = from
        self.to = to
        self.presetDays = presetDays
        self.compare = compare
        self.action = action
        self.presets = presets
        self.preserved = preserved
    }
}
