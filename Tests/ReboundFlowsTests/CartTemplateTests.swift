import Foundation
import ReboundCore
import ReboundFlows
import Testing

@Suite struct CartTemplateTests {
    @Test func cartRecoverySendsAt1h24h48h() {
        let run = walk(template("cart_recovery"), cartContext())
        #expect(
            run.entries == [
                Entry(at: t0 + 1 * hour, what: "email:cart_recovery.help"),
                Entry(at: t0 + 24 * hour, what: "email:cart_recovery.reviews"),
                Entry(at: t0 + 48 * hour, what: "discount:percent10"),
                Entry(at: t0 + 48 * hour, what: "email:cart_recovery.offer"),
                Entry(at: t0 + 48 * hour, what: "exit:completed"),
            ]
        )
        #expect(run.state.status == .completed)
        // The code is valid 48 h from when it is issued.
        #expect(run.actions.contains { if case .issueDiscount(_, _, _, _, let expiresAt) = $0 { expiresAt == t0 + 96 * hour } else { false } })
    }

    @Test func cartRecoveryExitsWhenTheCartConvertsBetweenSteps() {
        let run = walk(template("cart_recovery"), cartContext()) { wake in
            wake == t0 + 24 * hour ? (.cartConverted(cartID: "cart_1"), t0 + 5 * hour) : nil
        }
        #expect(run.entries == [Entry(at: t0 + hour, what: "email:cart_recovery.help"), Entry(at: t0 + 5 * hour, what: "exit:cart_converted")])
        #expect(run.state.exitReason == .cartConverted)
        #expect(run.state.completedSteps == ["wait_1h", "email_help"])
    }

    @Test func anotherCartOrOrderOfThePersonDoesNotEndACartRun() {
        let engine = FlowEngine()
        let started = engine.start(template("cart_recovery"), runID: "run_1", context: cartContext(), triggeredAt: t0, now: t0)
        let other = engine.handle(.cartConverted(cartID: "cart_other"), state: started.state, flow: template("cart_recovery"), now: t0 + 60)
        #expect(other.state.status == .waiting && other.actions.isEmpty)
        let order = engine.handle(.orderPlaced(orderID: "ord_9", cartID: nil), state: started.state, flow: template("cart_recovery"), now: t0 + 60)
        #expect(order.state.status == .waiting && order.actions.isEmpty)
        let own = engine.handle(.orderPlaced(orderID: "ord_1", cartID: "cart_1"), state: started.state, flow: template("cart_recovery"), now: t0 + 60)
        #expect(own.state.exitReason == .cartConverted)
    }

    @Test func cartRecoverySkipsEmailWithoutConsent() {
        let run = walk(template("cart_recovery"), cartContext(emailConsent: false))
        #expect(
            run.entries.map(\.what).filter { $0.hasPrefix("skip:") } == [
                "skip:email_help:no_email_consent", "skip:email_reviews:no_email_consent", "skip:email_offer:no_email_consent",
            ]
        )
    }

    @Test func cartRecovery72hPutsTheStrongerIncentiveLast() {
        let run = walk(template("cart_recovery_72h"), cartContext())
        #expect(
            run.entries == [
                Entry(at: t0 + 1 * hour, what: "email:cart_recovery_72h.reminder"),
                Entry(at: t0 + 24 * hour, what: "discount:free_shipping"),
                Entry(at: t0 + 24 * hour, what: "email:cart_recovery_72h.free_shipping"),
                Entry(at: t0 + 72 * hour, what: "discount:percent15"),
                Entry(at: t0 + 72 * hour, what: "email:cart_recovery_72h.offer"),
                Entry(at: t0 + 72 * hour, what: "exit:completed"),
            ]
        )
    }

    @Test func smsCartSendsAfter3hOnlyWithConsent() {
        let consenting = walk(template("sms_cart"), cartContext(smsConsent: true))
        #expect(consenting.entries == [Entry(at: t0 + 3 * hour, what: "sms:sms_cart.reminder"), Entry(at: t0 + 3 * hour, what: "exit:completed")])
        let silent = walk(template("sms_cart"), cartContext(smsConsent: false))
        #expect(silent.entries == [Entry(at: t0, what: "exit:entry_conditions_not_met")])
    }

    @Test func smsStepInAnyFlowIsSkippedWithoutConsent() throws {
        let flow = try template("cart_recovery").applying(overrides: ["steps": [["id": "sms", "type": "send_sms", "template": "cart.sms"]]])
        let run = walk(flow, cartContext(smsConsent: false))
        #expect(run.entries.suffix(2).map(\.what) == ["skip:sms:no_sms_consent", "exit:completed"])
    }

    @Test func checkoutAbandonedEndsWhenAConversationOpens() {
        let full = walk(template("checkout_abandoned"), cartContext())
        #expect(
            full.entries.map(\.description) == [
                "+1.0h email:checkout_abandoned.help", "+24.0h email:checkout_abandoned.reminder", "+24.0h exit:completed",
            ]
        )
        let talked = walk(template("checkout_abandoned"), cartContext()) { wake in
            wake == t0 + 24 * hour ? (.conversationOpened, t0 + 2 * hour) : nil
        }
        #expect(talked.state.exitReason == .conversationOpened)
        // Cart recovery does not list conversation_opened, so a conversation does not end it.
        let engine = FlowEngine()
        let cart = engine.start(template("cart_recovery"), runID: "r", context: cartContext(), triggeredAt: t0, now: t0)
        #expect(engine.handle(.conversationOpened, state: cart.state, flow: template("cart_recovery"), now: t0).state.status == .waiting)
    }

    @Test func browseAbandonedSendsAfter2hAndEndsOnAnyOrder() {
        let run = walk(template("browse_abandoned"), customerContext())
        #expect(run.entries.map(\.description) == ["+2.0h email:browse_abandoned.recommendations", "+2.0h exit:completed"])
        let bought = walk(template("browse_abandoned"), customerContext()) { _ in (.orderPlaced(orderID: "o", cartID: nil), t0 + hour) }
        #expect(bought.state.exitReason == .orderPlaced)
    }

    @Test func vipCartCreatesATaskAndSlackAlertAtOnce() {
        let run = walk(template("vip_cart"), cartContext(value: 50_000))
        #expect(
            run.entries.map(\.what) == ["task:vip_cart.task:vip:high", "slack:#vip-carts:vip_cart.slack", "exit:completed"]
        )
        #expect(run.entries.allSatisfy { $0.at == t0 })
        #expect(walk(template("vip_cart"), cartContext(value: 49_999)).state.exitReason == .entryConditionsNotMet)
    }

    @Test func vipCartReplacesTheGenericFlow() {
        let event = Event(id: "evt_1", type: EventType.cartAbandoned, occurredAt: t0)
        let flows = FlowTemplates.all
        let big = FlowSelector.flowsToStart(for: event, context: cartContext(value: 60_000), among: flows).map(\.id)
        #expect(big == ["vip_cart"])
        let small = FlowSelector.flowsToStart(for: event, context: cartContext(value: 6_000, smsConsent: true), among: flows).map(\.id)
        #expect(small == ["cart_recovery", "sms_cart"])
    }
}
