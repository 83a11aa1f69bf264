import Foundation
import ReboundCore
import ReboundFlows

/// Monday 2 March 2026, 12:00 UTC.
let t0 = Date(timeIntervalSince1970: 1_772_452_800)
let hour: TimeInterval = 3600
let day: TimeInterval = 86400

func utc(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    return formatter.date(from: text)!
}

func cartContext(value: Int64 = 12_000, cartID: Cart.ID = "cart_1", emailConsent: Bool = true, smsConsent: Bool = false, timeZone: String? = nil)
    -> FlowContext
{
    FlowContext(
        cart: CartFacts(cartID: cartID, value: value, currency: .eur, itemCount: 2, productIDs: ["p1", "p2"], categories: ["shoes"]),
        customer: CustomerFacts(
            customerID: "cus_1",
            emailConsent: emailConsent,
            smsConsent: smsConsent,
            hasEmail: true,
            hasPhone: true,
            country: "DE",
            timeZone: timeZone
        )
    )
}

func customerContext(
    emailConsent: Bool = true,
    clv: Int64? = nil,
    margin: Int64? = nil,
    orderCount: Int = 0,
    timeZone: String? = nil,
    id: Customer.ID = "cus_1"
) -> FlowContext {
    FlowContext(
        customer: CustomerFacts(
            customerID: id,
            emailConsent: emailConsent,
            hasEmail: true,
            timeZone: timeZone,
            clv: clv,
            margin: margin,
            orderCount: orderCount
        )
    )
}

/// One effect at the time it was asked for.
struct Entry: Equatable, CustomStringConvertible {
    var at: Date
    var what: String
    var description: String { "+\(at.timeIntervalSince(t0) / hour)h \(what)" }
}

/// Starts a run at `start` and fires every timer exactly when due until the run ends.
/// `interrupt` may inject an input before the timer at a given wake time fires.
func walk(
    _ flow: FlowDocument,
    _ context: FlowContext,
    from start: Date = t0,
    engine: FlowEngine = FlowEngine(),
    interrupt: (Date) -> (FlowInput, Date)? = { _ in nil }
) -> (entries: [Entry], state: FlowRunState, actions: [FlowAction]) {
    var transition = engine.start(flow, runID: "run_1", context: context, triggeredAt: start, now: start)
    var actions = transition.actions
    var entries = transition.actions.compactMap { describe($0).map { Entry(at: start, what: $0) } }
    var rounds = 0
    while transition.state.status == .waiting, let wake = transition.state.wakeAt, rounds < 50 {
        rounds += 1
        if let (input, when) = interrupt(wake) {
            transition = engine.handle(input, state: transition.state, flow: flow, now: when)
            actions += transition.actions
            entries += transition.actions.compactMap { describe($0).map { Entry(at: when, what: $0) } }
            if transition.state.status != .waiting { break }
        }
        transition = engine.handle(.timerFired, state: transition.state, flow: flow, now: wake)
        actions += transition.actions
        entries += transition.actions.compactMap { describe($0).map { Entry(at: wake, what: $0) } }
    }
    return (entries, transition.state, actions)
}

/// A short text for each effect; timers are left out (their effect shows as the time of what follows).
func describe(_ action: FlowAction) -> String? {
    switch action {
    case .scheduleTimer: nil
    case .send(let message): "\(message.channel.rawValue):\(message.template)"
    case .issueDiscount(_, _, let spec, let rule, _): "discount:\(spec.map { "\($0.kind.rawValue)\($0.value.map(String.init) ?? "")" } ?? rule ?? "")"
    case .createTask(_, _, let template, let queue, let priority): "task:\(template):\(queue):\(priority)"
    case .notifySlack(_, _, let channel, let template): "slack:\(channel):\(template)"
    case .notifyWebhook(_, _, let url, _): "webhook:\(url)"
    case .tagCustomer(_, _, let tags): "tag:\(tags.joined(separator: ","))"
    case .skipStep(_, let step, let reason): "skip:\(step):\(reason)"
    case .exit(_, let reason): "exit:\(reason.rawValue)"
    }
}

func template(_ id: String) -> FlowDocument { FlowTemplates.template(id)! }
