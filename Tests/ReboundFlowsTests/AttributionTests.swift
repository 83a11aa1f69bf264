import Foundation
import ReboundCore
import ReboundFlows
import Testing

@Suite struct AttributionTests {
    func order(at placedAt: Date, total: Int64 = 10_000, refunded: Int64 = 0, customer: Customer.ID? = "cus_1") -> Order {
        Order(
            id: "ord_1",
            externalID: "1",
            customerID: customer,
            lines: [],
            subtotal: Money(minorUnits: total, currency: .eur),
            total: Money(minorUnits: total, currency: .eur),
            source: "api",
            refundedTotal: refunded,
            placedAt: placedAt
        )
    }

    func touch(_ step: String, sent: Date, opened: Date? = nil, clicked: Date? = nil, customer: Customer.ID? = "cus_1") -> MessageTouch {
        MessageTouch(
            key: "run_1:\(step)",
            flowID: "cart_recovery",
            flowVersion: 3,
            stepID: step,
            variant: "b",
            channel: .email,
            customerID: customer,
            sentAt: sent,
            openedAt: opened,
            clickedAt: clicked
        )
    }

    @Test func lastClickWinsOverALaterOpen() {
        let touches = [
            touch("email_help", sent: t0, opened: t0 + hour, clicked: t0 + 2 * hour),
            touch("email_reviews", sent: t0 + day, opened: t0 + day + hour),
        ]
        let credit = Attribution().attribute(order(at: t0 + 2 * day, refunded: 1_000), touches: touches)
        #expect(credit?.touch.stepID == "email_help" && credit?.basis == .click && credit?.touch.flowVersion == 3 && credit?.touch.variant == "b")
        #expect(credit?.revenue == Money(minorUnits: 9_000, currency: .eur))
    }

    @Test func fallsBackToTheLastOpenUnlessDisabled() {
        let touches = [touch("a", sent: t0, opened: t0 + hour), touch("b", sent: t0 + day, opened: t0 + day + hour)]
        #expect(Attribution().attribute(order(at: t0 + 2 * day), touches: touches)?.touch.stepID == "b")
        #expect(Attribution(configuration: .init(openWindow: nil)).attribute(order(at: t0 + 2 * day), touches: touches) == nil)
    }

    @Test func windowsAndOtherCustomers() {
        let clicked = [touch("a", sent: t0, clicked: t0 + hour)]
        #expect(Attribution().attribute(order(at: t0 + hour + 5 * day), touches: clicked) != nil)
        #expect(Attribution().attribute(order(at: t0 + hour + 5 * day + 1), touches: clicked) == nil)
        // A click after the order does not count.
        #expect(Attribution().attribute(order(at: t0 + 30 * 60), touches: clicked) == nil)
        #expect(Attribution().attribute(order(at: t0 + 2 * hour, customer: "cus_2"), touches: clicked) == nil)
        var settings = ShopSettings()
        settings.attributionWindowSeconds = 86400
        #expect(Attribution(configuration: .init(settings: settings)).attribute(order(at: t0 + 2 * day), touches: clicked) == nil)
    }
}
