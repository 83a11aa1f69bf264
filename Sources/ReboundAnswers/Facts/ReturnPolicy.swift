import Foundation

/// A shop's return rules, including the exceptions the bot must state (sale items).
public struct ReturnPolicy: Sendable, Hashable, Codable {
    /// What the return window counts from.
    public enum WindowStart: String, Sendable, Hashable, Codable {
        case delivery
        case order
    }

    /// Days to return an item.
    public var windowDays: Int
    public var windowStart: WindowStart
    /// Whether reduced items may be returned; false makes every sale item final.
    public var saleItemsReturnable: Bool
    /// Products with one of these tags are never returnable (for example `final-sale`, `hygiene`).
    public var excludedTags: [String]
    public var refundsAllowed: Bool
    public var exchangesAllowed: Bool
    /// What return shipping costs the shopper; nil when the shop did not say, zero when free.
    public var returnShippingCost: MoneyAmount?
    /// The shop's returns page, cited with every returns answer.
    public var source: AnswerSource

    public init(
        windowDays: Int,
        windowStart: WindowStart = .delivery,
        saleItemsReturnable: Bool = true,
        excludedTags: [String] = [],
        refundsAllowed: Bool = true,
        exchangesAllowed: Bool = true,
        returnShippingCost: MoneyAmount? = nil,
        source: AnswerSource
    ) {
        self.windowDays = windowDays
        self.windowStart = windowStart
        self.saleItemsReturnable = saleItemsReturnable
        self.excludedTags = excludedTags
        self.refundsAllowed = refundsAllowed
        self.exchangesAllowed = exchangesAllowed
        self.returnShippingCost = returnShippingCost
        self.source = source
    }

    /// Why a product cannot be returned, or nil when it can.
    public func exclusion(isOnSale: Bool, isFinalSale: Bool, tags: [String]) -> ReturnExclusion? {
        if isFinalSale { return .finalSale }
        if isOnSale && !saleItemsReturnable { return .saleItem }
        let folded = Set(tags.map { TextFolding.fold($0) })
        if let tag = excludedTags.first(where: { folded.contains(TextFolding.fold($0)) }) { return .excludedTag(tag) }
        return nil
    }
}

/// Why an item is not returnable.
public enum ReturnExclusion: Sendable, Hashable, Codable {
    case finalSale
    case saleItem
    case excludedTag(String)
    case windowClosed
    case notDelivered
}
