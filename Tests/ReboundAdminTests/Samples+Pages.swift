import Foundation
import ReboundAdmin

extension Samples {
    static func eur(_ minor: Int64) -> AdminMoney { AdminMoney(minorUnits: minor, currency: "EUR") }
    static let hostileName = "<script>alert(1)</script>\" onmouseover=\"alert(2)"

    static func login(error: String? = nil) -> LoginViewModel {
        LoginViewModel(
            shopName: "Nordlicht Outdoor",
            email: error == nil ? "" : "mara@nordlicht.example",
            errorMessage: error,
            csrfToken: "csrf-TOKEN-123",
            next: "/admin/inbox"
        )
    }

    static func experiments() -> ExperimentsViewModel {
        ExperimentsViewModel(
            context: context(.experiments),
            experiments: [
                ExperimentSummary(
                    id: "exp-72h-incentive",
                    name: "72 h email: 10 % code vs free shipping",
                    hypothesis: "Free shipping recovers more carts than a 10 % code, because surprise shipping costs are the top reason to abandon.",
                    status: "running",
                    startedAt: now - 21 * day,
                    arms: [
                        ExperimentArm(name: "10 % code", exposure: 2_000, conversions: 100),
                        ExperimentArm(name: "Free shipping", exposure: 2_000, conversions: 130),
                        ExperimentArm(name: "Holdout", isHoldout: true, exposure: 2_000, conversions: 88),
                    ],
                    comparisons: [
                        ArmComparison(
                            arm: "10 % code",
                            absoluteLift: 0.006,
                            relativeLift: 0.136,
                            lower: -0.0069,
                            upper: 0.0189,
                            pValue: 0.3655,
                            verdict: "not yet significant"
                        ),
                        ArmComparison(
                            arm: "Free shipping",
                            absoluteLift: 0.021,
                            relativeLift: 0.477,
                            lower: 0.0071,
                            upper: 0.0351,
                            pValue: 0.0032,
                            verdict: "Free shipping wins"
                        ),
                    ],
                    rule:
                        "verdict when each arm has ≥ 100 recipients and ≥ 10 conversions in total; two-sided pooled z-test of conversion rates at alpha 0.05"
                ),
                ExperimentSummary(
                    id: "exp-sms",
                    name: "SMS after 3 h vs no SMS",
                    status: "running",
                    startedAt: now - 4 * day,
                    arms: [
                        ExperimentArm(name: "SMS", exposure: 64, conversions: 5),
                        ExperimentArm(name: "Holdout", isHoldout: true, exposure: 61, conversions: 3),
                    ],
                    comparisons: [
                        ArmComparison(
                            arm: "SMS",
                            absoluteLift: 0.0289,
                            relativeLift: 0.587,
                            lower: -0.0632,
                            upper: 0.1213,
                            pValue: 0.5126,
                            verdict: "too little data (n < 100 per arm)"
                        )
                    ]
                ),
                ExperimentSummary(
                    id: "exp-exit",
                    name: "Exit-intent STAY10 popup",
                    status: "finished",
                    startedAt: now - 60 * day,
                    endedAt: now - 30 * day,
                    arms: [
                        ExperimentArm(name: "Popup", exposure: 5_400, conversions: 151),
                        ExperimentArm(name: "Holdout", isHoldout: true, exposure: 5_350, conversions: 189),
                    ],
                    comparisons: [
                        ArmComparison(
                            arm: "Popup",
                            absoluteLift: -0.0074,
                            relativeLift: -0.21,
                            lower: -0.0138,
                            upper: -0.0011,
                            pValue: 0.0371,
                            verdict: "Holdout wins"
                        )
                    ]
                ),
            ],
            source: DataSource(apiPath: "/v1/experiments"),
            newExperimentURL: "/admin/experiments/new"
        )
    }

    static func customers() -> CustomersViewModel {
        let names = ["Lena Vogt", "Jonas Berger", "Amelie Krause", hostileName, "Noah Schmitt", "Sofia Wagner", "Paul Hoffmann", "Mila Schulz"]
        let rows = names.enumerated().map { index, name in
            CustomerRow(
                id: "cus_\(index)",
                name: name,
                email: "customer\(index)@example.com",
                url: "/admin/customers/cus_\(index)",
                isVIP: index % 4 == 0,
                orders: [7, 2, 1, 4, 0, 11, 3, 1][index],
                spend: eur([142_300, 18_950, 5_990, 61_200, 0, 288_400, 40_100, 7_450][index]),
                predictedCLV: index == 4 ? nil : eur([61_000, 9_200, 2_100, 19_800, 0, 104_000, 15_500, 2_400][index]),
                rfmCell: index == 4 ? nil : ["555", "332", "211", "434", "", "545", "323", "112"][index],
                churn: index == 4 ? nil : [ChurnLevel.low, .medium, .high, .low, .low, .low, .medium, .high][index],
                lastOrderAt: index == 4 ? nil : now - Double([3, 40, 150, 12, 0, 8, 55, 200][index]) * day,
                tags: index == 0 ? ["newsletter", "hiking"] : index == 5 ? ["wholesale"] : []
            )
        }
        return CustomersViewModel(
            context: context(.customers, range: false),
            query: "",
            rows: rows,
            total: 4_812,
            nextPageURL: "/admin/customers?cursor=abc",
            source: DataSource(apiPath: "/v1/customers")
        )
    }

