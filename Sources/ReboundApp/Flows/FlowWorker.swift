import Foundation
public import Logging
import ReboundAPI
public import ReboundCore
import ReboundFlows
public import ReboundStore
public import ServiceLifecycle

/// Runs the shops' flows: follows the event log to start runs (and end them when their cart converts), and moves
/// runs on when their timers fall due. Every effect is logged once per key in the message log, so a retry or a
/// second process never repeats it; until the channel layer sends them, messages are logged as `intended`.
public struct FlowWorker<C: Clock<Duration>>: Service {
    let store: Store
    let wallClock: WallClock
    let clock: C
    let interval: Duration
    let logger: Logger
    let engine = FlowEngine()
    /// How old an event must be before the log cursor moves past it (PostgreSQL commits out of sequence order).
    let settle: TimeInterval

    public init(store: Store, wallClock: WallClock, clock: C, interval: Duration, logger: Logger) {
        self.store = store
        self.wallClock = wallClock
        self.clock = clock
        self.interval = interval
        self.logger = logger
        self.settle = store.kind == .postgres ? 5 : 0
    }

    static var cursorName: String { "flows" }
    /// Sequence numbers read per transaction while following the log.
    static var logWindow: Int64 { 5000 }

    /// One pass: everything new in the log, then everything due. Returns the number of effects logged.
    @discardableResult
    public func runOnce() async throws -> Int {
        var effects = 0
        try await detectLapses(now: wallClock.now())
        while true {
            let now = wallClock.now()
            let (moved, logged) = try await store.withFlowTransaction { tx in
                let window = Self.logWindow
                let batch = try await tx.followLog(cursor: Self.cursorName, window: window, settledBefore: now.addingTimeInterval(-settle))
                var logged = 0
                var flows: [Shop.ID: [FlowDocument]] = [:]
                var channels: [Shop.ID: ChannelSettings] = [:]
                for (shopID, stored) in batch.events {
                    if flows[shopID] == nil {
                        flows[shopID] = try await tx.enabledFlows(shopID: shopID).compactMap { try? FlowDocument.parse($0.document) }
                        channels[shopID] = try await tx.channelSettings(shopID: shopID)
                    }
                    if let settings = channels[shopID], let url = settings.webhookURL, settings.webhookEvents.contains(stored.event.type) {
                        logged += try await forward(stored, to: url, shopID: shopID, tx: tx, now: now)
                    }
                    let shopFlows = flows[shopID] ?? []
                    switch try await tx.isolated({ try await handle(stored, shopID: shopID, flows: shopFlows, tx: tx, now: now) }) {
                    case .success(let count): logged += count
                    case .failure(let error):
                        logger.error(
                            "event could not start or end flows; skipped",
                            metadata: ["rebound.event.id": .string(stored.event.id.rawValue), "rebound.error": .string(String(describing: error))]
                        )
                    }
                }
                try await tx.advance(cursor: Self.cursorName, to: batch.upTo)
                // A full window means more may follow.
                return (batch.upTo - batch.from >= window, logged)
            }
            effects += logged
            if !moved { break }
        }
        while true {
            let now = wallClock.now()
            let (count, logged) = try await store.withFlowTransaction { tx in
                let runs = try await tx.dueRuns(now: now, limit: 200)
                var logged = 0
                for run in runs {
                    switch try await tx.isolated({ try await advance(run, input: .timerFired, tx: tx, now: now) }) {
                    case .success(let count): logged += count
                    case .failure(let error):
                        // The rest of the runs go on; this one waits on the dead-letter list with its reason.
                        try await tx.markDead(shopID: run.shopID, runID: run.id, reason: String(describing: error), now: now)
                        logger.error("flow run failed; moved to the dead-letter list", metadata: ["rebound.run.id": .string(run.id)])
                    }
                }
                return (runs.count, logged)
            }
            effects += logged
            if count < 200 { break }
        }
        return effects
    }

    public func run() async throws {
        await runPeriodically(every: interval, on: clock, logger: logger, name: "flow worker") { try await runOnce() }
    }

