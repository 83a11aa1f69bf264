internal import ReboundCore

extension FlowTemplates {
    /// Brand story at once, bestsellers after 2 days, and after 5 days a first-order code if there is still no order.
    static var welcome: FlowDocument {
        FlowDocument(
            id: "welcome",
            name: "Welcome series",
            trigger: FlowTrigger(type: .customerCreated),
            entryConditions: [field("customer.email_consent", .eq, true)],
            steps: [
                send("email_story", .sendEmail, "welcome.story"),
                .wait("wait_2d", "2d", from: .trigger),
                send("email_bestsellers", .sendEmail, "welcome.bestsellers"),
                .wait("wait_5d", "5d", from: .trigger),
                .branch("has_ordered", [FlowBranch(when: [field("customer.order_count", .gt, 0)], goto: "done")]),
                .issueDiscount("discount", .percent(10, expiresIn: "7d")),
                send("email_first_order", .sendEmail, "welcome.first_order"),
                exit("done", "completed"),
            ],
            exitOn: [.unsubscribed]
        )
    }

    /// Thanks and usage tips on fulfilment, a review request 7 days later, cross-sell 14 days after fulfilment.
    /// Change N with `{"steps": [{"id": "wait_review", "wait": "10d"}]}`.
    static var postPurchase: FlowDocument {
        FlowDocument(
            id: "post_purchase",
            name: "Post-purchase",
            trigger: FlowTrigger(type: .orderFulfilled),
            steps: [
                send("email_thanks", .sendEmail, "post_purchase.thanks"),
                .wait("wait_review", "7d", from: .trigger),
                send("email_review", .sendEmail, "post_purchase.review"),
                .wait("wait_cross_sell", "14d", from: .trigger),
                send("email_cross_sell", .sendEmail, "post_purchase.cross_sell"),
            ],
            exitOn: [.unsubscribed]
        )
    }

    /// 60 days without an order: "we miss you" with an offer based on past purchases and a churn-survey link, at
    /// 10:00 local; at 90 days a last reminder. Only for customers whose CLV or margin passes a threshold.
    static var winBack: FlowDocument {
        FlowDocument(
            id: "win_back",
            name: "Win-back (60 / 90 days)",
            trigger: FlowTrigger(type: .noOrderForDays, days: 60),
            entryConditions: [.anyOf([field("customer.clv", .gte, 20_000), field("customer.margin", .gte, 5_000)])],
            steps: [
                .wait("wait_morning", "until 10:00 local"),
                .issueDiscount("discount", .percent(15, expiresIn: "14d")),
                send("email_miss_you", .sendEmail, "win_back.miss_you"),
                .wait("wait_90d", "30d", from: .trigger),
                .wait("wait_morning_90d", "until 10:00 local"),
                send("email_last_chance", .sendEmail, "win_back.last_chance"),
            ],
            exitOn: [.orderPlaced, .unsubscribed],
            description: "Templates win_back.* include the churn-reason survey link."
        )
    }

    /// Lifetime spend crossed 100000 minor units: tag `vip`, an exclusive 15 % code, and a VIP welcome.
    static var loyaltyTier: FlowDocument {
        var tag = FlowStep(id: "tag_vip", type: .tagCustomer)
        tag.tags = ["vip"]
        var discount = DiscountSpec.percent(15, expiresIn: "30d")
        discount.oncePerCustomer = true
        return FlowDocument(
            id: "loyalty_tier",
            name: "Loyalty tier: VIP",
            trigger: FlowTrigger(type: .lifetimeSpendCrossed, threshold: 100_000),
            steps: [
                tag,
                .issueDiscount("discount", discount),
                send("email_vip", .sendEmail, "loyalty_tier.vip"),
            ],
            exitOn: [.unsubscribed]
        )
    }

    static func exit(_ id: String, _ reason: String) -> FlowStep {
        var step = FlowStep(id: id, type: .exit)
        step.reason = reason
        return step
    }
}
