import Foundation
import ReboundCore
import ReboundFlows
import Testing

@Suite struct ValidatorTests {
    func issues(_ json: String, policy: DiscountPolicy = .init()) throws -> [FlowIssue] {
        let flow = try FlowDocument.parse(json)
        return FlowValidator(configuration: .init(discounts: policy)).validate(flow)
    }

    func paths(_ json: String, policy: DiscountPolicy = .init()) throws -> [String] { try issues(json, policy: policy).map(\.path) }

    let head = #""id": "f", "name": "F", "version": 1, "trigger": {"type": "cart_abandoned"}"#

    @Test func negativeWaitNamesTheStep() throws {
        let json =
            #"{\#(head), "steps": [{"id": "a", "type": "send_email", "template": "x"}, {"id": "b", "type": "wait", "wait": "1h"}, {"id": "c", "type": "wait", "wait": "-1h"}]}"#
        #expect(try issues(json) == [FlowIssue(path: "steps[2].wait", message: "must not be negative")])
    }

    @Test func cycleIsRefusedAtTheJumpBack() throws {
        let json = #"""
            {\#(head), "steps": [
              {"id": "wait_1h", "type": "wait", "wait": "1h"},
              {"id": "email", "type": "send_email", "template": "x"},
              {"id": "check", "type": "branch", "branches": [{"when": [{"field": "engagement.opened_any", "op": "eq", "value": false}], "goto": "wait_1h"}]},
              {"id": "end", "type": "exit"}]}
            """#
        let found = try issues(json)
        #expect(found.map(\.path) == ["steps[2].branches[0].goto"])
        #expect(found.first?.message == "jumps back to 'wait_1h' and forms a cycle: wait_1h → email → check → wait_1h")
        let viaNext = #"{\#(head), "steps": [{"id": "a", "type": "wait", "wait": "1h"}, {"id": "b", "type": "wait", "wait": "1h", "next": "a"}]}"#
        #expect(try paths(viaNext) == ["steps[1].next"])
    }

    @Test func unknownTrigger() throws {
        let json = #"{"id": "f", "name": "F", "version": 1, "trigger": {"type": "cart_abandonned"}, "steps": [{"id": "a", "type": "exit"}]}"#
        #expect(try paths(json) == ["trigger.type"])
        let custom = #"{"id": "f", "name": "F", "version": 1, "trigger": {"type": "custom_event"}, "steps": [{"id": "a", "type": "exit"}]}"#
        #expect(try paths(custom) == ["trigger.event"])
    }

    @Test func unknownConditionField() throws {
        let json = #"""
            {\#(head), "entry_conditions": [{"field": "cart.value", "op": "gte", "value": 100}, {"field": "cart.colour", "op": "eq", "value": "red"}],
             "steps": [{"id": "b", "type": "branch", "branches": [{"when": [{"any": [{"field": "customer.clv", "op": "gt", "value": 1}, {"field": "customer.shoe_size", "op": "eq", "value": 42}]}], "goto": "e"}]},
                       {"id": "e", "type": "exit"}]}
            """#
        #expect(try paths(json) == ["entry_conditions[1].field", "steps[0].branches[0].when[0].any[1].field"])
    }

    @Test func operatorMustFitTheField() throws {
        let json =
            #"{\#(head), "entry_conditions": [{"field": "customer.country", "op": "gt", "value": 1}, {"field": "cart.value", "op": "gte", "value": "lots"}, {"field": "customer.tags", "op": "contains", "value": "vip"}], "steps": [{"id": "e", "type": "exit"}]}"#
        #expect(try paths(json) == ["entry_conditions[0].op", "entry_conditions[1].value"])
    }

    @Test func discountAboveTheShopMaximum() throws {
        let json =
            #"{\#(head), "steps": [{"id": "w", "type": "wait", "wait": "1h"}, {"id": "d", "type": "issue_discount", "discount": {"kind": "percent", "value": 40, "expires_in": "48h"}}]}"#
        let found = try issues(json, policy: DiscountPolicy(maxPercent: 25))
        #expect(found == [FlowIssue(path: "steps[1].discount.value", message: "40% is above the shop's maximum of 25%")])
        let fixed = #"{\#(head), "steps": [{"id": "d", "type": "issue_discount", "discount": {"kind": "fixed", "value": 5000}}]}"#
        #expect(try paths(fixed, policy: DiscountPolicy(maxFixed: 2000)) == ["steps[0].discount.value"])
        let rule = #"{\#(head), "steps": [{"id": "d", "type": "issue_discount", "rule": "nope"}]}"#
        #expect(try paths(rule) == ["steps[0].rule"])
    }

    @Test func reportsEveryProblemAtOnce() throws {
        let json = #"""
            {"id": "Bad Id", "name": "", "version": 0, "trigger": {"type": "no_order_for_days"},
             "steps": [{"id": "a", "type": "wait", "wait": "0s"}, {"id": "a", "type": "teleport"}, {"id": "c", "type": "send_sms", "next": "zz"},
                       {"id": "d", "type": "notify_webhook", "url": "http://x"}, {"id": "e", "type": "tag_customer", "tags": []}],
             "exit_on": ["unsubscribed"]}
            """#
        #expect(
            try paths(json) == [
                "id", "name", "version", "trigger.days", "steps[0].wait", "steps[1].id", "steps[1].type", "steps[2].next", "steps[2].template",
                "steps[3].url", "steps[4].tags",
            ]
        )
    }

    @Test func unknownKeysAndWrongTypesAreRefusedWithPaths() {
        let typo = #"{\#(head), "steps": [{"id": "a", "type": "wait", "wiat": "1h"}]}"#
        #expect(throws: FlowDocumentError(issues: [FlowIssue(path: "steps[0].wiat", message: "is not a known key")])) { try FlowDocument.parse(typo) }
        let wrongType =
            #"{\#(head), "steps": [{"id": "a", "type": "wait", "wait": "1h"}, {"id": "b", "type": "issue_discount", "discount": {"kind": "percent", "value": "ten"}}]}"#
        do {
            _ = try FlowDocument.parse(wrongType)
            Issue.record("should not parse")
        } catch {
            #expect(error.issues.map(\.path) == ["steps[1].discount.value"])
        }
        #expect(throws: FlowDocumentError.self) { try FlowDocument.parse("{not json") }
        #expect(throws: FlowDocumentError.self) { try FlowDocument.parse(#"{"id": "f"}"#) }
    }

    @Test func readsYAML() throws {
        let yaml = """
            id: vip_yaml
            name: VIP from YAML
            version: 2
            trigger: {type: cart_abandoned}
            entry_conditions:
              - {field: cart.value, op: gte, value: 80000}
            steps:
              - {id: wait_30m, type: wait, wait: 30m}
              - id: task
                type: create_task
                template: vip_cart.task
                priority: urgent
              - {id: morning, type: wait, wait: "until 10:00 local"}
              - {id: sms, type: send_sms, template: x}
            exit_on: [cart_converted, conversation_opened]
            """
        let flow = try FlowDocument.parse(yaml)
        #expect(flow.version == 2 && flow.steps.count == 4 && flow.entryConditions?.first?.value == .int(80_000))
        #expect(flow.steps[2].waitSpec == .untilLocalTime(TimeOfDay(hour: 10, minute: 0)!))
        #expect(FlowValidator().validate(flow) == [])
        #expect(flow.effectiveExitOn == [.cartConverted, .conversationOpened, .unsubscribed])
        #expect(throws: FlowDocumentError.self) { try FlowDocument.parse("id: [unclosed") }
    }
}
