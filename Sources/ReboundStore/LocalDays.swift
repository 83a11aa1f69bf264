import Foundation
import SQLKit

/// The days of a shop's time zone as numbers, for the dashboard and its rollups.
///
/// The local day of an instant `t` (epoch ms) is `⌊(t + offset(t)) / 86 400 000⌋`, where `offset(t)` is the zone's UTC
/// offset at `t` (DST-aware, from Foundation's `TimeZone`): day 0 is the local date 1970-01-01, and in the zone "UTC"
/// local days are UTC days. A local day runs from its local midnight to the next one: 23, 24 or 25 hours.
///
/// The offsets are read once for a window of time, as the segments between the zone's transitions, so a day is
/// computed without a Foundation call per row, and SQL computes the same day (`sqlDay`). Instants outside the window
/// (two days of margin on each side) take the offset at its nearest edge.
struct LocalDays: Sendable {
    static let dayMs: Int64 = 86_400_000

    /// The zone's identifier, as recorded with the rollups.
    let identifier: String
    /// The instants (epoch ms) where the offset changes, ascending; `offsets[i]` holds before `transitions[i]`.
    private(set) var transitions: [Int64] = []
    /// Offsets in ms; one more than `transitions`.
    private(set) var offsets: [Int64]

    /// The days of `zone` around `[from, to)` (epoch ms).
    init(zone: TimeZone, from: Int64, to: Int64) {
        identifier = zone.identifier
        let margin = 2 * Self.dayMs
        var at = Date(epochMilliseconds: from - margin)
        offsets = [Int64(zone.secondsFromGMT(for: at)) * 1000]
        let end = to + margin
        while let next = zone.nextDaylightSavingTimeTransition(after: at), next > at, next.epochMilliseconds < end {
            let offset = Int64(zone.secondsFromGMT(for: next)) * 1000
            if offset != offsets.last {
                transitions.append(next.epochMilliseconds)
                offsets.append(offset)
            }
            at = next
        }
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 { a >= 0 ? a / b : -((-a + b - 1) / b) }

    /// The zone's UTC offset (ms) at `ms`.
    func offset(_ ms: Int64) -> Int64 {
        var low = 0, high = transitions.count
        while low < high {
            let mid = (low + high) / 2
            if transitions[mid] <= ms { low = mid + 1 } else { high = mid }
        }
        return offsets[low]
    }

    /// The local day number of an instant.
    func day(_ ms: Int64) -> Int64 { Self.floorDiv(ms + offset(ms), Self.dayMs) }

    /// The first instant (epoch ms) of a local day: its local midnight, or the transition that skipped midnight.
    func start(_ day: Int64) -> Int64 {
        var first = Int64.max
        for index in offsets.indices {
            let lower = index == 0 ? Int64.min : transitions[index - 1]
            let upper = index < transitions.count ? transitions[index] : Int64.max
            let midnight = day * Self.dayMs - offsets[index]
            if midnight >= lower && midnight < upper {
                first = min(first, midnight)
            } else if midnight < lower && Self.floorDiv(lower + offsets[index], Self.dayMs) == day {
                first = min(first, lower)
            }
        }
        // A day the zone skipped entirely (Pacific/Apia, 2011-12-30) is empty: it starts where the next one does.
        return first == Int64.max ? start(day + 1) : first
    }

    /// The first day of the calendar month holding `day` (day numbers are local dates, so months need no zone).
    static func monthStart(_ day: Int64) -> Int64 {
        let (year, month, _) = civil(day)
        return dayNumber(year: year, month: month, day: 1)
    }

    /// The first day of the month after the one starting on `monthStart`.
    static func nextMonth(_ monthStart: Int64) -> Int64 {
        let (year, month, _) = civil(monthStart)
        return month == 12 ? dayNumber(year: year + 1, month: 1, day: 1) : dayNumber(year: year, month: month + 1, day: 1)
    }

    /// The proleptic Gregorian date of a day number (days since 1970-01-01), after Howard Hinnant's `civil_from_days`.
    static func civil(_ dayNumber: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = dayNumber + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153  // March = 0
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfYear - (153 * shifted + 2) / 5 + 1)
    }

    /// The day number of a proleptic Gregorian date (`days_from_civil`).
    static func dayNumber(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        return era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
    }

    /// The local day of a BIGINT column of epoch ms, as SQL: `(column + <offset at column>) / 86400000` (the column's
    /// values are after 1970, so integer division floors).
    func sqlDay(_ column: String) -> SQLQueryString {
        var offset: SQLQueryString = ""
        if transitions.isEmpty {
            offset = "\(bind: offsets[0])"
        } else {
            offset = "CASE"
            for (index, transition) in transitions.enumerated() {
                offset += " WHEN \(unsafeRaw: column) < \(bind: transition) THEN \(bind: offsets[index])"
            }
            offset += " ELSE \(bind: offsets[offsets.count - 1]) END"
        }
        return "(\(unsafeRaw: column) + \(offset)) / 86400000"
    }
}
