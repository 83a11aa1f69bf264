/// The buckets the dashboard counts response and resolution times in: exact seconds up to 10 minutes, then 10 s steps
/// up to 1 hour, 1 minute steps up to 24 hours, 10 minute steps up to 7 days, 1 hour steps up to 30 days and whole
/// days beyond. A wait is counted at the upper edge of its bucket, so a year of conversations keeps at most a few
/// thousand labels per channel instead of one per distinct second.
///
/// Counting "within target" is exact for every target that is an edge: a wait is at most `t` exactly when its edge is.
/// Every whole second up to 600 is an edge, and so are all the targets of `ServiceLevels` and the dashboard's reference
/// targets (120 s, 3600, 7200, 86 400, 259 200 — `WaitBucketTests` checks them). A shop's own target
/// (`sla_first_response_seconds`) that is not an edge judges the waits of its bucket as late: within one bucket width.
/// Medians and percentiles read from the buckets are the edge of the bucket holding the rank: at most one bucket width
/// (0, 10 s, 1 min, 10 min, 1 h, 1 day) above the exact value.
public enum WaitBuckets {
    /// Up to which edge (seconds) each step (seconds) applies; each range is a whole number of its steps.
    public static let steps: [(upTo: Int64, step: Int64)] = [
        (600, 1), (3600, 10), (86_400, 60), (604_800, 600), (2_592_000, 3600), (Int64(1) << 40, 86_400),
    ]

    /// The upper edge of the bucket holding a wait of `seconds` whole seconds (negative waits count as 0).
    public static func edge(_ seconds: Int64) -> Int64 {
        let seconds = max(0, seconds)
        var lower: Int64 = 0
        for (upTo, step) in steps {
            if seconds <= upTo { return lower + (seconds - lower + step - 1) / step * step }
            lower = upTo
        }
        return lower
    }

    /// How many buckets have an ordinal (`ordinal(ofEdge:)`): every edge up to 30 days.
    public static let ordinals: Int = {
        var count = 1, lower: Int64 = 0
        for (upTo, step) in steps.dropLast() {
            count += Int((upTo - lower) / step)
            lower = upTo
        }
        return count
    }()

    /// The position of the bucket whose upper edge is `edge` among all buckets up to 30 days (0 for the wait of 0 s),
    /// for counting in an array instead of a dictionary; nil for a longer wait or a value that is no edge.
    @inlinable
    public static func ordinal(ofEdge edge: Int64) -> Int? {
        // Most waits: every second up to the first range's end is an edge and its own ordinal.
        if edge >= 0 && edge <= 600 { return Int(edge) }
        guard edge >= 0 else { return nil }
        var base: Int64 = 0, lower: Int64 = 0
        for (upTo, step) in steps.dropLast() {
            if edge <= upTo {
                let offset = edge - lower
                return offset % step == 0 ? Int(base + offset / step) : nil
            }
            base += (upTo - lower) / step
            lower = upTo
        }
        return nil
    }

    /// The upper edge of the bucket at `ordinal` (`ordinal(ofEdge:)` backwards).
    public static func edge(ofOrdinal ordinal: Int) -> Int64 {
        var remaining = Int64(ordinal), lower: Int64 = 0
        for (upTo, step) in steps {
            let count = (upTo - lower) / step
            if remaining <= count { return lower + remaining * step }
            remaining -= count
            lower = upTo
        }
        return lower
    }

    /// The width of the bucket whose upper edge is `edge`: how far a percentile read from it may be above the exact value.
    public static func width(_ edge: Int64) -> Int64 {
        steps.first { edge <= $0.upTo }?.step ?? 86_400
    }
}
