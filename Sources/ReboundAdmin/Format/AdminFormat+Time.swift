public import Foundation

extension AdminFormat {
    /// A duration in its two largest units: `45 s`, `1 min 30 s`, `1 h 5 min`, `2 d 3 h` (de: `2 T 3 h`). `–` for nil.
    public func duration(seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return Self.missing }
        let total = Int(abs(seconds).rounded())
        let units: [(Int, String)] = [(86_400, locale == .de ? "T" : "d"), (3600, "h"), (60, "min"), (1, "s")]
        guard let first = units.firstIndex(where: { total >= $0.0 }) else { return "0\u{00A0}s" }
        let (size, name) = units[first]
        var text = "\(total / size)\u{00A0}\(name)"
        // Two units are enough to read at a glance; a zero second unit ("1 h 0 min") is left out.
        if first + 1 < units.count {
            let (nextSize, nextName) = units[first + 1]
            let next = (total % size) / nextSize
            if next > 0 { text += " \(next)\u{00A0}\(nextName)" }
        }
        return (seconds < 0 ? "−" : "") + text
    }

    /// How long ago (or how far ahead) `date` is from `now`: `just now`, `3 min ago`, `2 h ago`, `in 5 min`, `yesterday`,
    /// and the date itself after a week. German: `gerade eben`, `vor 3 min`, `in 5 min`, `gestern`.
    ///
    /// `now` is a parameter so pages render the same in tests and never read the clock.
    public func relative(_ date: Date, now: Date) -> String {
        let delta = now.timeIntervalSince(date)
        let magnitude = abs(delta)
        if magnitude < 45 { return locale == .de ? "gerade eben" : "just now" }
        let amount: String
        if magnitude < 3600 {
            amount = "\(max(1, Int((magnitude / 60).rounded())))\u{00A0}min"
        } else if magnitude < 86_400 {
            amount = "\(Int((magnitude / 3600).rounded(.down)))\u{00A0}h"
        } else if magnitude < 7 * 86_400 {
            let days = Int((magnitude / 86_400).rounded(.down))
            if days == 1 { return delta > 0 ? (locale == .de ? "gestern" : "yesterday") : (locale == .de ? "morgen" : "tomorrow") }
            amount = locale == .de ? "\(days) Tagen" : "\(days) days"
        } else {
            return self.date(date)
        }
        if delta > 0 { return locale == .de ? "vor \(amount)" : "\(amount) ago" }
        return "in \(amount)"
    }

    /// A calendar date in the shop's time zone: `26 Nov 2025` (en), `26.11.2025` (de).
    public func date(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let (year, month, day) = (parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
        switch locale {
        case .de: return "\(pad(day)).\(pad(month)).\(year)"
        case .en: return "\(day) \(Self.monthNames[month - 1]) \(year)"
        }
    }

    /// A short date for axis labels: `26 Nov` (en), `26.11.` (de).
    public func shortDate(_ date: Date) -> String {
        let parts = calendar.dateComponents([.month, .day], from: date)
        let (month, day) = (parts.month ?? 1, parts.day ?? 1)
        return locale == .de ? "\(pad(day)).\(pad(month))." : "\(day) \(Self.monthNames[month - 1])"
    }

    /// Date and time of day: `26 Nov 2025, 14:05` (en), `26.11.2025, 14:05` (de).
    public func dateTime(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return self.date(date) + ", " + pad(parts.hour ?? 0) + ":" + pad(parts.minute ?? 0)
    }

    /// The value of an `<input type="date">`: `2025-11-26` in the shop's time zone.
    public func isoDay(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return "\(parts.year ?? 1970)-\(pad(parts.month ?? 1))-\(pad(parts.day ?? 1))"
    }

    /// A timestamp for `<time datetime>`: ISO 8601 in UTC.
    public func machineTimestamp(_ date: Date) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let p = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return "\(p.year ?? 1970)-\(pad(p.month ?? 1))-\(pad(p.day ?? 1))T\(pad(p.hour ?? 0)):\(pad(p.minute ?? 0)):\(pad(p.second ?? 0))Z"
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
