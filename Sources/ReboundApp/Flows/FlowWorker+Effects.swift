import Foundation
import Logging
import ReboundCore
import ReboundFlows
import ReboundStore

/// The effects a flow completes inside its own transaction: discount codes, lifecycle events derived from orders.
extension FlowAction {
    /// Whether the action changes something besides the log (a message to send, a code, a task, tags, a
    /// notification): such runs are stored one by one, the others in one statement per claim.
    var hasEffects: Bool {
        switch self {
        case .scheduleTimer, .exit, .skipStep: false
        default: true
        }
    }
}

extension FlowWorker {
    /// Completes a non-message effect inside the step's transaction and fills in its log entry: issues the code,
    /// creates the task, tags the customer; notifications are handed to the dispatcher.
    func performEffect(of action: FlowAction, record: inout MessageRecord, run: StoredFlowRun, customer: Customer?, tx: FlowTransaction, now: Date)
        async throws
    {
        switch action {
        case .issueDiscount(let key, _, let spec, let rule, let expires):
            let issued = try await issueDiscount(key: key, spec: spec, rule: rule, expires: expires, run: run, tx: tx, now: now)
            record.status = issued.status
            record.detail = issued.detail
            // A code for the shop's platform is pushed there by the dispatcher.
            if issued.status == "intended" { record.dispatchAt = now }
        case .createTask(let key, _, let template, let queue, let priority):
            record.status = "created"
            try await tx.insertTask(
                AgentTask(
                    id: "task_" + RandomToken.make(byteCount: 9),
                    kind: template,
                    title: Self.taskTitle(template: template, cartID: run.cartID, customer: customer),
                    detail: "queue \(queue), priority \(priority)",
                    customerID: run.customerID,
                    cartID: run.cartID,
                    queue: queue,
                    priority: priority,
                    createdAt: now
                ),
                key: key,
                shopID: run.shopID
            )
        case .notifySlack, .notifyWebhook:
            record.dispatchAt = now
        case .tagCustomer(_, _, let tags):
            if let customerID = run.customerID {
                try await tx.addTags(shopID: run.shopID, customerID: customerID, tags: tags, now: now)
                record.status = "applied"
            } else {
                record.status = "skipped"
                record.detail = "no customer to tag"
            }
        default:
            break
        }
    }

    /// Issues a unique single-use code for one step: from the shop's imported pool when it has one, else generated
    /// from the shop's secret and the step's key (so a repeated step issues the same code). Platform push
    /// (Shopify, WooCommerce) happens in the dispatcher.
    func issueDiscount(
        key: String,
        spec: DiscountSpec?,
        rule: String?,
        expires: Date?,
        run: StoredFlowRun,
        tx: FlowTransaction,
        now: Date
    ) async throws -> (status: String, detail: String) {
        if let existing = try await tx.discountCode(shopID: run.shopID, messageKey: key) {
            return ("issued", existing.code)
        }
        guard let spec else { return ("skipped", "rule \(rule ?? "?") is not defined for this shop") }
        if spec.oncePerCustomer ?? true, let customerID = run.customerID,
            try await tx.hasDiscount(shopID: run.shopID, customerID: customerID, flowID: run.flowID)
        {
            return ("skipped", "once per customer: a code from this flow was issued before")
        }
        var record = DiscountCodeRecord(
            code: "",
            kind: spec.kind.rawValue,
            value: spec.value,
            minimumCart: spec.minimumCart,
            expiresAt: expires,
            customerID: run.customerID,
            messageKey: key,
            runID: run.id,
            flowID: run.flowID
        )
        if let pooled = try await tx.takePooledCode(shopID: run.shopID, holder: key) {
            record.code = pooled
            record.platform = "imported"
            guard try await tx.insertDiscountCode(record, shopID: run.shopID, now: now) else {
                throw FlowWorkerError("imported code \(pooled) was issued before")
            }
        } else {
            // With a platform connection the code is created there too (by the dispatcher); until then it is pending.
            if let api = try await tx.channelSettings(shopID: run.shopID).platformAPI {
                record.platform = api.kind
                record.status = "pending"
            }
            let secret = try await tx.linkKey(shopID: run.shopID, now: now)
            let generator = DiscountCodeGenerator()
            var taken = Set<String>()
            while true {
                record.code = generator.generate(seed: secret + ":" + key, existing: taken)
                if try await tx.insertDiscountCode(record, shopID: run.shopID, now: now) { break }
                taken.insert(record.code)
            }
        }
        var detail = record.code + " (\(spec.kind.rawValue)"
        if let value = spec.value { detail += " \(value)" }
        detail += ")"
        if let expires { detail += "; expires \(RFC3339.format(expires))" }
        return (record.status == "pending" ? "intended" : "issued", detail)
    }

