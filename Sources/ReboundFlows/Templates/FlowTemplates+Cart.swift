internal import ReboundCore

extension FlowTemplates {
    /// 1 h: "something went wrong? chat with us" + restore link; 24 h: reviews of the cart's products;
    /// 48 h: a 10 % code valid 48 h. All timed from abandonment.
    static var cartRecovery: FlowDocument {
        FlowDocument(
            id: "cart_recovery",
            name: "Cart recovery (1 h / 24 h / 48 h)",
            trigger: FlowTrigger(type: .cartAbandoned),
            steps: [
                .wait("wait_1h", "1h", from: .trigger),
                send("email_help", .sendEmail, "cart_recovery.help"),
                .wait("wait_24h", "24h", from: .trigger),
                send("email_reviews", .sendEmail, "cart_recovery.reviews"),
                .wait("wait_48h", "48h", from: .trigger),
                .issueDiscount("discount", .percent(10, expiresIn: "48h")),
                send("email_offer", .sendEmail, "cart_recovery.offer"),
            ],
            exitOn: [.cartConverted, .unsubscribed],
            exclusiveGroup: "cart_recovery",
            priority: 10,
            description: "Three emails after an abandoned cart: help, reviews, then a time-limited discount."
        )
    }

    /// 1 h reminder; 24 h reminder with free shipping; 72 h the stronger incentive, 15 % for 48 h.
    static var cartRecovery72h: FlowDocument {
        FlowDocument(
            id: "cart_recovery_72h",
            name: "Cart recovery (1 h / 24 h / 72 h)",
            trigger: FlowTrigger(type: .cartAbandoned),
            steps: [
                .wait("wait_1h", "1h", from: .trigger),
                send("email_reminder", .sendEmail, "cart_recovery_72h.reminder"),
                .wait("wait_24h", "24h", from: .trigger),
                .issueDiscount("free_shipping", .freeShipping(expiresIn: "48h")),
                send("email_free_shipping", .sendEmail, "cart_recovery_72h.free_shipping"),
                .wait("wait_72h", "72h", from: .trigger),
                .issueDiscount("discount", .percent(15, expiresIn: "48h")),
                send("email_offer", .sendEmail, "cart_recovery_72h.offer"),
            ],
            exitOn: [.cartConverted, .unsubscribed],
            exclusiveGroup: "cart_recovery",
            priority: 5,
            description: "Three emails with the stronger incentive last."
        )
    }

    /// One SMS 3 h after abandonment (within the 2–4 h window), only with SMS consent.
    static var smsCart: FlowDocument {
        FlowDocument(
            id: "sms_cart",
            name: "Cart recovery SMS",
            trigger: FlowTrigger(type: .cartAbandoned),
            entryConditions: [field("customer.sms_consent", .eq, true)],
            steps: [
                .wait("wait_3h", "3h", from: .trigger),
                send("sms_reminder", .sendSMS, "sms_cart.reminder"),
            ],
            exitOn: [.cartConverted, .unsubscribed, .conversationOpened],
            description: "A text with the restore link; replying HELP or a question opens a conversation."
        )
    }

    /// 1 h "questions about shipping or payment?"; 24 h reminder. Ends when a conversation opens.
    static var checkoutAbandoned: FlowDocument {
        FlowDocument(
            id: "checkout_abandoned",
            name: "Checkout abandoned",
            trigger: FlowTrigger(type: .checkoutAbandoned),
            steps: [
                .wait("wait_1h", "1h", from: .trigger),
                send("email_help", .sendEmail, "checkout_abandoned.help"),
                .wait("wait_24h", "24h", from: .trigger),
                send("email_reminder", .sendEmail, "checkout_abandoned.reminder"),
            ],
            exitOn: [.cartConverted, .unsubscribed, .conversationOpened]
        )
    }

    /// 2 h after browsing without a cart: the products viewed and similar ones.
    static var browseAbandoned: FlowDocument {
        FlowDocument(
            id: "browse_abandoned",
            name: "Browse abandoned",
            trigger: FlowTrigger(type: .browseAbandoned),
            steps: [
                .wait("wait_2h", "2h", from: .trigger),
                send("email_recommendations", .sendEmail, "browse_abandoned.recommendations"),
            ],
            exitOn: [.orderPlaced, .unsubscribed]
        )
    }

    /// A cart at or above 50000 minor units (500 in the shop currency) goes to a VIP agent task and a Slack alert
    /// instead of the generic recovery emails (same exclusive group, higher priority).
    static var vipCart: FlowDocument {
        var task = send("agent_task", .createTask, "vip_cart.task")
        task.queue = "vip"
        task.priority = "high"
        var slack = send("slack_alert", .notifySlack, "vip_cart.slack")
        slack.channel = "#vip-carts"
        return FlowDocument(
            id: "vip_cart",
            name: "VIP cart",
            trigger: FlowTrigger(type: .cartAbandoned),
            entryConditions: [field("cart.value", .gte, 50_000)],
            steps: [task, slack],
            exitOn: [.cartConverted, .unsubscribed],
            exclusiveGroup: "cart_recovery",
            priority: 100,
            description: "Raise the threshold with entry_conditions: [{field: cart.value, op: gte, value: <minor units>}]."
        )
    }
}
