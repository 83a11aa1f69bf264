internal import Foundation
public import ReboundCore

/// Something that happened to a running flow.
public enum FlowInput: Hashable, Sendable {
    /// The run's timer fired (the scheduler passes `now`).
    case timerFired
    /// A cart turned into an order; ends the run only when it is the run's own cart.
    case cartConverted(cartID: Cart.ID)
    /// The person placed an order, with the cart it came from if known.
    case orderPlaced(orderID: Order.ID, cartID: Cart.ID?)
    /// The person unsubscribed from `channel`, or from everything when `nil`.
    case unsubscribed(channel: MessageChannel?)
    /// An agent conversation with the person opened.
    case conversationOpened
    /// A message of this run, sent by step `stepID`, was opened.
    case messageOpened(stepID: String)
    case messageClicked(stepID: String)
    /// Fresher facts (consents, tags, CLV) to evaluate later steps against; cart and engagement are kept.
    case customerUpdated(CustomerFacts)
}

/// The engine's answer: the run's new state and the effects to carry out, in order.
public struct FlowTransition: Hashable, Sendable {
    public var state: FlowRunState
    public var actions: [FlowAction]

    public init(state: FlowRunState, actions: [FlowAction]) {
        self.state = state
        self.actions = actions
    }
}
