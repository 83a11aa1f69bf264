public import Foundation

/// The return request form for a verified order, with the policy applied per line.
public struct ReturnFormView: Sendable, Hashable {
    public var shop: ShopProfile
    public var locale: String
    public var paths: HelpPaths
    public var order: OrderRecord
    public var eligibility: ReturnEligibility
    /// The submitted values, to show again with `problems`.
    public var form: [String: String]
    public var problems: [ReturnRequest.Problem]
    public var csrfToken: String?

    public init(
        shop: ShopProfile,
        locale: String,
        paths: HelpPaths,
        order: OrderRecord,
        policy: ReturnPolicy,
        now: Date,
        form: [String: String] = [:],
        problems: [ReturnRequest.Problem] = [],
        csrfToken: String? = nil
    ) {
        self.shop = shop
        self.locale = locale
        self.paths = paths
        self.order = order
        eligibility = ReturnEligibility.evaluate(order: order, policy: policy, now: now)
        self.form = form
        self.problems = problems
        self.csrfToken = csrfToken
    }
}
