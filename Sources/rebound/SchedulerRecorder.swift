import Foundation
import ReboundApp
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// What `rebound bench scheduler` writes down while the flow worker runs: dispatches per run, lateness, memory.
///
/// The worker reports each committed claim (``DuePass``); the moment of that report is the dispatch time, so lateness
/// includes the whole transaction that moved the run on.
final class SchedulerRecorder: Sendable {
    struct State {
        /// Dispatches per run, by the run's index (saturating at 255).
        var counts: [UInt8]
        /// Lateness in whole milliseconds, one bucket each up to ``histogramLimit``; later ones count in `overflow`.
        var histogram: [UInt32]
        var overflow = 0
        var maxLatenessMs = 0.0
        var fired = 0
        var claims = 0
        var foreign = 0
        var firstDispatch: Date?
        var lastDispatch: Date?
        var samples: [[Double]] = []
    }

    static let histogramLimit = 120_000
    let state: Mutex<State>
    let prefix: String

    /// - Parameter prefix: the run ids are `prefix` followed by their index below `steps`.
    init(steps: Int, prefix: String) {
        self.state = Mutex(State(counts: [UInt8](repeating: 0, count: steps), histogram: [UInt32](repeating: 0, count: Self.histogramLimit)))
        self.prefix = prefix
    }

    func record(_ pass: DuePass, at now: Date) {
        let prefixCount = prefix.count
        state.withLock { state in
            state.claims += 1
            guard !pass.fired.isEmpty else { return }
            if state.firstDispatch == nil { state.firstDispatch = now }
            state.lastDispatch = now
            for timer in pass.fired {
                guard timer.runID.hasPrefix(prefix), let index = Int(timer.runID.dropFirst(prefixCount)),
                    state.counts.indices.contains(index)
                else {
                    state.foreign += 1
                    continue
                }
                if state.counts[index] < 255 { state.counts[index] += 1 }
                state.fired += 1
                let lateness = max(0, now.timeIntervalSince(timer.dueAt) * 1000)
                state.maxLatenessMs = max(state.maxLatenessMs, lateness)
                let bucket = Int(lateness)
                if bucket < Self.histogramLimit { state.histogram[bucket] += 1 } else { state.overflow += 1 }
            }
        }
    }

    var fired: Int { state.withLock { $0.fired } }
}

/// A lateness histogram with 1 ms buckets, mergeable across processes.
struct LatenessHistogram: Codable {
    /// `[milliseconds, count]` for every non-empty bucket.
    var buckets: [[Int]]
    var overflow: Int
    var maxMs: Double

    init(_ histogram: [UInt32], overflow: Int, maxMs: Double) {
        self.buckets = histogram.enumerated().compactMap { $0.element > 0 ? [$0.offset, Int($0.element)] : nil }
        self.overflow = overflow
        self.maxMs = maxMs
    }

    static func merged(_ all: [LatenessHistogram]) -> LatenessHistogram {
        var dense = [UInt32](repeating: 0, count: SchedulerRecorder.histogramLimit)
        for histogram in all { for pair in histogram.buckets where pair.count == 2 { dense[pair[0]] += UInt32(pair[1]) } }
        return LatenessHistogram(dense, overflow: all.map(\.overflow).reduce(0, +), maxMs: all.map(\.maxMs).max() ?? 0)
    }

    var count: Int { buckets.reduce(overflow) { $0 + $1[1] } }

    /// The upper edge of the bucket holding the `p` quantile (0…1), in milliseconds; `nil` past the histogram.
    func percentile(_ p: Double) -> Double? {
        let total = count
        guard total > 0 else { return nil }
        let rank = Int((Double(total) * p).rounded(.up))
        var seen = 0
        for pair in buckets {
            seen += pair[1]
            if seen >= rank { return Double(pair[0] + 1) }
        }
        return nil
    }
}

/// Resident memory of this process, from `/proc/self/statm`.
enum ResidentMemory {
    static func megabytes() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Double(fields[1]) else { return 0 }
        #if canImport(Glibc)
            let pageSize = Double(sysconf(Int32(_SC_PAGESIZE)))
        #else
            let pageSize = 4096.0
        #endif
        return pages * pageSize / 1_048_576
    }
}