    /// Ends runs an event stops, and starts the flows it triggers.
    func handle(_ stored: StoredEvent, shopID: Shop.ID, flows: [FlowDocument], tx: FlowTransaction, now: Date) async throws -> Int {
        let event = stored.event
        var logged = 0
        let cartID = event.string("cart_id").map { Cart.ID($0) }
        switch event.type {
        case EventType.cartConverted:
            if let cartID {
                for run in try await tx.waitingRuns(shopID: shopID, cartID: cartID, customerID: nil) {
                    logged += try await advance(run, input: .cartConverted(cartID: cartID), tx: tx, now: now)
                }
            }
        case EventType.orderPlaced:
            logged += try await attribute(stored, shopID: shopID, tx: tx, now: now)
            try await afterOrder(stored, shopID: shopID, tx: tx, now: now)
            if let customerID = stored.customerID {
                for run in try await tx.waitingRuns(shopID: shopID, cartID: nil, customerID: customerID) {
                    logged += try await advance(
                        run,
                        input: .orderPlaced(orderID: Order.ID(event.string("order_id") ?? ""), cartID: cartID),
                        tx: tx,
                        now: now
                    )
                }
            }
        case "unsubscribed":
            if let customerID = stored.customerID {
                for run in try await tx.waitingRuns(shopID: shopID, cartID: nil, customerID: customerID) {
                    logged += try await advance(run, input: .unsubscribed(channel: nil), tx: tx, now: now)
                }
            }
        default:
            break
        }
        guard !flows.isEmpty else { return logged }
        let cart = try await cartID.asyncMap { try await tx.cart(shopID: shopID, id: $0) } ?? nil
        let customerID = stored.customerID ?? cart?.customerID
        let customer = try await customerID.asyncMap { try await tx.customer(shopID: shopID, id: $0) } ?? nil
        var facts = CustomerFacts(customerID: customerID, hasEmail: false)
        if let customer {
            let spend = try await tx.spend(shopID: shopID, customerID: customer.id)
            // `customer.segments` in conditions: the built-in VIP tiers and saved segments the customer is in.
            let segments = SegmentCatalog.builtIns + (try await tx.savedSegments(shopID: shopID)).compactMap(SegmentCatalog.definition)
            let memberOf = try await tx.segmentMembership(
                shopID: shopID,
                customerID: customer.id,
                filters: segments.map { ($0.id, SegmentCatalog.filter($0.rule, now: now)) }
            )
            facts = CustomerFacts(customer: customer, segments: memberOf, clv: spend.total, lifetimeSpend: spend.total, orderCount: spend.orders)
        }
        let context = FlowContext(cart: cart.map { CartFacts(cart: $0) }, customer: facts, event: event.properties)
        for flow in FlowSelector.flowsToStart(for: event, context: context, among: flows) {
            let runID = FlowRunState.ID.random(prefix: "run")
            let transition = engine.start(flow, runID: runID, context: context, triggeredAt: event.occurredAt, now: now)
            var run = StoredFlowRun(
                shopID: shopID,
                id: runID.rawValue,
                flowID: flow.id,
                flowVersion: flow.version,
                triggerEventID: event.id.rawValue,
                cartID: cart?.id,
                customerID: customerID,
                status: transition.state.status.rawValue,
                state: try Self.encode(transition.state),
                wakeAt: transition.state.status.isFinished ? nil : transition.state.wakeAt
            )
            run.variant = transition.state.variant
            guard try await tx.insertRun(run, now: now) else { continue }
            logger.info("flow started", metadata: ["rebound.flow.id": .string(flow.id), "rebound.run.id": .string(runID.rawValue)])
            logged += try await apply(transition.actions, run: run, customer: customer, tx: tx, now: now)
        }
        return logged
    }

