public import Foundation
import ReboundCore

/// A reporting period `[from, to)` with its days in the shop's time zone, and the previous period of the same length.
public struct ReportPeriod: Sendable, Hashable {
    public var from: Date
    public var to: Date
    /// Midnight (shop zone) of the first day; daily series count the zone's days (23, 24 or 25 h) from here.
    public var dayStart: Date
    public var days: Int
    /// The shop's zone, whose days the period counts.
    public var timeZone: TimeZone
    /// The preset (7, 30, 90) the period came from, if any.
    public var presetDays: Int?
    public var compare: Bool

    /// The longest period a report covers: longer ranges are refused rather than scanned.
    public static let maximumDays = 3 * 366

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// The period just before this one: the same number of days when it is made of whole days (so a week across a
    /// DST change is still seven days, and still read from the rollups), else the same length.
    public var previous: ReportPeriod {
        if from == dayStart, let start = calendar.date(byAdding: .day, value: -days, to: from),
            calendar.startOfDay(for: to) == to
        {
            return ReportPeriod(from: start, to: from, dayStart: start, days: days, timeZone: timeZone, presetDays: presetDays, compare: false)
        }
        let length = to.timeIntervalSince(from)
        let start = from.addingTimeInterval(-length), startDay = calendar.startOfDay(for: start)
        return ReportPeriod(
            from: start,
            to: from,
            dayStart: startDay,
            // As many days as this period, so the two daily series line up.
            days: days,
            timeZone: timeZone,
            presetDays: presetDays,
            compare: false
        )
    }

    /// One date (local midnight) per day, oldest first.
    public var dayDates: [Date] {
        let calendar = self.calendar
        return (0..<days).map { calendar.date(byAdding: .day, value: $0, to: dayStart) ?? dayStart.addingTimeInterval(Double($0) * 86_400) }
    }

    public init(
        from: Date,
        to: Date,
        dayStart: Date,
        days: Int,
        timeZone: TimeZone = TimeZone(identifier: "UTC")!,
        presetDays: Int? = nil,
        compare: Bool
    ) {
        self.from = from
        self.to = to
        self.dayStart = dayStart
        self.days = days
        self.timeZone = timeZone
        self.presetDays = presetDays
        self.compare = compare
    }

    /// How many of the zone's days `[dayStart, to)` touches (days of 23 or 25 hours count as one).
    static func dayCount(from dayStart: Date, to: Date, calendar: Calendar) -> Int {
        let lastDay = calendar.startOfDay(for: to.addingTimeInterval(-0.001))
        let count = calendar.dateComponents([.day], from: dayStart, to: lastDay).day ?? 0
        return max(1, count + 1)
    }

    /// A period from query values: `days` (a preset, the newest choice) wins over `from`/`to`; each of those is a day
    /// (`2026-11-01`, `to` inclusive) or an RFC 3339 time. Without any, the last 30 days up to today.
    ///
    /// - Throws: `ProblemDetails.badQuery` for an unreadable date, a backwards range or one longer than three years.
    public static func parse(
        from fromText: String?,
        to toText: String?,
        days daysText: String?,
        compare compareText: String?,
        timeZone: TimeZone,
        now: Date
    ) throws -> ReportPeriod {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let compare = compareText.map { ["1", "true", "yes", "on"].contains($0.lowercased()) } ?? false
        let endOfToday = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: now)) ?? now
        var preset: Int?
        var from: Date
        var to: Date
        if let daysText {
            guard let days = Int(daysText), days >= 1, days <= maximumDays else {
                throw ProblemDetails.badQuery("days", "must be a whole number of days from 1 to \(maximumDays)")
            }
            preset = days
            to = endOfToday
            from = calendar.date(byAdding: .day, value: -days, to: to) ?? to.addingTimeInterval(-Double(days) * 86_400)
        } else {
            to = try toText.map { try parseDate($0, name: "to", calendar: calendar, endOfDay: true) } ?? endOfToday
            from =
                try fromText.map { try parseDate($0, name: "from", calendar: calendar, endOfDay: false) }
                ?? (calendar.date(byAdding: .day, value: -30, to: to) ?? to.addingTimeInterval(-30 * 86_400))
        }
        guard from < to else { throw ProblemDetails.badQuery("from", "must be before to") }
        guard to.timeIntervalSince(from) <= Double(maximumDays) * 86_400 else {
            throw ProblemDetails.badQuery("from", "the period may span at most \(maximumDays) days")
        }
        let dayStart = calendar.startOfDay(for: from)
        let days = dayCount(from: dayStart, to: to, calendar: calendar)
        return ReportPeriod(from: from, to: to, dayStart: dayStart, days: days, timeZone: timeZone, presetDays: preset, compare: compare)
    }

    static func parseDate(_ text: String, name: String, calendar: Calendar, endOfDay: Bool) throws -> Date {
        if let date = RFC3339.parse(text) { return date }
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard text.count == 10, parts.count == 3, (1...12).contains(parts[1]), (1...31).contains(parts[2]),
            let day = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))
        else { throw ProblemDetails.badQuery(name, "must be a day such as 2026-11-01 or an RFC 3339 time") }
        return endOfDay ? calendar.date(byAdding: .day, value: 1, to: day) ?? day : day
    }

    /// `from` and `to` as query values the period form and links carry: days, `to` inclusive.
    public func queryItems(timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        func day(_ date: Date) -> String {
            let c = calendar.dateComponents([.year, .month, .day], from: date)
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        let lastDay = to.addingTimeInterval(-1)
        return "from=\(day(from))&to=\(day(lastDay))" + (compare ? "&compare=1" : "")
    }
}
