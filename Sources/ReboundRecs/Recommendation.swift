/// A recommended product with the figures that ranked it.
public struct Recommendation: Sendable, Hashable {
    /// Why a product was recommended.
    public enum Source: Sendable, Hashable {
        /// Bought together with the product, cart or history (association).
        case boughtTogether
        /// A best seller of the same category (fallback for too little history).
        case categoryBestSeller
        /// An overall best seller (fallback when no category is known).
        case bestSeller
    }

    public var product: Product.ID
    /// The ranking score: lift or confidence (summed over cart lines), or the basket count for best sellers.
    public var score: Double
    public var source: Source

    public init(product: Product.ID, score: Double, source: Source) {
        self.product = product
        self.score = score
        self.source = source
    }
}
