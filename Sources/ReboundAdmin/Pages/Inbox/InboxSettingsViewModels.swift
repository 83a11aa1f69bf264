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

        /// Creates a row.
        public init(id: String, name: String, members: [String]) {
            self.id = id
            self.name = name
            self.members = members
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

    /// Creates the model.
    public init(context: AdminContext, teams: [TeamRow], rules: [RuleRow], agents: [AgentOption], agentLoads: [String: String] = [:]) {
        self.context = context
        self.teams = teams
        self.rules = rules
        self.agents = agents
        self.agentLoads = agentLoads
    }
}
