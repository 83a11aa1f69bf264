/// The areas of the admin, in navigation order.
public enum AdminSection: String, Sendable, Hashable, CaseIterable {
    case dashboard, inbox, customers, segments, flows, experiments, messages, settings

    /// The navigation label.
    public var title: String {
        switch self {
        case .dashboard: "Dashboard"
        case .inbox: "Inbox"
        case .customers: "Customers"
        case .segments: "Segments"
        case .flows: "Flows"
        case .experiments: "Experiments"
        case .messages: "Messages"
        case .settings: "Settings"
        }
    }

    /// The path below the admin base path: `""` for the dashboard, else the raw value.
    public var pathComponent: String { self == .dashboard ? "" : rawValue }
}