    static func customerDetail() -> CustomerDetailViewModel {
        CustomerDetailViewModel(
            context: context(.customers, range: false),
            profile: CustomerProfile(
                id: "cus_0",
                name: "Lena Vogt",
                email: "lena.vogt@example.com",
                phone: "+49 151 2345678",
                country: "DE",
                locale: "de-DE",
                tags: ["newsletter", "hiking"],
                isVIP: true,
                tier: "Gold",
                emailConsent: true,
                smsConsent: false,
                createdAt: now - 400 * day
            ),
            value: CustomerValueFigures(
                historicCLV: eur(142_300),
                predictedCLV: eur(61_000),
                expectedOrders: 2.4,
                probabilityAlive: 0.91,
                rfm: RFMCell(recency: 5, frequency: 5, monetary: 5, label: "Champions"),
                churn: ChurnFigures(score: 0.07, level: .low, daysSinceLastOrder: 3, expectedGapDays: 41, basis: "own rhythm")
            ),
            orders: [
                OrderRow(
                    number: "10482",
                    placedAt: now - 3 * day,
                    total: eur(24_990),
                    items: 2,
                    status: "fulfilled",
                    attributedTo: "Cart recovery · email 1"
                ),
                OrderRow(number: "10311", placedAt: now - 45 * day, total: eur(8_950), items: 1, status: "fulfilled"),
                OrderRow(number: "10107", placedAt: now - 90 * day, total: eur(31_400), items: 3, status: "refunded"),
            ],
            carts: [
                CartRow(id: "cart_91", state: "recovered", value: eur(24_990), items: 2, updatedAt: now - 3 * day),
                CartRow(id: "cart_77", state: "abandoned", value: eur(12_900), items: 1, updatedAt: now - 50 * day),
            ],
            messages: [
                MessageRow(
                    channel: "email",
                    subject: "Did something go wrong with your order?",
                    sentAt: now - 4 * day,
                    status: "clicked",
                    flowName: "Cart recovery"
                ),
                MessageRow(
                    channel: "sms",
                    subject: "Your cart is waiting: 2 items",
                    sentAt: now - 4 * day + 7_200,
                    status: "delivered",
                    flowName: "Cart recovery"
                ),
                MessageRow(channel: "email", subject: "How are your new boots?", sentAt: now - 30 * day, status: "opened", flowName: "Post-purchase"),
            ],
            flows: [
                FlowEnrollmentRow(flowName: "Post-purchase", step: "Step 2 of 3 · review request", status: "active", nextStepAt: now + 4 * day),
                FlowEnrollmentRow(flowName: "Cart recovery", step: "Step 1 of 4", status: "converted"),
            ],
            timeline: [
                TimelineEntry(at: now - 3 * day, kind: "order", text: "Placed order #10482 (€249.90)"),
                TimelineEntry(at: now - 3 * day - 600, kind: "email", text: "Clicked the restore link in “Did something go wrong?”"),
                TimelineEntry(at: now - 4 * day, kind: "cart", text: "Abandoned a cart with 2 items at the shipping step"),
                TimelineEntry(at: now - 4 * day - 900, kind: "chat", text: "Asked: “Do you ship to Austria, and what are the duties?”"),
            ],
            conversationsURL: "/admin/inbox?customer=cus_0",
            source: DataSource(apiPath: "/v1/customers/cus_0")
        )
    }

