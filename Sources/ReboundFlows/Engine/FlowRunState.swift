public import Foundation
public import ReboundCore

/// One run of one flow version for one person (and, for cart flows, one cart). Stored as a row; changed only by ``FlowEngine``.
public struct FlowRunState: Hashable, Sendable, Codable {
    public typealias ID = Identifier<FlowRunState>

    public enum Status: String, Hashable, Sendable, Codable {
        /// Waiting for a timer at ``FlowRunState/wakeAt``.
        case waiting
        /// Reached the end of its steps.
        case completed
        /// Ended early; see ``FlowRunState/exitReason``.
        case exited

        public var isFinished: Bool { self != .waiting }
    }

    public var id: ID
    public var flowID: String
    /// The flow version the run started with and keeps.
    public var flowVersion: Int
    public var status: Status
    /// The step the run waits in; `nil` once finished.
    public var currentStepID: String?
    public var startedAt: Date
    public var wakeAt: Date?
    /// The experiment variant, `holdout`, or `nil` when the flow has no experiment.
    public var variant: String?
    public var context: FlowContext
    /// Steps already carried out, in order; with the run id they make each step's idempotency key.
    public var completedSteps: [String]
    public var exitReason: FlowExitReason?
    public var finishedAt: Date?

    public init(
        id: ID,
        flowID: String,
        flowVersion: Int,
        status: Status = .waiting,
        currentStepID: String? = nil,
        startedAt: Date,
        wakeAt: Date? = nil,
        variant: String? = nil,
        context: FlowContext,
        completedSteps: [String] = [],
        exitReason: FlowExitReason? = nil,
        finishedAt: Date? = nil
    ) {
        self.id = id
        self.flowID = flowID
        self.flowVersion = flowVersion
        self.status = status
        self.currentStepID = currentStepID
        self.startedAt = startedAt
        self.wakeAt = wakeAt
        self.variant = variant
        self.context = context
        self.completedSteps = completedSteps
        self.exitReason = exitReason
        self.finishedAt = finishedAt
    }

    /// The idempotency key of a step's effect in this run: `<run id>:<step id>`.
    public func key(for stepID: String) -> String { "\(id.rawValue):\(stepID)" }
}

/// Why a run ended early. Open set: an `exit` step can name its own reason.
public struct FlowExitReason: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    // Codable as a plain string comes from the standard library's `RawRepresentable` support.

    public var description: String { rawValue }

    public static let completed = FlowExitReason(rawValue: "completed")
    public static let exitStep = FlowExitReason(rawValue: "exit_step")
    public static let cartConverted = FlowExitReason(rawValue: "cart_converted")
    public static let orderPlaced = FlowExitReason(rawValue: "order_placed")
    public static let unsubscribed = FlowExitReason(rawValue: "unsubscribed")
    public static let conversationOpened = FlowExitReason(rawValue: "conversation_opened")
    public static let entryConditionsNotMet = FlowExitReason(rawValue: "entry_conditions_not_met")
    public static let holdout = FlowExitReason(rawValue: "holdout")
    /// The engine was handed another version than the run started with.
    public static let versionMismatch = FlowExitReason(rawValue: "version_mismatch")
    /// A step the engine cannot carry out (only in documents that skipped validation).
    public static let invalidStep = FlowExitReason(rawValue: "invalid_step")
}
