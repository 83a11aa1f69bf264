import Foundation

// Wire shapes of the REST Admin PriceRule and DiscountCode resources (2024-10), snake_case as Shopify writes them.

struct PriceRuleEnvelope: Codable {
    var price_rule: PriceRuleDTO
}

struct PriceRuleDTO: Codable {
    struct SubtotalRange: Codable {
        var greater_than_or_equal_to: String
    }

    var id: Int64?
    var title: String
    var target_type: String
    var target_selection: String
    var allocation_method: String
    var value_type: String
    var value: String
    var customer_selection: String
    var once_per_customer: Bool
    var usage_limit: Int?
    var starts_at: String
    var ends_at: String?
    var prerequisite_subtotal_range: SubtotalRange?

    /// The documented combinations: percentage and fixed amount on `line_item` with `allocation_method: across`
    /// (the discount is spread over the order, as in "SUMMERSALE10OFF"), free shipping on `shipping_line` with
    /// `each`, `percentage` and `-100.0`, which is the only value Shopify accepts there.
    init(_ request: DiscountCodeRequest) {
        title = request.code
        customer_selection = "all"
        target_selection = "all"
        once_per_customer = true
        usage_limit = 1
        starts_at = ISO8601.string(request.startsAt)
        ends_at = request.expiresAt.map(ISO8601.string)
        prerequisite_subtotal_range = request.minimumSubtotal.map {
            SubtotalRange(greater_than_or_equal_to: DecimalAmount.format(minorUnits: $0, currency: request.currency))
        }
        switch request.value {
        case .percent(let percent):
            target_type = "line_item"
            allocation_method = "across"
            value_type = "percentage"
            value = "-\(percent).0"
        case .fixedAmount(let amount):
            target_type = "line_item"
            allocation_method = "across"
            value_type = "fixed_amount"
            value = DecimalAmount.format(minorUnits: -amount, currency: request.currency)
        case .freeShipping:
            target_type = "shipping_line"
            allocation_method = "each"
            value_type = "percentage"
            value = "-100.0"
        }
    }
}

struct DiscountCodeEnvelope: Codable {
    var discount_code: DiscountCodeDTO
}

struct DiscountCodeDTO: Codable {
    var id: Int64?
    var price_rule_id: Int64?
    var code: String
    var usage_count: Int?

    init(code: String) {
        self.code = code
    }
}