    static func segments() -> SegmentsViewModel {
        SegmentsViewModel(
            context: context(.segments, range: false),
            segments: [
                SegmentRow(
                    id: "seg_vip",
                    name: "VIP",
                    summary: "spend ≥ €1,000",
                    count: 312,
                    previousCount: 298,
                    dailyCounts: (0..<30).map { 298 + $0 / 2 },
                    usedBy: ["VIP carts > €500"],
                    countedAt: now - 300,
                    editURL: "/admin/segments/seg_vip",
                    customersURL: "/admin/customers?segment=seg_vip"
                ),
                SegmentRow(
                    id: "seg_lapsed",
                    name: "Lapsed 60–90 days",
                    summary: "last order 60–90 days ago and spend ≥ €50",
                    count: 911,
                    previousCount: 1_004,
                    dailyCounts: (0..<30).map { 1_004 - $0 * 3 },
                    usedBy: ["Win-back"],
                    countedAt: now - 300,
                    editURL: "/admin/segments/seg_lapsed"
                ),
                SegmentRow(
                    id: "seg_new",
                    name: "New subscribers",
                    summary: "email consent and no orders",
                    count: 2_145,
                    previousCount: 1_870,
                    dailyCounts: (0..<30).map { 1_870 + $0 * 9 },
                    usedBy: ["Welcome series"],
                    countedAt: now - 300,
                    editURL: "/admin/segments/seg_new"
                ),
                SegmentRow(
                    id: "seg_x",
                    name: hostileName,
                    summary: "tags contains \"=cmd|' /C calc'!A0\"",
                    count: 0,
                    editURL: "/admin/segments/seg_x"
                ),
            ],
            source: DataSource(apiPath: "/v1/segments")
        )
    }

    static var segmentFields: [SegmentFieldOption] {
        let numeric = [("eq", "is"), ("ne", "is not"), ("lt", "less than"), ("lte", "at most"), ("gt", "more than"), ("gte", "at least")]
            .map { SegmentOperatorOption(value: $0.0, label: $0.1) }
        let text = [("eq", "is"), ("ne", "is not"), ("in", "is one of"), ("notIn", "is none of")].map {
            SegmentOperatorOption(value: $0.0, label: $0.1)
        }
        let set = [("contains", "contains"), ("notContains", "does not contain")].map { SegmentOperatorOption(value: $0.0, label: $0.1) }
        return [
            SegmentFieldOption(value: "spend", label: "Spend", operators: numeric, hint: "amount in cents, e.g. 50000 for €500"),
            SegmentFieldOption(value: "orderCount", label: "Orders", operators: numeric),
            SegmentFieldOption(value: "daysSinceLastOrder", label: "Days since last order", operators: numeric, hint: "a number of days"),
            SegmentFieldOption(value: "rfmCell", label: "RFM cell", operators: text, hint: "three digits like 545"),
            SegmentFieldOption(value: "country", label: "Country", operators: text, hint: "ISO codes, comma-separated for “is one of”"),
            SegmentFieldOption(value: "tags", label: "Tags", operators: set),
        ]
    }

    static func segmentEditor() -> SegmentEditorViewModel {
        SegmentEditorViewModel(
            context: context(.segments, range: false),
            segmentID: "seg_lapsed",
            name: "Lapsed 60–90 days",
            description: "Customers worth winning back",
            match: .all,
            rules: [
                SegmentRuleRow(field: "daysSinceLastOrder", op: "gte", value: "60"),
                SegmentRuleRow(field: "daysSinceLastOrder", op: "lt", value: "90"),
                SegmentRuleRow(field: "spend", op: "gte", value: "5000x", error: "Enter an amount in cents, like 5000."),
            ],
            fields: segmentFields,
            action: "/admin/segments/seg_lapsed",
            previewCount: 911,
            deleteURL: "/admin/segments/seg_lapsed/delete"
        )
    }

