import Foundation
import ReboundCore
import ReboundFlows
import Testing

@Suite struct EngineTests {
    let engine = FlowEngine()
    let flow = template("cart_recovery")

    @Test func everyEffectHasAUniqueKeyFromRunAndStep() {
        let run = walk(flow, cartContext())
        let keys = run.actions.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(keys.contains("run_1:email_help") && keys.contains("run_1:wait_1h:timer") && keys.contains("run_1:exit"))
    }

    @Test func isDeterministic() {
        #expect(walk(flow, cartContext()).actions == walk(flow, cartContext()).actions)
    }

    @Test func lateTimerDoesNotShiftTheSchedule() {
        let started = engine.start(flow, runID: "r", context: cartContext(), triggeredAt: t0, now: t0)
        let late = engine.handle(.timerFired, state: started.state, flow: flow, now: t0 + 3 * hour)
        #expect(late.state.wakeAt == t0 + 24 * hour)
        // A run started long after its trigger catches up at once on waits that are already over.
        let catchUp = engine.start(flow, runID: "r", context: cartContext(), triggeredAt: t0, now: t0 + 30 * hour)
        #expect(catchUp.actions.compactMap(describe) == ["email:cart_recovery.help", "email:cart_recovery.reviews"])
        #expect(catchUp.state.wakeAt == t0 + 48 * hour)
    }

    @Test func earlyTimerIsRescheduled() {
        let started = engine.start(flow, runID: "r", context: cartContext(), triggeredAt: t0, now: t0)
        let early = engine.handle(.timerFired, state: started.state, flow: flow, now: t0 + 60)
        #expect(early.state == started.state)
        #expect(early.actions == [.scheduleTimer(key: "r:wait_1h:timer", stepID: "wait_1h", at: t0 + hour)])
    }

    @Test func unsubscribeEndsAndFinishedRunsIgnoreInput() {
        let started = engine.start(flow, runID: "r", context: cartContext(), triggeredAt: t0, now: t0)
        let gone = engine.handle(.unsubscribed(channel: .email), state: started.state, flow: flow, now: t0 + 60)
        #expect(gone.state.exitReason == .unsubscribed && gone.state.finishedAt == t0 + 60 && !gone.state.context.customer.emailConsent)
        #expect(engine.handle(.timerFired, state: gone.state, flow: flow, now: t0 + hour).actions.isEmpty)
    }

    @Test func runKeepsItsVersion() {
        let started = engine.start(flow, runID: "r", context: cartContext(), triggeredAt: t0, now: t0)
        var newer = flow
        newer.version = 2
        #expect(engine.handle(.timerFired, state: started.state, flow: newer, now: t0 + hour).state.exitReason == .versionMismatch)
        #expect(started.state.flowVersion == 1)
    }

    @Test func engagementFeedsBranches() throws {
        let json = #"""
            {"id": "eng", "name": "E", "version": 1, "trigger": {"type": "cart_abandoned"}, "steps": [
              {"id": "first", "type": "send_email", "template": "a"},
              {"id": "wait", "type": "wait", "wait": "1d"},
              {"id": "check", "type": "branch", "branches": [{"when": [{"field": "engagement.clicked", "op": "contains", "value": "first"}], "goto": "onsite"}], "else": "sms"},
              {"id": "sms", "type": "send_sms", "template": "b", "next": "end"},
              {"id": "onsite", "type": "show_onsite", "template": "welcome_back"},
              {"id": "end", "type": "exit", "reason": "done"}]}
            """#
        let flow = try FlowDocument.parse(json)
        #expect(FlowValidator().validate(flow) == [])
        let clicked = walk(flow, cartContext(smsConsent: true)) { _ in (.messageClicked(stepID: "first"), t0 + hour) }
        #expect(clicked.entries.map(\.what) == ["email:a", "onsite:welcome_back", "exit:done"])
        let ignored = walk(flow, cartContext(smsConsent: true))
        #expect(ignored.entries.map(\.what) == ["email:a", "sms:b", "exit:done"])
    }

    @Test func contextFromCoreModels() {
        let cart = Cart(
            id: "cart_9",
            token: "t",
            customerID: "cus_1",
            lines: [CartLine(productID: "p1", quantity: 2, price: 1_500), CartLine(productID: "p2", quantity: 1, price: 700)],
            currency: .eur,
            createdAt: t0
        )
        let facts = CartFacts(cart: cart, categories: ["p1": "shoes", "p2": "socks"])
        #expect(facts.value == 3_700 && facts.itemCount == 3 && facts.categories == ["shoes", "socks"])
        let customer = Customer(
            id: "cus_1",
            email: "a@b.de",
            tags: ["vip"],
            smsConsent: Consent(granted: true, source: "checkout", at: t0),
            createdAt: t0,
            updatedAt: t0
        )
        let person = CustomerFacts(customer: customer, clv: 1_000)
        #expect(person.mayReceive(.sms) == false && person.mayReceive(.email) == false && person.mayReceive(.onSite))
        let context = FlowContext(cart: facts, customer: person)
        #expect(
            ConditionEvaluator.holds(
                [.when("cart.categories", .contains, "SHOES"), .when("customer.tags", .containsAny, ["vip", "x"])],
                in: context
            )
        )
        #expect(!ConditionEvaluator.holds(.when("customer.country", .eq, "DE"), in: context))
        #expect(ConditionEvaluator.holds(.when("customer.country", .missing), in: context))
    }
}
