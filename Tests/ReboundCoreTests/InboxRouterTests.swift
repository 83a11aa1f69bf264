import Foundation
import ReboundCore
import Testing

/// Routing rules, least-busy assignment and macro variables, without a database.
@Suite struct InboxRouterTests {
    let t0 = Date(timeIntervalSince1970: 1_795_687_200)

    let rules = [
        RoutingRule(id: "r1", name: "Big carts", minimumCartValue: 20_000, teamID: "vip", priority: 5),
        RoutingRule(id: "r2", name: "Returns", intent: "returns", teamID: "returns"),
        RoutingRule(id: "r3", name: "German", language: "de", teamID: "german"),
        RoutingRule(id: "r4", name: "Tagged VIP", customerTag: "VIP", teamID: "vip"),
        RoutingRule(id: "r5", name: "Instagram", channel: "instagram", teamID: "social"),
    ]

    @Test func aCartAtOrAboveTheThresholdGoesToTheVIPTeam() {
        let at = InboxRouter.route(RoutingFacts(channel: "chat", page: "cart", cartValue: 20_000), rules: rules)
        #expect(at == RoutingDecision(teamID: "vip", priority: 5, ruleID: "r1"))
        let below = InboxRouter.route(RoutingFacts(channel: "chat", page: "cart", cartValue: 19_999), rules: rules)
        #expect(below == RoutingDecision(teamID: nil, priority: 0, ruleID: nil))
        let noCart = InboxRouter.route(RoutingFacts(channel: "chat"), rules: rules)
        #expect(noCart.teamID == nil)
    }

    @Test func checkoutConversationsGetPriorityWithOrWithoutARule() {
        let plain = InboxRouter.route(RoutingFacts(channel: "chat", page: "checkout", cartValue: 5_000), rules: rules)
        #expect(plain.priority == InboxRouter.checkoutPriority && plain.teamID == nil)
        // A rule's lower priority does not push a checkout conversation down.
        let big = InboxRouter.route(RoutingFacts(channel: "chat", page: "checkout", cartValue: 50_000), rules: rules)
        #expect(big == RoutingDecision(teamID: "vip", priority: InboxRouter.checkoutPriority, ruleID: "r1"))
        let checkoutRule = [RoutingRule(id: "c", name: "Checkout", page: "checkout", teamID: "sales", priority: 50)]
        #expect(InboxRouter.route(RoutingFacts(channel: "chat", page: "checkout"), rules: checkoutRule).priority == 50)
        #expect(InboxRouter.route(RoutingFacts(channel: "chat", page: "cart"), rules: checkoutRule).teamID == nil)
    }

    @Test func intentLanguageTagAndChannelMatchAndTheFirstRuleWins() {
        #expect(InboxRouter.route(RoutingFacts(channel: "email", intent: "returns"), rules: rules).teamID == "returns")
        #expect(InboxRouter.route(RoutingFacts(channel: "email", language: "de-AT"), rules: rules).teamID == "german")
        #expect(InboxRouter.route(RoutingFacts(channel: "email", language: "DE"), rules: rules).teamID == "german")
        #expect(InboxRouter.route(RoutingFacts(channel: "email", language: "den"), rules: rules).teamID == nil)
        #expect(InboxRouter.route(RoutingFacts(channel: "sms", customerTags: ["vip"]), rules: rules).teamID == "vip")
        #expect(InboxRouter.route(RoutingFacts(channel: "instagram"), rules: rules).ruleID == "r5")
        // Returns (r2) comes before German (r3).
        let both = InboxRouter.route(RoutingFacts(channel: "email", intent: "returns", language: "de"), rules: rules)
        #expect(both.ruleID == "r2")
        // Every condition of a rule must hold.
        let strict = [RoutingRule(id: "s", name: "German chat", channel: "chat", language: "de", teamID: "g")]
        #expect(InboxRouter.route(RoutingFacts(channel: "email", language: "de"), rules: strict).teamID == nil)
        #expect(InboxRouter.route(RoutingFacts(channel: "chat", language: "de"), rules: strict).teamID == "g")
    }

    @Test func theLeastBusyOnlineAgentWithRoomIsPicked() {
        let agents = [
            AgentLoad(agentID: "ann", isOnline: true, openCount: 3, capacity: 5, lastAssignedAt: t0),
            AgentLoad(agentID: "bob", isOnline: true, openCount: 1, capacity: 5, lastAssignedAt: t0),
            AgentLoad(agentID: "cat", isOnline: false, openCount: 0, capacity: 5, lastAssignedAt: nil),
            AgentLoad(agentID: "dan", isOnline: true, openCount: 0, capacity: 0, lastAssignedAt: nil),
        ]
        #expect(InboxRouter.pickAgent(agents) == "bob", "cat is offline, dan has no capacity")
        let full = [AgentLoad(agentID: "ann", isOnline: true, openCount: 5, capacity: 5, lastAssignedAt: nil)]
        #expect(InboxRouter.pickAgent(full) == nil)
        #expect(InboxRouter.pickAgent([]) == nil)
    }

    @Test func tiesGoToTheAgentIdleLongest() {
        let agents = [
            AgentLoad(agentID: "ann", isOnline: true, openCount: 1, capacity: 5, lastAssignedAt: t0.addingTimeInterval(60)),
            AgentLoad(agentID: "bob", isOnline: true, openCount: 1, capacity: 5, lastAssignedAt: t0),
        ]
        #expect(InboxRouter.pickAgent(agents) == "bob")
        let never = agents + [AgentLoad(agentID: "zed", isOnline: true, openCount: 1, capacity: 5, lastAssignedAt: nil)]
        #expect(InboxRouter.pickAgent(never) == "zed", "never assigned is idle longest")
    }

    @Test func macroVariablesAreFilledAndUnknownOnesDropped() {
        let body = "Hi {{first_name}}, order {{ order_number }} ships: {{tracking_url}}. Code {{discount_code}}{{nope}} {{unclosed"
        let filled = MacroText.fill(
            body,
            ["first_name": "Ann", "order_number": "#1001", "tracking_url": "https://t.example/1", "discount_code": "SAVE10"]
        )
        #expect(filled == "Hi Ann, order #1001 ships: https://t.example/1. Code SAVE10 {{unclosed")
        #expect(MacroText.fill("Hello {{first_name}}!", [:]) == "Hello !")
    }
}