    /// Credits an order to the last message the customer clicked (else opened) within the shop's window; the cart the
    /// order closed becomes `recovered`.
    func attribute(_ stored: StoredEvent, shopID: Shop.ID, tx: FlowTransaction, now: Date) async throws -> Int {
        guard let customerID = stored.customerID, let externalID = stored.event.string("order_id"),
            let found = try await tx.order(shopID: shopID, externalID: externalID), !found.attributed
        else { return 0 }
        let settings = try await tx.settings(shopID: shopID)
        let since = found.order.placedAt.addingTimeInterval(-TimeInterval(settings.attributionWindowSeconds))
        let touches = try await tx.engagedMessages(shopID: shopID, customerID: customerID, since: since).map { message in
            MessageTouch(
                key: message.key,
                flowID: message.flowID,
                flowVersion: message.flowVersion,
                stepID: message.step,
                variant: message.variant,
                channel: MessageChannel(rawValue: message.channel) ?? .email,
                customerID: message.customerID,
                sentAt: message.sentAt,
                openedAt: message.openedAt,
                clickedAt: message.clickedAt
            )
        }
        var order = found.order
        order.customerID = order.customerID ?? customerID
        guard let credit = Attribution(configuration: .init(settings: settings)).attribute(order, touches: touches) else { return 0 }
        try await tx.attribute(
            shopID: shopID,
            order: order,
            to: OrderAttribution(
                messageKey: credit.touch.key,
                flowID: credit.touch.flowID,
                step: credit.touch.stepID,
                channel: credit.touch.channel.rawValue,
                variant: credit.touch.variant,
                basis: credit.basis.rawValue
            ),
            cartID: found.cartID,
            now: now
        )
        logger.info(
            "order attributed",
            metadata: ["rebound.flow.id": .string(credit.touch.flowID), "rebound.order.id": .string(externalID)]
        )
        return 0
    }

    /// Feeds `input` to a stored run and stores the result.
    func advance(_ stored: StoredFlowRun, input: FlowInput, tx: FlowTransaction, now: Date) async throws -> Int {
        guard let flowRecord = try await tx.flow(shopID: stored.shopID, id: stored.flowID, version: stored.flowVersion),
            let flow = try? FlowDocument.parse(flowRecord.document),
            let state = try? JSONDecoder().decode(FlowRunState.self, from: Data(stored.state.utf8))
        else {
            try await tx.markDead(
                shopID: stored.shopID,
                runID: stored.id,
                reason: "the run's state or its flow version \(stored.flowVersion) cannot be read",
                now: now
            )
            logger.error("flow run cannot be read; moved to the dead-letter list", metadata: ["rebound.run.id": .string(stored.id)])
            return 0
        }
        let transition = engine.handle(input, state: state, flow: flow, now: now)
        if let reason = transition.state.exitReason, reason == .invalidStep || reason == .versionMismatch {
            try await tx.markDead(
                shopID: stored.shopID,
                runID: stored.id,
                reason: "flow \(stored.flowID) v\(stored.flowVersion): \(reason)",
                now: now
            )
            return 0
        }
        var updated = stored
        updated.status = transition.state.status.rawValue
        updated.state = try Self.encode(transition.state)
        updated.wakeAt = transition.state.status.isFinished ? nil : transition.state.wakeAt
        try await tx.updateRun(updated, now: now)
        let customer = try await stored.customerID.asyncMap { try await tx.customer(shopID: stored.shopID, id: $0) } ?? nil
        return try await apply(transition.actions, run: updated, customer: customer, tx: tx, now: now)
    }

