public import Foundation

/// A nightly window in the recipient's local time when marketing is not sent, e.g. 21:00–08:00.
public struct QuietHours: Hashable, Sendable {
    public var start: TimeOfDay
    public var end: TimeOfDay

    public init(start: TimeOfDay, end: TimeOfDay) {
        self.start = start
        self.end = end
    }

    /// 21:00–08:00.
    public static let `default` = QuietHours(start: TimeOfDay(hour: 21, minute: 0)!, end: TimeOfDay(hour: 8, minute: 0)!)

    /// Whether `date` falls in the window in `zone`; the window may wrap past midnight.
    public func contains(_ date: Date, in zone: TimeZone) -> Bool {
        let minute = LocalTime.minutesSinceMidnight(of: date, in: zone)
        let from = start.minutesSinceMidnight
        let to = end.minutesSinceMidnight
        if from == to { return false }
        return from < to ? (minute >= from && minute < to) : (minute >= from || minute < to)
    }

    /// `date` itself when outside the window, else the next end of the window in `zone`.
    public func nextAllowed(after date: Date, in zone: TimeZone) -> Date {
        guard contains(date, in: zone) else { return date }
        return LocalTime.next(end, after: date, in: zone)
    }
}

/// Addresses and people that never get marketing, whatever their consents say.
public struct SuppressionList: Hashable, Sendable {
    public var emails: Set<String>
    public var phones: Set<String>
    public var customerIDs: Set<String>

    public init(emails: Set<String> = [], phones: Set<String> = [], customerIDs: Set<String> = []) {
        self.emails = Set(emails.map { $0.lowercased() })
        self.phones = phones
        self.customerIDs = customerIDs
    }

    public func contains(email: String?, phone: String?, customerID: String?) -> Bool {
        if let email, emails.contains(email.lowercased()) { return true }
        if let phone, phones.contains(phone) { return true }
        if let customerID, customerIDs.contains(customerID) { return true }
        return false
    }
}
