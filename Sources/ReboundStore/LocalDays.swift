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
