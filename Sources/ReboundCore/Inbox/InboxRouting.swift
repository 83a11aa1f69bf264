public import Foundation

/// One ordered routing rule of a shop: when every set condition holds, the conversation goes to `teamID` and/or
/// gets `priority`. Unset conditions match anything.
public struct RoutingRule: Sendable, Hashable, Codable {
    public var id: String
    public var name: String
    /// `chat`, `email`, `sms`, `messenger`, `instagram`, `whatsapp`.
    public var channel: String?
    /// The page the shopper is on: `checkout` when their cart is at checkout, else `cart`.
    public var page: String?
    /// The detected intent (`shipping`, `returns`, …).
    public var intent: String?
    /// A language code (`de`); matches `de-AT` too.
    public var language: String?
    /// A tag the customer carries.
    public var customerTag: String?
    /// The live cart's value in minor units must be at least this.
    public var minimumCartValue: Int64?
    public var teamID: String?
    public var priority: Int?

    public init(
        id: String,
        name: String,
        channel: String? = nil,
        page: String? = nil,
        intent: String? = nil,
        language: String? = nil,
        customerTag: String? = nil,
        minimumCartValue: Int64? = nil,
        teamID: String? = nil,
        priority: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.channel = channel
        self.page = page
        self.intent = intent
        self.language = language
        self.customerTag = customerTag
        self.minimumCartValue = minimumCartValue
        self.teamID = teamID
        self.priority = priority
    }

    /// Whether the rule's conditions all hold for a conversation.
    public func matches(_ facts: RoutingFacts) -> Bool {
        if let channel, channel.lowercased() != facts.channel.lowercased() { return false }
        if let page, page.lowercased() != facts.page?.lowercased() { return false }
        if let intent, intent.lowercased() != facts.intent?.lowercased() { return false }
        if let language {
            guard let spoken = facts.language?.lowercased() else { return false }
            let wanted = language.lowercased()
            if spoken != wanted, !spoken.hasPrefix(wanted + "-"), !spoken.hasPrefix(wanted + "_") { return false }
        }
        if let customerTag, !facts.customerTags.contains(where: { $0.lowercased() == customerTag.lowercased() }) { return false }
        if let minimumCartValue, (facts.cartValue ?? -1) < minimumCartValue { return false }
        return true
    }
}

/// What routing knows about a conversation when it is created or reopened.
public struct RoutingFacts: Sendable, Hashable {
    public var channel: String
    public var page: String?
    public var intent: String?
    public var language: String?
    public var customerTags: [String]
    /// The live (not closed) cart's value in minor units.
    public var cartValue: Int64?

    public init(
        channel: String,
        page: String? = nil,
        intent: String? = nil,
        language: String? = nil,
        customerTags: [String] = [],
        cartValue: Int64? = nil
    ) {
        self.channel = channel
        self.page = page
        self.intent = intent
        self.language = language
        self.customerTags = customerTags
        self.cartValue = cartValue
    }
}

/// Where routing sends a conversation.
public struct RoutingDecision: Sendable, Hashable {
    /// The matching rule's team; nil is the shop-wide queue.
    public var teamID: String?
    public var priority: Int
    /// The rule that matched, if any.
    public var ruleID: String?

    public init(teamID: String?, priority: Int, ruleID: String?) {
        self.teamID = teamID
        self.priority = priority
        self.ruleID = ruleID
    }
}

/// An agent as assignment sees them.
public struct AgentLoad: Sendable, Hashable {
    public var agentID: String
    public var isOnline: Bool
    /// Open conversations assigned now.
    public var openCount: Int
    public var capacity: Int
    /// When they last got a conversation; nil has never had one (idle longest).
    public var lastAssignedAt: Date?

    public init(agentID: String, isOnline: Bool, openCount: Int, capacity: Int, lastAssignedAt: Date?) {
        self.agentID = agentID
        self.isOnline = isOnline
        self.openCount = openCount
        self.capacity = capacity
        self.lastAssignedAt = lastAssignedAt
    }

    public var hasRoom: Bool { isOnline && openCount < capacity }
}

/// Routing and assignment of inbox conversations: pure, so every rule is testable without a database.
public enum InboxRouter {
    /// The priority a checkout conversation gets when no rule sets one: a shopper stuck at checkout is a sale at stake.
    public static let checkoutPriority = 10

    /// The first rule that matches decides (rules in order); no match is no team. Checkout conversations get at least
    /// `checkoutPriority`.
    public static func route(_ facts: RoutingFacts, rules: [RoutingRule]) -> RoutingDecision {
        let floor = facts.page?.lowercased() == "checkout" ? checkoutPriority : 0
        guard let rule = rules.first(where: { $0.matches(facts) }) else {
            return RoutingDecision(teamID: nil, priority: floor, ruleID: nil)
        }
        return RoutingDecision(teamID: rule.teamID, priority: max(rule.priority ?? 0, floor), ruleID: rule.id)
    }

    /// The online agent with room and the fewest open conversations; ties go to the one idle longest. Nil when nobody
    /// has room: the conversation waits in its queue.
    public static func pickAgent(_ candidates: [AgentLoad]) -> String? {
        candidates.filter(\.hasRoom).min { a, b in
            if a.openCount != b.openCount { return a.openCount < b.openCount }
            switch (a.lastAssignedAt, b.lastAssignedAt) {
            case (nil, nil): return a.agentID < b.agentID
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x != y ? x < y : a.agentID < b.agentID
            }
        }?.agentID
    }
}

/// Fills `{{variable}}` placeholders of a saved reply; unknown or empty variables become an empty string.
public enum MacroText {
    /// The variables macros may use, for the editor's help text.
    public static let variables = ["first_name", "order_number", "tracking_url", "discount_code"]

    public static func fill(_ body: String, _ values: [String: String]) -> String {
        var out = ""
        var rest = body[...]
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            out += values[name] ?? ""
            rest = rest[close.upperBound...]
        }
        return out + rest
    }
}
