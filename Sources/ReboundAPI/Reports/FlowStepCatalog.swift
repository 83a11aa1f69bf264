import Foundation
import ReboundCore
import ReboundStore

/// Names and numbers the message steps of the shop's flows for reports: "2. Email · after 24h".
public enum FlowStepCatalog {
    public struct Step: Sendable, Hashable {
        /// 1-based among the flow's message steps, in document order.
        public var position: Int
        public var label: String
    }

    public struct Flow: Sendable, Hashable {
        public var name: String
        public var steps: [String: Step]
    }

    /// Reads each flow's stored document; steps are read from JSON so a document saved by an older version still reads.
    static func catalog(_ flows: [StoredFlow]) -> [String: Flow] {
        var result: [String: Flow] = [:]
        for flow in flows {
            var steps: [String: Step] = [:]
            var waited: [String] = []
            let items = (try? JSONValue.parse(flow.document))?["steps"]?.arrayValue ?? []
            for item in items {
                guard let id = item["id"]?.stringValue, let type = item["type"]?.stringValue else { continue }
                if type == "wait", let wait = item["wait"]?.stringValue {
                    waited.append(wait)
                    continue
                }
                let channel: String
                switch type {
                case "send_email": channel = "Email"
                case "send_sms": channel = "SMS"
                case "show_onsite": channel = "On-site"
                default: continue
                }
                let timing = waited.isEmpty ? "" : " · after " + waited.joined(separator: " + ")
                steps[id] = Step(position: steps.count + 1, label: channel + timing)
            }
            result[flow.id] = Flow(name: flow.name, steps: steps)
        }
        return result
    }
}