    static func inbox() -> InboxViewModel {
        let ctx = context(.inbox, range: false)
        let items = [
            ConversationListItem(
                id: "c1",
                customerName: "Lena Vogt",
                preview: "Do you ship to Austria, and what are the duties?",
                channel: "chat",
                status: .open,
                lastMessageAt: now - 90,
                sla: SLATimer(dueAt: now + 30),
                isVIP: true,
                unreadCount: 2,
                topic: "checkout",
                url: "/admin/inbox/c1"
            ),
            ConversationListItem(
                id: "c2",
                customerName: hostileName,
                preview: "<img src=x onerror=alert(3)> Where is my order #10311?",
                channel: "email",
                status: .open,
                lastMessageAt: now - 3 * 3600,
                sla: SLATimer(dueAt: now - 1_500),
                unreadCount: 1,
                topic: "WISMO",
                url: "/admin/inbox/c2"
            ),
            ConversationListItem(
                id: "c3",
                customerName: "Jonas Berger",
                preview: "HELP",
                channel: "sms",
                status: .open,
                lastMessageAt: now - 40 * 60,
                sla: SLATimer(dueAt: now + 1_200),
                assigneeName: "Mara",
                url: "/admin/inbox/c3"
            ),
            ConversationListItem(
                id: "c4",
                customerName: "Sofia Wagner",
                preview: "Is the Fjell 2 tent back in stock in green?",
                channel: "social",
                status: .open,
                lastMessageAt: now - 26 * 3600,
                sla: SLATimer(dueAt: now + 3_000),
                topic: "stock",
                url: "/admin/inbox/c4"
            ),
            ConversationListItem(
                id: "c5",
                customerName: "Paul Hoffmann",
                preview: "Thanks, that helped!",
                channel: "chat",
                status: .open,
                lastMessageAt: now - 3 * day,
                sla: SLATimer(dueAt: now + 5_000, paused: true),
                url: "/admin/inbox/c5"
            ),
        ]
        let thread = ConversationThread(
            id: "c1",
            channel: "chat",
            status: .open,
            sla: SLATimer(dueAt: now + 30),
            assigneeID: "a1",
            tags: ["checkout", "shipping"],
            messages: [
                ThreadMessage(
                    id: "m1",
                    author: .bot,
                    authorName: "Rebound",
                    body: "Hi! Questions about your cart? I can help with shipping, sizes and returns.",
                    sentAt: now - 300
                ),
                ThreadMessage(
                    id: "m2",
                    author: .shopper,
                    authorName: "Lena Vogt",
                    body: "Do you ship to Austria, and what are the duties?\nI'd need it by Friday.",
                    sentAt: now - 240
                ),
                ThreadMessage(
                    id: "m3",
                    author: .bot,
                    authorName: "Rebound",
                    body:
                        "We ship to Austria in 2–3 working days. There are no duties within the EU. Shall I connect you with a colleague about Friday delivery?",
                    sentAt: now - 230
                ),
                ThreadMessage(
                    id: "m4",
                    author: .note,
                    authorName: "Mara Jensen",
                    body: "VIP, cart €249.90 — offer express shipping at standard price.",
                    sentAt: now - 150
                ),
                ThreadMessage(id: "m5", author: .shopper, authorName: "Lena Vogt", body: "Yes please! <b>bold?</b>", sentAt: now - 90),
                ThreadMessage(
                    id: "m6",
                    author: .agent,
                    authorName: "Mara Jensen",
                    body: "Hi Lena, I've upgraded you to express shipping at no extra cost — it will arrive Thursday.",
                    sentAt: now - 45,
                    delivery: "read"
                ),
            ],
            replyURL: "/admin/inbox/c1/reply",
            statusURL: "/admin/inbox/c1/status",
            assignURL: "/admin/inbox/c1/assign",
            tagsURL: "/admin/inbox/c1/tags"
        )
        let customer = InboxCustomer(
            name: "Lena Vogt",
            email: "lena.vogt@example.com",
            phone: "+49 151 2345678",
            isVIP: true,
            liveCart: LiveCart(
                lines: [
                    LiveCart.Line(title: "Fjell 2 Tent, green", quantity: 1, price: eur(21_990)),
                    LiveCart.Line(title: "Merino hiking socks", quantity: 2, price: eur(1_500)),
                ],
                total: eur(24_990),
                state: "active",
                updatedAt: now - 200,
                currentPage: "/checkout/shipping"
            ),
            cartCount: 3,
            orders: customerDetail().orders,
            historicCLV: eur(142_300),
            predictedCLV: eur(61_000),
            messagesReceived: 14,
            flowsEnrolled: ["Cart recovery (step 1)", "Post-purchase"],
            profileURL: "/admin/customers/cus_0"
        )
        return InboxViewModel(
            context: ctx,
            filter: .open,
            counts: [.open: 5, .pending: 3, .snoozed: 1, .resolved: 212],
            conversations: items,
            thread: thread,
            customer: customer,
            agents: [AgentOption(id: "a1", name: "Mara Jensen"), AgentOption(id: "a2", name: "Tom Keller")],
            macros: [
                MacroOption(
                    id: "k1",
                    title: "Shipping to AT/CH",
                    body: "We ship to Austria and Switzerland in 2–3 working days. Switzerland may charge import VAT on delivery."
                ),
                MacroOption(
                    id: "k2",
                    title: "Return policy (sale)",
                    body: "Sale items can be returned within 30 days, like everything else. \"Final sale\" items are the only exception."
                ),
            ]
        )
    }

    static func problem() -> ProblemViewModel {
        ProblemViewModel(
            status: 404,
            title: "Not found",
            detail: "There is no customer with this id in this shop.",
            action: .init(title: "Back to customers", url: "/admin/customers"),
            context: context(.customers, range: false),
            reference: "req-7f3a9c"
        )
    }
}
