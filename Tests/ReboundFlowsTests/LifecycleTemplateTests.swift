import Foundation
import ReboundCore
import ReboundFlows
import Testing

@Suite struct LifecycleTemplateTests {
    @Test func welcomeOffersACodeOnlyWithoutAFirstOrder() {
        let run = walk(template("welcome"), customerContext())
        #expect(
            run.entries.map(\.description) == [
                "+0.0h email:welcome.story", "+48.0h email:welcome.bestsellers", "+120.0h discount:percent10", "+120.0h email:welcome.first_order",
                "+120.0h exit:completed",
            ]
        )
        let ordered = walk(template("welcome"), customerContext()) { wake in
            wake == t0 + 5 * day ? (.customerUpdated(CustomerFacts(customerID: "cus_1", emailConsent: true, orderCount: 1)), t0 + 3 * day) : nil
        }
        #expect(ordered.entries.map(\.description).suffix(2) == ["+48.0h email:welcome.bestsellers", "+120.0h exit:completed"])
        #expect(ordered.state.completedSteps.suffix(2) == ["has_ordered", "done"])
        #expect(walk(template("welcome"), customerContext(emailConsent: false)).state.exitReason == .entryConditionsNotMet)
    }

    @Test func postPurchaseAsksForAReviewSevenDaysAfterFulfilment() throws {
        let run = walk(template("post_purchase"), customerContext())
        #expect(
            run.entries.map(\.description) == [
                "+0.0h email:post_purchase.thanks", "+168.0h email:post_purchase.review", "+336.0h email:post_purchase.cross_sell",
                "+336.0h exit:completed",
            ]
        )
        let tenDays = try FlowTemplates.apply("post_purchase", overrides: ["steps": [["id": "wait_review", "wait": "10d"]]])
        #expect(walk(tenDays, customerContext()).entries[1] == Entry(at: t0 + 10 * day, what: "email:post_purchase.review"))
    }

    @Test func winBackSendsAt10LocalOnDay60And90() {
        // Triggered Monday 2 March 2026 12:00 UTC = 13:00 in Berlin: the next 10:00 Berlin is Tuesday 09:00 UTC.
        let run = walk(template("win_back"), customerContext(clv: 30_000, timeZone: "Europe/Berlin"))
        #expect(
            run.entries == [
                Entry(at: utc("2026-03-03T09:00:00Z"), what: "discount:percent15"),
                Entry(at: utc("2026-03-03T09:00:00Z"), what: "email:win_back.miss_you"),
                // 30 days after the trigger is 1 April 12:00 UTC (14:00 CEST); next 10:00 CEST is 2 April 08:00 UTC.
                Entry(at: utc("2026-04-02T08:00:00Z"), what: "email:win_back.last_chance"),
                Entry(at: utc("2026-04-02T08:00:00Z"), what: "exit:completed"),
            ]
        )
    }

    @Test func winBackOnlyForValuableCustomers() {
        #expect(walk(template("win_back"), customerContext(clv: 100)).state.exitReason == .entryConditionsNotMet)
        #expect(walk(template("win_back"), customerContext(clv: 100, margin: 6_000)).state.status == .completed)
        #expect(walk(template("win_back"), customerContext()).state.exitReason == .entryConditionsNotMet)
        let ordered = walk(template("win_back"), customerContext(clv: 30_000)) { _ in (.orderPlaced(orderID: "o", cartID: nil), t0 + hour) }
        #expect(ordered.state.exitReason == .orderPlaced)
    }

    @Test func winBackTriggerMatchesDays() {
        let trigger = template("win_back").trigger
        #expect(trigger.matches(Event(id: "e", type: "no_order_for_days", occurredAt: t0, properties: ["days": 60])))
        #expect(!trigger.matches(Event(id: "e", type: "no_order_for_days", occurredAt: t0, properties: ["days": 30])))
    }

    @Test func loyaltyTierTagsAndSendsACodeWhenSpendCrosses() {
        let run = walk(template("loyalty_tier"), customerContext())
        #expect(
            run.entries.map(\.description) == ["+0.0h tag:vip", "+0.0h discount:percent15", "+0.0h email:loyalty_tier.vip", "+0.0h exit:completed"]
        )
        #expect(run.state.context.customer.tags == ["vip"])
        let trigger = template("loyalty_tier").trigger
        let crossing = Event(id: "e", type: "lifetime_spend_crossed", occurredAt: t0, properties: ["previous": 90_000, "current": 120_000])
        let above = Event(id: "e", type: "lifetime_spend_crossed", occurredAt: t0, properties: ["previous": 110_000, "current": 120_000])
        #expect(trigger.matches(crossing) && !trigger.matches(above))
    }

    @Test func everyTemplateValidatesAndRoundTripsThroughJSON() throws {
        #expect(FlowTemplates.all.map(\.id) == FlowTemplates.ids)
        for flow in FlowTemplates.all {
            #expect(FlowValidator().validate(flow) == [], "\(flow.id)")
            let json = String(decoding: flow.jsonData(pretty: true), as: UTF8.self)
            #expect(try FlowDocument.parse(json) == flow)
        }
    }
}
