import Foundation
import ReboundCore
import ReboundFlows
import Testing

@Suite struct TemplateOverrideTests {
    @Test func topLevelKeysReplaceAndStepsMergeByID() throws {
        let body: JSONValue = [
            "template": "cart_recovery", "id": "my_recovery", "name": "Mine",
            "exit_on": ["cart_converted", "unsubscribed", "conversation_opened"],
            "steps": [
                ["id": "wait_1h", "wait": "2h"],
                ["id": "discount", "discount": ["kind": "free_shipping", "expires_in": "24h"]],
                ["id": "email_reviews", "remove": true],
                ["id": "slack", "type": "notify_slack", "channel": "#carts", "template": "cart.slack"],
            ],
        ]
        let flow = try FlowTemplates.document(fromRequest: body)
        #expect(flow.id == "my_recovery" && flow.name == "Mine" && flow.trigger.type == .cartAbandoned)
        #expect(flow.steps.map(\.id) == ["wait_1h", "email_help", "wait_24h", "wait_48h", "discount", "email_offer", "slack"])
        #expect(flow.step("wait_1h")?.wait == "2h" && flow.step("wait_1h")?.from == .trigger)
        #expect(flow.step("discount")?.discount == DiscountSpec.freeShipping(expiresIn: "24h"))
        #expect(flow.effectiveExitOn.contains(.conversationOpened))
        #expect(FlowValidator().validate(flow) == [])
        #expect(walk(flow, cartContext()).entries.first == Entry(at: t0 + 2 * hour, what: "email:cart_recovery.help"))
    }

    @Test func wholeDocumentOrUnknownTemplate() throws {
        let whole = try FlowTemplates.document(fromRequest: FlowTemplates.template("sms_cart")!.jsonValue())
        #expect(whole == FlowTemplates.template("sms_cart"))
        #expect(
            throws: FlowDocumentError(issues: [
                FlowIssue(path: "template", message: "unknown template 'nope'; known: \(FlowTemplates.ids.joined(separator: ", "))")
            ])
        ) {
            try FlowTemplates.apply("nope")
        }
        #expect(throws: FlowDocumentError.self) { try FlowTemplates.apply("welcome", overrides: ["steps": [["wait": "1h"]]]) }
    }

    @Test func vipThresholdIsAnOverride() throws {
        let flow = try FlowTemplates.apply("vip_cart", overrides: ["entry_conditions": [["field": "cart.value", "op": "gte", "value": 100_000]]])
        #expect(walk(flow, cartContext(value: 60_000)).state.exitReason == .entryConditionsNotMet)
        #expect(walk(flow, cartContext(value: 100_000)).state.status == .completed)
    }
}