    /// After an order: the Rebound codes it used become redeemed, and a customer whose lifetime spend crossed a
    /// loyalty threshold gets a `lifetime_spend_crossed` event (one per order, by id).
    func afterOrder(_ stored: StoredEvent, shopID: Shop.ID, tx: FlowTransaction, now: Date) async throws {
        guard let externalID = stored.event.string("order_id"), let found = try await tx.order(shopID: shopID, externalID: externalID)
        else { return }
        let order = found.order
        if !order.discountCodes.isEmpty {
            try await tx.redeemCodes(shopID: shopID, codes: order.discountCodes, orderID: externalID, at: order.placedAt)
        }
        guard let customerID = order.customerID ?? stored.customerID, order.cancelledAt == nil else { return }
        let spend = try await tx.spend(shopID: shopID, customerID: customerID)
        let previous = spend.total - (order.total.minorUnits - order.refundedTotal)
        let event = Event(
            id: Event.ID("spend_" + externalID),
            type: FlowTriggerType.lifetimeSpendCrossed.rawValue,
            occurredAt: order.placedAt,
            properties: [
                "previous": .int(previous), "current": .int(spend.total), "order_id": .string(externalID),
                "currency": .string(order.total.currency.rawValue),
            ]
        )
        try await tx.appendDerivedEvents([(event, customerID)], shopID: shopID, now: now)
    }

    /// Every hour: customers whose last order is now N days old, for each shop's `no_order_for_days` flows, get a
    /// `no_order_for_days` event (one per customer, N and last order, by id).
    func detectLapses(now: Date) async throws {
        try await store.withFlowTransaction { tx in
            guard try await tx.claimPeriodic("periodic:lapses", every: Self.lapseCheckInterval, now: now) else { return }
            let flows = try await tx.enabledFlows(triggerType: FlowTriggerType.noOrderForDays.rawValue)
            var seen = Set<String>()
            for stored in flows {
                guard let flow = try? FlowDocument.parse(stored.document), let days = flow.trigger.days, days > 0,
                    seen.insert("\(stored.shopID.rawValue):\(days)").inserted
                else { continue }
                let cutoff = now.addingTimeInterval(-Double(days) * 86400)
                // A week of look-back: a server that was down for a few days still catches the lapses it missed.
                let lapsed = try await tx.customersLastOrdered(
                    shopID: stored.shopID,
                    from: cutoff.addingTimeInterval(-7 * 86400),
                    to: cutoff,
                    limit: 10_000
                )
                let events = lapsed.map { customerID, last in
                    (
                        event: Event(
                            id: Event.ID("lapse_\(days)_\(customerID.rawValue)_\(last.epochMilliseconds)"),
                            type: FlowTriggerType.noOrderForDays.rawValue,
                            occurredAt: last.addingTimeInterval(Double(days) * 86400),
                            properties: ["days": .int(Int64(days)), "last_order_at": .string(RFC3339.format(last))]
                        ),
                        customerID: Optional(customerID)
                    )
                }
                let added = try await tx.appendDerivedEvents(events, shopID: stored.shopID, now: now)
                if added > 0 {
                    logger.info(
                        "customers without an order",
                        metadata: [
                            "rebound.shop.id": .string(stored.shopID.rawValue), "rebound.days": .stringConvertible(days),
                            "rebound.count": .stringConvertible(added),
                        ]
                    )
                }
            }
        }
    }

    static var lapseCheckInterval: TimeInterval { 3600 }

    /// Queues an event for the shop's outbound webhook (signed and retried by the dispatcher), once per event.
    func forward(_ stored: StoredEvent, to url: String, shopID: Shop.ID, tx: FlowTransaction, now: Date) async throws -> Int {
        let event = stored.event
        let payload: JSONValue = .object([
            "type": .string(event.type), "id": .string(event.id.rawValue), "shop_id": .string(shopID.rawValue),
            "customer_id": stored.customerID.map { .string($0.rawValue) } ?? .null,
            "occurred_at": .string(RFC3339.format(event.occurredAt)), "properties": .object(event.properties),
        ])
        var record = MessageRecord(
            id: "msg_" + RandomToken.make(byteCount: 12),
            key: "event:" + event.id.rawValue,
            runID: nil,
            flowID: nil,
            flowVersion: nil,
            step: nil,
            variant: nil,
            channel: "webhook",
            template: "event",
            status: "intended",
            customerID: stored.customerID,
            recipient: url,
            cartID: event.string("cart_id").map { Cart.ID($0) },
            detail: payload.jsonText,
            scheduledAt: now,
            sentAt: nil
        )
        record.dispatchAt = now
        return try await tx.logMessage(record, shopID: shopID, now: now) ? 1 : 0
    }

    static func taskTitle(template: String, cartID: Cart.ID?, customer: Customer?) -> String {
        let who = customer?.email ?? customer?.phone ?? "a shopper"
        switch template {
        case "vip_cart": return "VIP cart of \(who): reach out"
        default: return template.replacingOccurrences(of: "_", with: " ").capitalized + " — \(who)"
        }
    }
}

/// A flow step that cannot complete; the run goes to the dead-letter list with this reason.
struct FlowWorkerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
