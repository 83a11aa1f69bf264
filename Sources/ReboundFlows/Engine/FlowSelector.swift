public import ReboundCore

/// Picks which of a shop's flows start for an event.
public enum FlowSelector {
    /// The flows whose trigger matches `event` and whose entry conditions hold for `context`.
    ///
    /// Of flows that share an `exclusive_group`, only the one with the highest `priority` starts (ties: the smaller id),
    /// so a VIP cart gets `vip_cart` instead of `cart_recovery`. Result is ordered by flow id.
    public static func flowsToStart(for event: Event, context: FlowContext, among flows: [FlowDocument]) -> [FlowDocument] {
        let candidates = flows.filter { $0.trigger.matches(event) && ConditionEvaluator.holds($0.entryConditions ?? [], in: context) }
        var winners: [String: FlowDocument] = [:]
        var free: [FlowDocument] = []
        for flow in candidates {
            guard let group = flow.exclusiveGroup else {
                free.append(flow)
                continue
            }
            if let current = winners[group] {
                let better = (flow.priority ?? 0, current.id) > (current.priority ?? 0, flow.id)
                if better { winners[group] = flow }
            } else {
                winners[group] = flow
            }
        }
        return (free + winners.values).sorted { $0.id < $1.id }
    }
}
