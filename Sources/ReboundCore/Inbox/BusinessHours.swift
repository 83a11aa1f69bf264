public import Foundation

/// Opening hours per weekday in a time zone, with holidays, for a shop (`widget.business_hours`) or a team:
/// `{"time_zone": "Europe/Berlin", "days": {"mon": ["09:00", "18:00"], …}, "holidays": ["2026-12-24"]}`.
///
/// Without `days` every day is open (holidays still close); with `days`, a weekday not listed is closed. Without
/// `time_zone` the shop's zone applies. `"24:00"` ends a day at midnight.
///
/// The same hours decide whether the widget promises a reply instead of live chat, and move SLA deadlines: a target
/// counts only open time, so an email arriving on Friday evening with a 2-hour target is due Monday at 11:00.
public struct BusinessHours: Sendable, Hashable {
    /// Opening and closing minute of a weekday (0...1440).
    public struct Span: Sendable, Hashable {
        public var open: Int
        public var close: Int
    }

    public static let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    public var timeZone: TimeZone
    /// By `Calendar` weekday (1 = Sunday); nil means open around the clock every day.
    public var days: [Int: Span]?
    /// Local dates `YYYY-MM-DD` that are closed.
    public var holidays: Set<String>
    /// The document it was read from, for the API.
    public var json: JSONValue

    /// Reads a document that `problems(_:)` accepted; nil for anything else (callers validate first).
    public init?(_ value: JSONValue, defaultZone: String) {
        guard case .object(let object) = value, Self.problems(value).isEmpty else { return nil }
        let zone = object["time_zone"]?.stringValue ?? defaultZone
        timeZone = TimeZone(identifier: zone) ?? TimeZone(identifier: "UTC")!
        holidays = Set((object["holidays"]?.arrayValue ?? []).compactMap(\.stringValue))
        json = value
        if case .object(let given)? = object["days"] {
            var days: [Int: Span] = [:]
            for (day, span) in given {
                guard let index = Self.weekdays.firstIndex(of: day), let items = span.arrayValue, items.count == 2,
                    let open = Self.minutes(items[0].stringValue ?? ""), let close = Self.minutes(items[1].stringValue ?? "")
                else { continue }
                days[index + 1] = Span(open: open, close: close)
            }
            self.days = days
        } else {
            days = nil
        }
    }

    /// What is wrong with a document, by path below it.
    public static func problems(_ value: JSONValue) -> [(field: String, detail: String)] {
        guard case .object(let object) = value else { return [("(value)", "must be an object with days and holidays")] }
        var problems: [(String, String)] = []
        for key in object.keys.sorted() where !["time_zone", "days", "holidays"].contains(key) {
            problems.append((key, "is not a business-hours field; known: time_zone, days, holidays"))
        }
        if let zone = object["time_zone"], zone.stringValue.flatMap({ TimeZone(identifier: $0) }) == nil {
            problems.append(("time_zone", "is not an IANA time zone such as Europe/Berlin"))
        }
        if case .object(let days)? = object["days"] {
            for (day, span) in days.sorted(by: { $0.key < $1.key }) {
                guard weekdays.contains(day) else {
                    problems.append(("days.\(day)", "must be one of " + weekdays.joined(separator: ", ")))
                    continue
                }
                guard let items = span.arrayValue, items.count == 2, let open = minutes(items[0].stringValue ?? ""),
                    let close = minutes(items[1].stringValue ?? "")
                else {
                    problems.append(("days.\(day)", "must be [\"HH:MM\", \"HH:MM\"]"))
                    continue
                }
                if close <= open { problems.append(("days.\(day)", "must close after it opens")) }
            }
        } else if object["days"] != nil {
            problems.append(("days", "must be an object of weekdays"))
        }
        if let holidays = object["holidays"] {
            let dates = holidays.arrayValue?.compactMap(\.stringValue) ?? []
            if dates.count != holidays.arrayValue?.count || !dates.allSatisfy(isDate) || dates.count > 366 {
                problems.append(("holidays", "must be an array of at most 366 YYYY-MM-DD dates"))
            }
        }
        return problems
    }

    /// `"09:30"` → 570; `"24:00"` → 1440.
    public static func minutes(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
            (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }

    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2, let month = Int(parts[1]), let day = Int(parts[2]),
            Int(parts[0]) != nil
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The open interval of the local day that starts at `dayStart`, if the day opens at all.
    func openInterval(dayStart: Date, calendar: Calendar) -> DateInterval? {
        let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: dayStart)
        let date = String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
        if holidays.contains(date) { return nil }
        guard let nextDay = calendar.date(byAdding: .day, value: 1, to: dayStart) else { return nil }
        guard let days else { return DateInterval(start: dayStart, end: nextDay) }
        guard let span = days[parts.weekday ?? 1] else { return nil }
        func time(_ minute: Int) -> Date {
            if minute >= 1440 { return nextDay }
            return calendar.date(bySettingHour: minute / 60, minute: minute % 60, second: 0, of: dayStart) ?? dayStart
        }
        let open = time(span.open)
        let close = time(span.close)
        return close > open ? DateInterval(start: open, end: close) : nil
    }

    public func isOpen(at date: Date) -> Bool {
        let calendar = calendar
        guard let open = openInterval(dayStart: calendar.startOfDay(for: date), calendar: calendar) else { return false }
        return date >= open.start && date < open.end
    }

    /// The moment `seconds` of open time after `start` have passed: an SLA deadline in business time. Hours that
    /// never open (every day closed, or a year of holidays) count as always open rather than never due.
    public func addingOpenTime(_ seconds: TimeInterval, to start: Date) -> Date {
        let calendar = calendar
        var remaining = max(0, seconds)
        var dayStart = calendar.startOfDay(for: start)
        for _ in 0..<400 {
            if let open = openInterval(dayStart: dayStart, calendar: calendar) {
                let from = max(open.start, start)
                if from < open.end {
                    let available = open.end.timeIntervalSince(from)
                    if remaining <= available { return from.addingTimeInterval(remaining) }
                    remaining -= available
                }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: dayStart) else { break }
            dayStart = next
        }
        return start.addingTimeInterval(seconds)
    }

    /// When the hours next open at or after `date` (itself when open), within a year.
    public func nextOpening(after date: Date) -> Date? {
        let calendar = calendar
        var dayStart = calendar.startOfDay(for: date)
        for _ in 0..<400 {
            if let open = openInterval(dayStart: dayStart, calendar: calendar), open.end > date {
                return max(open.start, date)
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: dayStart) else { return nil }
            dayStart = next
        }
        return nil
    }
}
