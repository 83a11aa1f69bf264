/// Maps external product ids (SKUs, stock codes) to dense internal ``Product/ID``s and back.
///
/// Ids are assigned in first-seen order and never change, so models built on one catalog stay
/// valid when the catalog grows.
public struct ProductCatalog: Sendable, Equatable {
    private var idsByCode: [String: Product.ID] = [:]
    /// External codes indexed by internal id.
    public private(set) var codes: [String] = []

    public init() {}

    /// Creates a catalog holding `codes` in order (duplicates keep their first id).
    public init(codes: some Sequence<String>) {
        for code in codes { _ = intern(code) }
    }

    /// Number of products known.
    public var count: Int { codes.count }

    /// The internal id for `code`, assigning the next free id when the code is new.
    public mutating func intern(_ code: String) -> Product.ID {
        if let id = idsByCode[code] { return id }
        let id = Product.ID(Int32(codes.count))
        idsByCode[code] = id
        codes.append(code)
        return id
    }

    /// The internal id of a known code, or `nil`.
    public func id(for code: String) -> Product.ID? { idsByCode[code] }

    /// The external code of an internal id, or `nil` when the id is unknown.
    public func code(for id: Product.ID) -> String? {
        codes.indices.contains(id.index) ? codes[id.index] : nil
    }
}
