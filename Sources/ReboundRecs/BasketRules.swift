/// Caller-provided rules saying which order lines count as purchases of products.
///
/// A line is kept when it is not a cancellation and its product code is a real product
/// (not postage, fees, vouchers, manual adjustments).
public struct BasketRules: Sendable {
    /// Returns `true` for lines that cancel or adjust rather than sell (dropped).
    public var isCancellation: @Sendable (OrderLine) -> Bool
    /// Returns `true` for product codes that are real products (kept).
    public var isProduct: @Sendable (String) -> Bool

    public init(isCancellation: @escaping @Sendable (OrderLine) -> Bool, isProduct: @escaping @Sendable (String) -> Bool) {
        self.isCancellation = isCancellation
        self.isProduct = isProduct
    }

    /// Keeps every line.
    public static let keepAll = BasketRules(isCancellation: { _ in false }, isProduct: { _ in true })

    /// The rule used for the UCI Online Retail data set.
    ///
    /// - Cancellation: invoice number starting with `C`, quantity ≤ 0, or a known unit price ≤ 0
    ///   (zero-price lines are stock adjustments such as "damages" or "check").
    /// - Product: the stock code starts with five digits (`85123A`, `22423`); this drops `POST`,
    ///   `DOT`, `M`, `C2`, `S`, `D`, `AMAZONFEE`, `BANK CHARGES`, `gift_…`, `DCGS…`, `PADS`, `B`, `CRUK`.
    public static let onlineRetail = BasketRules(
        isCancellation: { line in
            line.orderID.rawValue.hasPrefix("C") || line.quantity <= 0 || (line.unitPrice.map { $0 <= 0 } ?? false)
        },
        isProduct: { code in
            let utf8 = code.utf8
            guard utf8.count >= 5 else { return false }
            return utf8.prefix(5).allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        }
    )
}