    /// Logs each effect once per key.
    func apply(_ actions: [FlowAction], run: StoredFlowRun, customer: Customer?, tx: FlowTransaction, now: Date) async throws -> Int {
        var logged = 0
        for action in actions {
            var record = MessageRecord(
                id: "msg_" + RandomToken.make(byteCount: 12),
                key: action.key,
                runID: run.id,
                flowID: run.flowID,
                flowVersion: run.flowVersion,
                step: nil,
                variant: nil,
                channel: "",
                template: nil,
                status: "intended",
                customerID: run.customerID,
                recipient: nil,
                cartID: run.cartID,
                detail: nil,
                scheduledAt: now,
                sentAt: nil
            )
            switch action {
            case .scheduleTimer, .exit:
                continue
            case .send(let message):
                record.step = message.stepID
                record.variant = message.variant
                record.channel = message.channel.rawValue
                record.template = message.template
                switch message.channel {
                case .email: record.recipient = customer?.email
                case .sms: record.recipient = customer?.phone
                case .onSite: record.recipient = run.cartID?.rawValue
                }
                // Consent, quiet hours in the recipient's zone and the cap across flows, decided when the step comes due.
                switch try await guardrails(for: message, run: run, customer: customer, tx: tx, now: now) {
                case .sendNow:
                    break
                case .deferUntil(let date, let reason):
                    record.scheduledAt = date
                    record.detail = "deferred: \(reason)"
                case .skip(let reason):
                    record.status = "skipped"
                    record.detail = reason
                }
                // The dispatcher sends email and SMS when they are due; on-site messages wait for the storefront.
                if record.status == "intended", message.channel != .onSite { record.dispatchAt = record.scheduledAt }
            case .skipStep(_, let step, let reason):
                record.step = step
                record.channel = "skip"
                record.status = "skipped"
                record.detail = reason
            case .issueDiscount(let key, let step, let spec, let rule, let expires):
                record.step = step
                record.channel = "discount"
                let issued = try await issueDiscount(key: key, spec: spec, rule: rule, expires: expires, run: run, tx: tx, now: now)
                record.status = issued.status
                record.detail = issued.detail
                // A code for the shop's platform is pushed there by the dispatcher.
                if issued.status == "intended" { record.dispatchAt = now }
            case .createTask(let key, let step, let template, let queue, let priority):
                record.step = step
                record.channel = "task"
                record.template = template
                record.detail = "queue \(queue), priority \(priority)"
                record.status = "created"
                try await tx.insertTask(
                    AgentTask(
                        id: "task_" + RandomToken.make(byteCount: 9),
                        kind: template,
                        title: Self.taskTitle(template: template, cartID: run.cartID, customer: customer),
                        detail: record.detail,
                        customerID: run.customerID,
                        cartID: run.cartID,
                        queue: queue,
                        priority: priority,
                        createdAt: now
                    ),
                    key: key,
                    shopID: run.shopID
                )
            case .notifySlack(_, let step, let channel, let template):
                record.step = step
                record.channel = "slack"
                record.template = template
                record.recipient = channel
                record.dispatchAt = now
            case .notifyWebhook(_, let step, let url, let template):
                record.step = step
                record.channel = "webhook"
                record.template = template
                record.recipient = url
                record.dispatchAt = now
            case .tagCustomer(_, let step, let tags):
                record.step = step
                record.channel = "tag"
                record.detail = tags.joined(separator: ", ")
                if let customerID = run.customerID {
                    try await tx.addTags(shopID: run.shopID, customerID: customerID, tags: tags, now: now)
                    record.status = "applied"
                } else {
                    record.status = "skipped"
                    record.detail = "no customer to tag"
                }
            }
            if try await tx.logMessage(record, shopID: run.shopID, now: now) { logged += 1 }
        }
        return logged
    }

    func guardrails(for message: FlowMessage, run: StoredFlowRun, customer: Customer?, tx: FlowTransaction, now: Date) async throws
        -> Guardrails.Decision
    {
        let facts = customer.map { CustomerFacts(customer: $0) } ?? CustomerFacts(customerID: run.customerID, hasEmail: false)
        let rules = Guardrails(configuration: .init(quietHours: .default, defaultTimeZone: try await tx.timeZone(shopID: run.shopID)))
        let since = now.addingTimeInterval(-rules.configuration.frequencyWindow)
        let recent = try await run.customerID.asyncMap { try await tx.recentSends(shopID: run.shopID, customerID: $0, since: since) } ?? []
        let suppressed = try await tx.suppressed(shopID: run.shopID, email: customer?.email, phone: customer?.phone)
        return rules.decide(
            CandidateSend(channel: message.channel, customerID: run.customerID?.rawValue, email: customer?.email, phone: customer?.phone),
            recipient: facts,
            recentSends: recent.compactMap { item in MessageChannel(rawValue: item.channel).map { RecentSend(channel: $0, sentAt: item.at) } },
            suppression: SuppressionList(emails: suppressed.emails, phones: suppressed.phones),
            now: now
        )
    }

    static func encode(_ state: FlowRunState) throws -> String {
        String(decoding: try JSONEncoder().encode(state), as: UTF8.self)
    }
}
