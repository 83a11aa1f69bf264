import Foundation

/// RFC 3339 / ISO 8601 timestamps in UTC (`2024-10-05T12:00:00Z`), as Shopify and WooCommerce accept them.
enum ISO8601 {
    static func string(_ date: Date) -> String {
        // A fresh formatter per call: ISO8601DateFormatter is not Sendable, and these calls are rare.
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
