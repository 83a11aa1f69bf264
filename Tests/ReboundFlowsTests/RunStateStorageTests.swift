import Foundation
import ReboundCore
import ReboundFlows
import Testing

@Suite struct RunStateStorageTests {
    /// A state with every field set, dates with sub-millisecond parts.
    static let full = FlowRunState(
        id: "run_1",
        flowID: "cart_recovery",
        flowVersion: 3,
        status: .exited,
        currentStepID: "wait_24h",
        startedAt: Date(timeIntervalSince1970: 1_795_687_200.123456),
        wakeAt: Date(timeIntervalSince1970: 1_795_690_800.000_1),
        variant: "b",
        context: FlowContext(
            cart: CartFacts(
                cartID: "cart_9",
                anonymousID: "anon \"quoted\"",
                value: 12_345,
                currency: .eur,
                itemCount: 2,
                productIDs: ["p1", "p2"],
                categories: ["shoes"]
            ),
            customer: CustomerFacts(
                customerID: "cus_1",
                tags: ["vip"],
                segments: ["s1"],
                emailConsent: true,
                smsConsent: false,
                hasEmail: true,
                hasPhone: true,
                country: "DE",
                timeZone: "Europe/Berlin",
                clv: 99_000,
                margin: -5,
                lifetimeSpend: 150_000,
                orderCount: 4
            ),
            engagement: Engagement(opened: ["email_1", "email_2"], clicked: ["email_1"]),
            event: ["value": 2500, "ratio": .double(0.25), "name": "Zoë\n", "nested": ["a": [true, .null]]]
        ),
        completedSteps: ["wait_1h", "email_1"],
        exitReason: .cartConverted,
        finishedAt: Date(timeIntervalSince1970: 1_795_700_000.5)
    )

    static let minimal = FlowRunState(
        id: "run_2",
        flowID: "welcome",
        flowVersion: 1,
        startedAt: Date(timeIntervalSince1970: 1_795_687_200),
        context: FlowContext(customer: CustomerFacts(hasEmail: false))
    )

    /// The hand-written stored form reads what `JSONEncoder` wrote (states stored before it), and `JSONDecoder` reads
    /// what it writes: the two are the same format.
    @Test(arguments: [full, minimal])
    func storedFormMatchesCodable(state: FlowRunState) throws {
        let byEncoder = String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
        #expect(try FlowRunState(storedJSON: byEncoder) == state)
        let byHand = state.storedJSON
        #expect(try JSONDecoder().decode(FlowRunState.self, from: Data(byHand.utf8)) == state)
        #expect(try FlowRunState(storedJSON: byHand) == state)
    }

    @Test func unreadableStatesAreRefusedWithTheField() {
        #expect(throws: FlowRunStateError.self) { try FlowRunState(storedJSON: "not json") }
        var broken = RunStateStorageTests.minimal.storedJSON
        broken = broken.replacingOccurrences(of: "\"flowVersion\":1", with: "\"flowVersion\":\"one\"")
        #expect(throws: FlowRunStateError(reason: "state.flowVersion is not an integer")) { try FlowRunState(storedJSON: broken) }
        #expect(throws: FlowRunStateError(reason: "state.status is missing")) { try FlowRunState(storedJSON: "{}") }
    }
}
