import Foundation

/// Hands out codes from a list the merchant imported (codes made in the shop's own admin), with no platform call.
///
/// Each code is handed out once, in list order; the request's `code`, value and terms are ignored because the
/// merchant already set them when making the codes. State is in memory: the caller persists which codes were used
/// and passes only the unused ones to `init`.
public actor ImportedDiscountCodes: DiscountPlatform {
    private let codes: [String]
    private var next = 0
    private var issuedByRequest: [String: IssuedDiscountCode] = [:]

    /// - Parameter codes: unused codes; blanks and repeats (compared case-insensitively) are dropped.
    public init(codes: [String]) {
        var seen: Set<String> = []
        var unique: [String] = []
        for raw in codes {
            let code = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !code.isEmpty, seen.insert(code.uppercased()).inserted else { continue }
            unique.append(code)
        }
        self.codes = unique
    }

    /// Codes not yet handed out.
    public var remaining: Int { codes.count - next }

    /// The next code from the list. Asking again for the same request code (a retried step) returns the same code.
    public func createCode(_ request: DiscountCodeRequest) throws -> IssuedDiscountCode {
        if let earlier = issuedByRequest[request.code.uppercased()] { return earlier }
        guard next < codes.count else {
            throw PlatformError(.exhausted, "the imported code list is used up (\(codes.count) codes)")
        }
        let issued = IssuedDiscountCode(code: codes[next], platformCodeID: String(next))
        next += 1
        issuedByRequest[request.code.uppercased()] = issued
        return issued
    }

    /// The list does not know about redemptions.
    public func redemptions(of code: IssuedDiscountCode) -> Int? { nil }

    public func lookup(code: String) -> IssuedDiscountCode? {
        guard let index = codes.firstIndex(where: { $0.caseInsensitiveCompare(code) == .orderedSame }) else { return nil }
        return IssuedDiscountCode(code: codes[index], platformCodeID: String(index))
    }
}
