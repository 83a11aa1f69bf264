import Foundation
import ReboundCore
import ReboundFlows
import Testing

@Suite struct ExperimentTests {
    let experiment = FlowExperiment(
        id: "timing",
        holdoutPercent: 10,
        variants: [FlowVariant(id: "control", weight: 1), FlowVariant(id: "later", weight: 1, steps: [["id": "wait_1h", "wait": "2h"]])]
    )

    @Test func sameCustomerSameVariant() {
        let first = ExperimentAssignment.assign(flowID: "cart_recovery", experiment: experiment, subject: "cus_42")
        for _ in 0..<5 { #expect(ExperimentAssignment.assign(flowID: "cart_recovery", experiment: experiment, subject: "cus_42") == first) }
        // Pinned, so a change to the hash (which would reshuffle running experiments) fails here.
        #expect(StableHash.hash("") == StableHash.mix(0xcbf2_9ce4_8422_2325))
        #expect(StableHash.hash("a") != StableHash.hash("b"))
    }

    @Test func sharesFollowTheConfiguration() {
        let weighted = FlowExperiment(id: "w", holdoutPercent: 20, variants: [FlowVariant(id: "a", weight: 3), FlowVariant(id: "b", weight: 1)])
        var counts: [String: Int] = [:]
        for i in 0..<10_000 { counts[ExperimentAssignment.assign(flowID: "f", experiment: weighted, subject: "cus_\(i)"), default: 0] += 1 }
        #expect(abs(counts["holdout", default: 0] - 2_000) < 250)
        #expect(abs(counts["a", default: 0] - 6_000) < 300)
        #expect(abs(counts["b", default: 0] - 2_000) < 250)
    }

    @Test func engineRunsTheAssignedVariantAndHoldsOut() throws {
        var flow = template("cart_recovery")
        flow.experiment = experiment
        #expect(FlowValidator().validate(flow) == [])
        var seen: Set<String> = []
        for i in 0..<60 {
            let context = FlowContext(cart: cartContext().cart, customer: CustomerFacts(customerID: Customer.ID("cus_\(i)"), emailConsent: true))
            let run = walk(flow, context)
            let variant = run.state.variant ?? "none"
            seen.insert(variant)
            switch variant {
            case "holdout": #expect(run.entries.map(\.what) == ["exit:holdout"])
            case "later": #expect(run.entries.first == Entry(at: t0 + 2 * hour, what: "email:cart_recovery.help"))
            default: #expect(run.entries.first == Entry(at: t0 + hour, what: "email:cart_recovery.help"))
            }
            let messages = run.actions.compactMap { if case .send(let m) = $0 { m } else { nil } }
            #expect(messages.allSatisfy { $0.variant == variant })
        }
        #expect(seen == ["holdout", "control", "later"])
    }

    @Test func badExperimentIsRefused() {
        var flow = template("cart_recovery")
        flow.experiment = FlowExperiment(
            id: "x",
            holdoutPercent: 100,
            variants: [
                FlowVariant(id: "a", steps: [["id": "nope", "wait": "1h"]]), FlowVariant(id: "b", steps: [["id": "wait_1h", "wait": "-1h"]]),
            ]
        )
        #expect(
            FlowValidator().validate(flow).map(\.path) == [
                "experiment.holdout_percent", "experiment.variants[0].steps[0].id", "experiment.variants[1].steps[0].wait",
            ]
        )
    }
}
