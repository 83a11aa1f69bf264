public import Foundation

/// Local wall-clock arithmetic in a named time zone, DST-aware.
public enum LocalTime {
    /// The IANA zone, or UTC when the name is unknown or missing.
    public static func zone(_ identifier: String?) -> TimeZone {
        identifier.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "UTC")!
    }

    static func calendar(_ zone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return calendar
    }

    /// Minutes since local midnight of `date` in `zone`.
    public static func minutesSinceMidnight(of date: Date, in zone: TimeZone) -> Int {
        let parts = calendar(zone).dateComponents([.hour, .minute], from: date)
        return (parts.hour ?? 0) * 60 + (parts.minute ?? 0)
    }

    /// The first instant strictly after `date` at which the local clock in `zone` shows `time`.
    ///
    /// When `time` does not exist on a day (skipped by a DST change) the first instant after the gap is used.
    public static func next(_ time: TimeOfDay, after date: Date, in zone: TimeZone) -> Date {
        let calendar = calendar(zone)
        var day = calendar.dateComponents([.year, .month, .day], from: date)
        for _ in 0..<3 {
            day.hour = time.hour
            day.minute = time.minute
            day.second = 0
            if let candidate = calendar.date(from: day), candidate > date { return candidate }
            guard let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)),
                let tomorrow = calendar.date(byAdding: .day, value: 1, to: start)
            else { break }
            day = calendar.dateComponents([.year, .month, .day], from: tomorrow)
        }
        return date.addingTimeInterval(86400)
    }
}
