import Foundation

/// Proves that a shopper may see an order: the order number and the order's email must both match.
///
/// A wrong email and an order that does not exist give the same ``OrderVerification/notVerified``,
/// with nothing attached, so the answer cannot tell a guesser which order numbers exist. The
/// server must still rate-limit attempts; this type only decides.
/// ```swift
/// switch OrderVerifier.verify(orderNumber: "#9999", email: "Jon@Example.com", candidates: orders) {
/// case .verified(let order): show(order)
/// case .notVerified: askAgain()
/// }
/// ```
public enum OrderVerifier {
    /// Compares the email with the candidate whose number matches.
    ///
    /// - Parameter candidates: the orders the store found for the number (normally zero or one).
    public static func verify(orderNumber: String, email: String, candidates: [OrderRecord]) -> OrderVerification {
        let number = normalizedNumber(orderNumber)
        let claimed = normalizedEmail(email)
        guard !number.isEmpty, !claimed.isEmpty else { return .notVerified }
        var match: OrderRecord?
        for order in candidates where normalizedNumber(order.number) == number {
            // Compare every candidate in full so a miss and a hit take the same work.
            if constantTimeEqual(normalizedEmail(order.email), claimed) && match == nil { match = order }
        }
        return match.map { .verified($0) } ?? .notVerified
    }

    /// `#9 999` → `9999`: without `#`, spaces and a leading "No."; upper-cased.
    public static func normalizedNumber(_ number: String) -> String {
        var s = number.uppercased()
        for prefix in ["NO.", "NR.", "NO", "NR"] where s.hasPrefix(prefix) {
            s = String(s.dropFirst(prefix.count))
            break
        }
        return String(s.filter { $0 != "#" && !$0.isWhitespace })
    }

    /// Trimmed and lower-cased.
    public static func normalizedEmail(_ email: String) -> String {
        email.trimmingWhitespaceAndNewlines().lowercased()
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var diff = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            diff |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return diff == 0
    }
}

/// The outcome of ``OrderVerifier/verify(orderNumber:email:candidates:)``.
public enum OrderVerification: Sendable, Hashable {
    case verified(OrderRecord)
    /// Wrong email or no such order: deliberately indistinguishable.
    case notVerified
}
