public import Foundation

/// `/admin/macros`: saved replies and the form to add one.
public struct MacrosViewModel: Sendable, Hashable {
    public var context: AdminContext
    public var macros: [MacroOption]
    /// The variables a body may use (`first_name`, …), shown as help.
    public var variables: [String]
    /// Where the add form posts (`name`, `body`); `<action>/<id>/delete` deletes.
    public var action: String

    /// Creates the model.
    public init(context: AdminContext, macros: [MacroOption], variables: [String], action: String = "/admin/macros") {
        self.context = context
        self.macros = macros
        self.variables = variables
        self.action = action
    }
}

/// `/admin/routing`: teams with their members, and the ordered routing rules.
public struct RoutingViewModel: Sendable, Hashable {
    /// A team and its members' names.
    public struct TeamRow: Sendable, Hashable {
        public var id: String
        public var name: String
        public var members: [String]
        /// The members' ids, to check their boxes in the edit form.
        public var memberIDs: Set<String>
        /// The team's own hours; nil follows the shop's.
        public var hours: HoursForm?

        /// Creates a row.
        public init(id: String, name: String, members: [String], memberIDs: Set<String> = [], hours: HoursForm? = nil) {
            self.id = id
            self.name = name
            self.members = members
            self.memberIDs = memberIDs
            self.hours = hours
        }
    }

    /// Opening hours as the form shows them: a time zone, `HH:MM` pairs by weekday (`mon`…), holidays.
    public struct HoursForm: Sendable, Hashable {
        public var timeZone: String
        public var days: [String: [String]]
        public var holidays: [String]

        /// Creates the form's values.
        public init(timeZone: String, days: [String: [String]], holidays: [String]) {
            self.timeZone = timeZone
            self.days = days
            self.holidays = holidays
        }

        /// "Mon–Fri 09:00–18:00 (Europe/Berlin), 2 holidays".
        public var summary: String {
            let order = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            let open = order.filter { days[$0]?.count == 2 }
            let spans = open.map { "\($0.prefix(1).uppercased() + $0.dropFirst()) \(days[$0]?.joined(separator: "–") ?? "")" }
            var text = (spans.isEmpty ? "every day" : spans.joined(separator: ", ")) + " (\(timeZone))"
            if !holidays.isEmpty { text += ", \(holidays.count) holiday" + (holidays.count == 1 ? "" : "s") }
            return text
        }
    }

    /// An agent's presence, load and capacity.
    public struct AgentRow: Sendable, Hashable {
        public var id: String
        public var name: String
        public var presence: String
        public var openCount: Int
        public var capacity: Int

        /// Creates a row.
        public init(id: String, name: String, presence: String, openCount: Int, capacity: Int) {
            self.id = id
            self.name = name
            self.presence = presence
            self.openCount = openCount
            self.capacity = capacity
        }
    }

    /// A rule in order: what it matches and where it sends.
    public struct RuleRow: Sendable, Hashable {
        public var id: String
        public var name: String
        /// "channel chat · page checkout · cart ≥ 200.00".
        public var conditions: String
        /// "team VIP · priority 5".
        public var outcome: String

        /// Creates a row.
        public init(id: String, name: String, conditions: String, outcome: String) {
            self.id = id
            self.name = name
            self.conditions = conditions
            self.outcome = outcome
        }
    }

    public var context: AdminContext
    public var teams: [TeamRow]
    public var rules: [RuleRow]
    /// Agents for the team form's checkboxes, with their presence and load ("online · 2/5").
    public var agents: [AgentOption]
    public var agentLoads: [String: String]
    /// Agents with their capacity, for the capacity forms.
    public var agentRows: [AgentRow] = []
    /// The shop's zone, the form's default for a team's hours.
    public var shopTimeZone: String = "UTC"

    /// Creates the model.
    public init(context: AdminContext, teams: [TeamRow], rules: [RuleRow], agents: [AgentOption], agentLoads: [String: String] = [:]) {
        self.context = context
        self.teams = teams
        self.rules = rules
        self.agents = agents
        self.agentLoads = agentLoads
    }
}
