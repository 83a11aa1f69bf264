public import Foundation

/// Why a shopper returns items, as the return form offers them.
public enum ReturnReason: String, Sendable, Hashable, Codable, CaseIterable {
    case tooSmall = "too_small"
    case tooLarge = "too_large"
    case notAsDescribed = "not_as_described"
    case damaged
    case wrongItem = "wrong_item"
    case changedMind = "changed_mind"
    case other
}

/// What the shopper wants back.
public enum ReturnResolution: String, Sendable, Hashable, Codable {
    case refund
    case exchange
}

/// A validated return request from the self-service portal.
public struct ReturnRequest: Sendable, Hashable, Codable {
    public struct Item: Sendable, Hashable, Codable {
        public var lineID: String
        public var quantity: Int

        public init(lineID: String, quantity: Int) {
            self.lineID = lineID
            self.quantity = quantity
        }
    }

    public var orderNumber: String
    public var items: [Item]
    public var reason: ReturnReason
    public var resolution: ReturnResolution
    public var comment: String?

    public init(orderNumber: String, items: [Item], reason: ReturnReason, resolution: ReturnResolution, comment: String? = nil) {
        self.orderNumber = orderNumber
        self.items = items
        self.reason = reason
        self.resolution = resolution
        self.comment = comment
    }

    /// A problem with a submitted form, by field name (`item_<line id>`, `reason`, `resolution`, `comment`).
    public struct Problem: Sendable, Hashable, Codable {
        public var field: String
        public var message: String

        public init(field: String, message: String) {
            self.field = field
            self.message = message
        }
    }

    /// The longest comment accepted.
    public static let maximumCommentLength = 1_000

    /// Checks a submitted return form against the order and the policy at `now`.
    ///
    /// Fields: `item_<line id>` = quantity, `reason`, `resolution` (`refund`/`exchange`), `comment`.
    /// Every line must be returnable now (window open, not excluded), quantities within what was ordered,
    /// the resolution allowed by the policy, and "other" needs a comment.
    public static func validate(form: [String: String], order: OrderRecord, policy: ReturnPolicy, now: Date) -> Result<
        ReturnRequest, ReturnRequestProblems
    > {
        let eligibility = ReturnEligibility.evaluate(order: order, policy: policy, now: now)
        var problems: [Problem] = []
        var items: [Item] = []
        for (key, value) in form.sorted(by: { $0.key < $1.key }) where key.hasPrefix("item_") {
            let lineID = String(key.dropFirst(5))
            let trimmed = value.trimmingWhitespaceAndNewlines()
            if trimmed.isEmpty || trimmed == "0" { continue }
            guard let quantity = Int(trimmed), quantity > 0 else {
                problems.append(Problem(field: key, message: "quantity must be a whole number"))
                continue
            }
            guard let line = eligibility.lines.first(where: { $0.item.id == lineID }) else {
                problems.append(Problem(field: key, message: "not an item of this order"))
                continue
            }
            if let exclusion = line.exclusion {
                problems.append(Problem(field: key, message: "\(line.item.title) cannot be returned (\(exclusion))"))
                continue
            }
            if quantity > line.item.quantity {
                problems.append(Problem(field: key, message: "only \(line.item.quantity) ordered"))
                continue
            }
            items.append(Item(lineID: lineID, quantity: quantity))
        }
        if items.isEmpty && problems.isEmpty { problems.append(Problem(field: "items", message: "choose at least one item")) }
        let reason = form["reason"].flatMap { ReturnReason(rawValue: $0) }
        if reason == nil { problems.append(Problem(field: "reason", message: "choose a reason")) }
        let resolution = form["resolution"].flatMap { ReturnResolution(rawValue: $0) }
        switch resolution {
        case nil: problems.append(Problem(field: "resolution", message: "choose refund or exchange"))
        case .refund? where !policy.refundsAllowed: problems.append(Problem(field: "resolution", message: "refunds are not offered"))
        case .exchange? where !policy.exchangesAllowed: problems.append(Problem(field: "resolution", message: "exchanges are not offered"))
        default: break
        }
        let comment = form["comment"]?.trimmingWhitespaceAndNewlines()
        if let comment, comment.count > maximumCommentLength {
            problems.append(Problem(field: "comment", message: "at most \(maximumCommentLength) characters"))
        }
        if reason == .other, comment?.isEmpty ?? true { problems.append(Problem(field: "comment", message: "please explain the reason")) }
        guard problems.isEmpty, let reason, let resolution else { return .failure(ReturnRequestProblems(problems: problems)) }
        return .success(
            ReturnRequest(
                orderNumber: order.number,
                items: items,
                reason: reason,
                resolution: resolution,
                comment: comment?.isEmpty == true ? nil : comment
            )
        )
    }
}

/// The problems of a rejected return form.
public struct ReturnRequestProblems: Error, Sendable, Hashable {
    public var problems: [ReturnRequest.Problem]
}
