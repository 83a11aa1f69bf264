public import Foundation
public import ReboundCore
import ReboundFlows

/// What one claim of due runs did, reported once its transaction is committed.
public struct DuePass: Sendable {
    /// A run moved on past a wait.
    public struct Timer: Sendable, Hashable {
        public var shopID: Shop.ID
        public var runID: String
        /// When the wait was over.
        public var dueAt: Date
    }

    /// The time the runs were claimed at: every run due by then was eligible.
    public var now: Date
    /// Runs claimed, whatever became of them.
    public var claimed: Int
    /// Runs moved on past their wait (not those that went to the dead-letter list, nor timers that fired early).
    public var fired: [Timer]
    /// Effects logged.
    public var logged: Int
}

extension FlowAction {
    /// Whether the action sends a message (which needs the customer and the guardrails).
    var isSend: Bool {
        if case .send = self { return true }
        return false
    }
}
