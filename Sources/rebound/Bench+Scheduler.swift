import ArgumentParser
import Foundation
import Logging
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundFlows
import ReboundStore
import Synchronization

extension Bench {
    /// `rebound bench scheduler`: benchmark B2, delayed steps through the real flow worker.
    struct Scheduler: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the flow scheduler: N runs due over --spread seconds, dispatch rate, lateness, duplicates, memory.",
            discussion: """
                Seeds N runs of a stored flow (a 1-minute wait, then an exit, or with --action tag a tag_customer step that
                logs one effect) whose wake-ups are spread evenly over --spread seconds starting --lead seconds from now, then
                runs the flow worker (the claim loops `rebound serve` runs) until every run is done, and prints a JSON summary.
                For several processes on one PostgreSQL: --role seed once, --role run in each process, --role verify last
                (Benchmarks/scheduler/run.sh does this).
                """
        )

        @OptionGroup var db: DatabaseOptions
        @Option(help: "Runs (delayed steps) in all.") var steps = 1_000_000
        @Option(help: "Seconds over which the steps fall due.") var spread = 60.0
        @Option(help: "Seconds from now to the first due step; seeding must finish before.") var lead = 30.0
        @Option(help: "Claim loops in this process (default: 1 on SQLite, 4 on PostgreSQL).") var workers: Int?
        @Option(help: "Due runs claimed per transaction.") var batch = 1000
        @Option(help: "The worker's longest sleep, milliseconds.") var intervalMs = 1000
        @Option(help: "exit (the step does nothing) or tag (it logs one tag_customer effect).") var action = "exit"
        @Option(help: "all, or seed / run / verify for several processes.") var role = "all"
        @Option(help: "run, verify: the shop id that seed printed.") var shop: String?
        @Option(help: "run: the first due time that seed printed, epoch milliseconds.") var startAt: Int64?
        @Option(help: "run: where to write the dispatch count of every run.") var countsFile: String?
        @Option(help: "verify: comma-separated JSON outputs of the run processes.") var inputs: String?
        @Option(help: "Give up this many seconds after the last step was due.") var timeout = 600.0

        func validate() throws {
            guard ["all", "seed", "run", "verify"].contains(role) else { throw ValidationError("--role must be all, seed, run or verify") }
            guard ["exit", "tag"].contains(action) else { throw ValidationError("--action must be exit or tag") }
            guard steps > 0, spread >= 0, lead > 0, batch > 0, intervalMs > 0 else {
                throw ValidationError("--steps, --lead, --batch and --interval-ms must be positive, --spread not negative")
            }
            if role == "run" && (shop == nil || startAt == nil || countsFile == nil) {
                throw ValidationError("--role run needs --shop, --start-at and --counts-file (from --role seed)")
            }
            if role == "verify" && (shop == nil || inputs == nil) { throw ValidationError("--role verify needs --shop and --inputs") }
        }

        static let runPrefix = "run_b2_"

        func run() async throws {
            let options = self
            let rssAtStart = ResidentMemory.megabytes()
            // JSON text: the summary's dictionary is not Sendable.
            let summary: Data = try await Database.withStore(db.location, logger: db.logger()) { store in
                let object: [String: Any]
                switch options.role {
                case "seed":
                    object = try await options.seed(store).json
                case "run":
                    let report = try await options.runWorker(store, shopID: Shop.ID(options.shop!), startMs: options.startAt!)
                    try Data(report.counts).write(to: URL(fileURLWithPath: options.countsFile!))
                    object = try report.json()
                case "verify":
                    let paths = (options.inputs ?? "").split(separator: ",").map(String.init)
                    let reports = try paths.map { path in
                        var report = try JSONDecoder().decode(RunReport.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
                        report.counts = [UInt8](try Data(contentsOf: URL(fileURLWithPath: report.countsFile ?? "")))
                        return report
                    }
                    object = try await Self.verify(reports, store: store, shopID: Shop.ID(options.shop!))
                default:
                    let seeded = try await options.seed(store)
                    let report = try await options.runWorker(store, shopID: seeded.shopID, startMs: seeded.startMs)
                    var summary = try await Self.verify([report], store: store, shopID: seeded.shopID)
                    summary["seed"] = seeded.json
                    summary["rss_mb_process_start"] = rssAtStart
                    object = summary
                }
                return try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
            }
            print(String(decoding: summary, as: UTF8.self))
        }

        struct Seeded {
            var shopID: Shop.ID
            var startMs: Int64
            var seconds: Double
            var rssMB: Double
            var steps: Int
            var action: String

            var json: [String: Any] {
                [
                    "role": "seed", "shop_id": shopID.rawValue, "start_ms": startMs, "seed_seconds": seconds,
                    "seed_rows_per_s": Double(steps) / seconds, "rss_mb_after_seed": rssMB, "steps": steps, "action": action,
                ]
            }
        }

        /// A shop, the benchmark flow, and `steps` waiting runs due evenly over `spread` seconds from now + `lead`.
        func seed(_ store: Store) async throws -> Seeded {
            let began = Date()
            let shop = try await ShopAdmin.createShop(name: "bench scheduler", currency: .eur, timeZone: "UTC", store: store, now: began).shop
            var last = FlowStep(id: "done", type: action == "tag" ? .tagCustomer : .exit)
            if action == "tag" { last.tags = ["b2"] } else { last.reason = "b2" }
            let document = FlowDocument(
                id: "b2_delayed_step",
                name: "Benchmark B2: a wait, then \(action == "tag" ? "a tag" : "nothing")",
                trigger: FlowTrigger(type: .customEvent, event: "b2_never_sent"),
                steps: [.wait("wait", "1m"), last]
            )
            let stored = try await FlowLibrary.save(document, shopID: shop.id, store: store, now: began)
            let flow = try FlowDocument.parse(stored.document)
            let startMs = began.epochMilliseconds + Int64(lead * 1000)
            let engine = FlowEngine()
            let context = FlowContext(customer: CustomerFacts(hasEmail: false))
            var next = 0
            while next < steps {
                let end = min(steps, next + 20_000)
                var runs: [StoredFlowRun] = []
                runs.reserveCapacity(end - next)
                for index in next..<end {
                    let dueMs = startMs + Int64(Double(index) * spread * 1000 / Double(steps))
                    // The real engine makes each run's state: started a minute before it is due, waiting in its first step.
                    let triggered = Date(epochMilliseconds: dueMs - 60_000)
                    let runID = FlowRunState.ID("\(Self.runPrefix)\(index)")
                    let state = engine.start(flow, runID: runID, context: context, triggeredAt: triggered, now: triggered).state
                    runs.append(
                        StoredFlowRun(
                            shopID: shop.id,
                            id: runID.rawValue,
                            flowID: flow.id,
                            flowVersion: flow.version,
                            triggerEventID: "b2-\(index)",
                            cartID: nil,
                            customerID: nil,
                            status: state.status.rawValue,
                            state: state.storedJSON,
                            wakeAt: state.wakeAt
                        )
                    )
                }
                try await store.insertRuns(runs, now: Date())
                next = end
                if next % 100_000 == 0 || next == steps { progress("seeded \(next) runs") }
            }
            try await store.analyzeFlowRuns()
            let seconds = Date().timeIntervalSince(began)
            let ahead = Double(startMs - Date().epochMilliseconds) / 1000
            guard ahead > 1 else {
                throw fail("seeding took \(String(format: "%.1f", seconds)) s, longer than --lead \(lead) s allows; raise --lead")
            }
            progress(String(format: "seeded %d runs in %.1f s; the first is due in %.1f s", steps, seconds, ahead))
            return Seeded(shopID: shop.id, startMs: startMs, seconds: seconds, rssMB: ResidentMemory.megabytes(), steps: steps, action: action)
        }

        /// Runs the flow worker until every run of the shop is done (in this process or another), recording each dispatch.
        func runWorker(_ store: Store, shopID: Shop.ID, startMs: Int64) async throws -> RunReport {
            let recorder = SchedulerRecorder(steps: steps, prefix: Self.runPrefix)
            let worker = FlowWorker(
                store: store,
                wallClock: ReboundApplication.systemClock,
                clock: ContinuousClock(),
                interval: .milliseconds(intervalMs),
                logger: db.logger(),
                claimers: workers,
                claimLimit: batch
            )
            let start = Date(epochMilliseconds: startMs)
            let lastDue = start.addingTimeInterval(spread)
            let rssStart = ResidentMemory.megabytes()
            let steps = self.steps
            let timeout = self.timeout
            let finished = try await withThrowingTaskGroup(of: Bool?.self) { group in
                group.addTask {
                    await worker.run(onDuePass: { pass in recorder.record(pass, at: Date()) })
                    return nil
                }
                group.addTask {
                    var previous = 0
                    while true {
                        try await Task.sleep(for: .seconds(1))
                        let now = Date()
                        let fired = recorder.fired
                        let rss = ResidentMemory.megabytes()
                        recorder.sample(at: now.timeIntervalSince(start), rss: rss)
                        progress(
                            String(
                                format: "%+.0f s: %d dispatched here (%d/s), rss %.1f MB",
                                now.timeIntervalSince(start),
                                fired,
                                fired - previous,
                                rss
                            )
                        )
                        previous = fired
                        if fired >= steps { return true }
                        if now > lastDue, try await store.flowRuns(shopID: shopID, status: "waiting", limit: 1).isEmpty { return true }
                        if now.timeIntervalSince(lastDue) > timeout { return false }
                    }
                }
                var outcome: Bool?
                while outcome == nil, let next = try await group.next() { outcome = next }
                group.cancelAll()
                return outcome ?? false
            }
            return recorder.report(
                startMs: startMs,
                spread: spread,
                finished: finished,
                rssStart: rssStart,
                workers: workers ?? (store.kind == .postgres ? 4 : 1),
                batch: batch,
                countsFile: countsFile
            )
        }

        /// Puts the run processes' records together and checks them against the database.
        static func verify(_ reports: [RunReport], store: Store, shopID: Shop.ID) async throws -> [String: Any] {
            guard let first = reports.first else { throw fail("no run reports to verify") }
            var counts = [Int](repeating: 0, count: first.counts.count)
            for report in reports { for (index, count) in report.counts.enumerated() where index < counts.count { counts[index] += Int(count) } }
            let duplicates = counts.reduce(0) { $0 + max(0, $1 - 1) }
            let missing = counts.filter { $0 == 0 }.count
            let histogram = LatenessHistogram.merged(reports.map(\.histogram))
            let dispatched = reports.map(\.fired).reduce(0, +)
            let lastDispatch = reports.compactMap(\.lastDispatchMs).max() ?? first.startMs
            let window = Double(lastDispatch - first.startMs) / 1000
            let statuses = try await store.flowRunCounts(shopID: shopID)
            func ms(_ p: Double) -> Any { histogram.percentile(p) ?? "> \(SchedulerRecorder.histogramLimit)" }
            return [
                "engine": store.kind.rawValue,
                "processes": reports.count,
                "workers_per_process": first.workers,
                "batch": first.batch,
                "steps": first.counts.count,
                "spread_s": first.spread,
                "finished_in_time": reports.allSatisfy(\.finished),
                "dispatched": dispatched,
                "dispatched_by_process": reports.map(\.fired),
                "duplicates": duplicates,
                "missing": missing,
                "db_status_counts": statuses,
                "db_every_run_finished_once": missing == 0 && duplicates == 0 && (statuses["waiting"] ?? 0) == 0
                    && (statuses["dead"] ?? 0) == 0 && statuses.values.reduce(0, +) == first.counts.count,
                "last_dispatch_after_first_due_s": window,
                "dispatch_rate_per_s": window > 0 ? Double(dispatched) / window : NSNull(),
                "lateness_ms": ["p50": ms(0.5), "p90": ms(0.9), "p99": ms(0.99), "p999": ms(0.999), "max": histogram.maxMs],
                "rss_mb": reports.map { ["start": $0.rssStartMB, "peak": $0.rssPeakMB, "end": $0.rssEndMB] },
                "rss_samples": reports.map(\.samples),
            ]
        }
    }
}

