/// The steps as a directed graph (edges: `next` or the implicit next step, branch `goto`s, `else`), for cycle checks.
///
/// Flows must be acyclic so every run ends and every step's idempotency key is used at most once per run.
struct FlowGraph {
    struct Edge {
        var target: String
        var path: String
    }

    var order: [String]
    var edges: [String: [Edge]]

    init(_ flow: FlowDocument) {
        order = flow.steps.map(\.id)
        edges = [:]
        for (i, step) in flow.steps.enumerated() {
            let at = FlowPath("steps").index(i)
            var out: [Edge] = []
            for (j, branch) in (step.branches ?? []).enumerated() where step.type == .branch {
                out.append(Edge(target: branch.goto, path: at.key("branches").index(j).key("goto").text))
            }
            if step.type == .branch, let otherwise = step.otherwise {
                out.append(Edge(target: otherwise, path: at.key("else").text))
            } else if step.type != .exit, let next = flow.successor(of: step) {
                out.append(Edge(target: next, path: step.next == nil ? at.text : at.key("next").text))
            }
            // First definition wins; duplicates are reported by the step checks.
            if edges[step.id] == nil { edges[step.id] = out }
        }
    }

    /// One issue per edge that closes a cycle, at the path of that edge, naming the loop.
    /// Skipped while step ids repeat: the step checks report that, and a duplicate id would look like a loop.
    func cycleIssues() -> [FlowIssue] {
        guard Set(order).count == order.count else { return [] }
        var state: [String: Int] = [:]  // 1 = on the stack, 2 = done
        var stack: [String] = []
        var issues: [FlowIssue] = []
        func visit(_ id: String) {
            state[id] = 1
            stack.append(id)
            for edge in edges[id] ?? [] where edges[edge.target] != nil {
                switch state[edge.target] {
                case 1:
                    let loop = stack.drop(while: { $0 != edge.target }) + [edge.target]
                    issues.append(
                        FlowIssue(path: edge.path, message: "jumps back to '\(edge.target)' and forms a cycle: \(loop.joined(separator: " → "))")
                    )
                case nil:
                    visit(edge.target)
                default:
                    break
                }
            }
            stack.removeLast()
            state[id] = 2
        }
        for id in order where state[id] == nil { visit(id) }
        return issues
    }
}