/// What one run process measured; `--role verify` reads it back.
struct RunReport: Codable {
    var startMs: Int64
    var spread: Double
    var finished: Bool
    var fired: Int
    var claims: Int
    var foreign: Int
    var firstDispatchMs: Int64?
    var lastDispatchMs: Int64?
    var histogram: LatenessHistogram
    var rssStartMB: Double
    var rssPeakMB: Double
    var rssEndMB: Double
    /// `[seconds after the first due time, dispatched so far, resident MB]`, once a second.
    var samples: [[Double]]
    var workers: Int
    var batch: Int
    var countsFile: String?
    var counts: [UInt8] = []

    enum CodingKeys: String, CodingKey {
        case startMs = "start_ms", spread = "spread_s", finished, fired, claims, foreign, firstDispatchMs = "first_dispatch_ms"
        case lastDispatchMs = "last_dispatch_ms", histogram, rssStartMB = "rss_start_mb", rssPeakMB = "rss_peak_mb", rssEndMB = "rss_end_mb"
        case samples, workers, batch, countsFile = "counts_file"
    }

    func json() throws -> [String: Any] {
        (try JSONSerialization.jsonObject(with: JSONEncoder().encode(self)) as? [String: Any]) ?? [:]
    }
}

extension SchedulerRecorder {
    func sample(at seconds: Double, rss: Double) {
        state.withLock { $0.samples.append([seconds, Double($0.fired), rss]) }
    }

    func report(startMs: Int64, spread: Double, finished: Bool, rssStart: Double, workers: Int, batch: Int, countsFile: String?) -> RunReport {
        let rssEnd = ResidentMemory.megabytes()
        return state.withLock { state in
            RunReport(
                startMs: startMs,
                spread: spread,
                finished: finished,
                fired: state.fired,
                claims: state.claims,
                foreign: state.foreign,
                firstDispatchMs: state.firstDispatch?.epochMilliseconds,
                lastDispatchMs: state.lastDispatch?.epochMilliseconds,
                histogram: LatenessHistogram(state.histogram, overflow: state.overflow, maxMs: state.maxLatenessMs),
                rssStartMB: rssStart,
                rssPeakMB: max(rssEnd, state.samples.map { $0[2] }.max() ?? 0),
                rssEndMB: rssEnd,
                samples: state.samples,
                workers: workers,
                batch: batch,
                countsFile: countsFile,
                counts: state.counts
            )
        }
    }
}

/// A progress line on stderr.
func progress(_ line: String) {
    FileHandle.standardError.write(Data("[bench scheduler \(ProcessInfo.processInfo.processIdentifier)] \(line)\n".utf8))
}
