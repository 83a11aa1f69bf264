import Foundation
import ReboundRecs

/// Decompresses a .gz file with /usr/bin/gzip.
func gunzip(_ path: String) throws -> [UInt8] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    process.arguments = ["-dc", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw RecsError(.malformedInput, "gzip -dc \(path) failed") }
    return [UInt8](data)
}

/// First day of a month, UTC.
func monthStart(_ year: Int, _ month: Int) -> Date {
    OnlineRetailCSV.parseDate(String(format: "%04d-%02d-01", year, month))!
}

func prepare(csvPath: String, outDirectory: String) throws {
    let (bytes, gunzipTime) = try timed { try gunzip(csvPath) }
    let (lines, parseTime) = try timed { try OnlineRetailCSV.orderLines(from: bytes) }
    let (set, basketTime) = timed { BasketSet(lines: lines, rules: .onlineRetail) }
    report("prepare.gunzip_s", format(gunzipTime))
    report("prepare.parse_s", format(parseTime))
    report("prepare.baskets_s", format(basketTime))
    report("data.order_lines", lines.count)
    report("data.invoices", Set(lines.map(\.orderID)).count)
    report("data.baskets", set.baskets.count)
    report("data.products", set.catalog.count)
    report("data.mean_basket_size", String(format: "%.2f", Double(set.baskets.map(\.items.count).reduce(0, +)) / Double(set.baskets.count)))

    // Identical input for the peers: one basket per line, stock codes separated by one space.
    var text = ""
    for basket in set.baskets {
        text += basket.items.map { set.catalog.code(for: $0)! }.joined(separator: " ")
        text += "\n"
    }
    try FileManager.default.createDirectory(atPath: outDirectory, withIntermediateDirectories: true)
    try text.write(toFile: outDirectory + "/baskets.txt", atomically: true, encoding: .utf8)

    // Time split: train on 2010-12 … 2011-05, test on 2011-06 … 2011-08.
    let (train, test) = set.split(at: monthStart(2011, 6))
    report("split.train_baskets", train.count)
    report("split.test_baskets", test.count)

    // Incremental refresh versus full rebuild over all baskets.
    var progressCalls = 0
    let (fullModel, rebuildTime) = timed { CoOccurrenceModel.build(from: set.baskets) { _ in progressCalls += 1 } }
    var incremental = CoOccurrenceModel.build(from: train)
    let (_, incrementTime) = timed { incremental.add(test) }
    report("refresh.full_rebuild_s", format(rebuildTime))
    report("refresh.full_rebuild_progress_calls", progressCalls)
    report("refresh.incremental_add_test_months_s", format(incrementTime))
    report("refresh.incremental_equals_rebuild", incremental == fullModel)

    let trainModel = CoOccurrenceModel.build(from: train)
    let runs: [(String, FrequentlyBoughtTogether.Ranking, HitRateEvaluation.Hiding)] = [
        ("confidence.one_per_basket", .confidence, .onePerBasket(seed: 0)),
        ("lift.one_per_basket", .lift, .onePerBasket(seed: 0)),
        ("confidence.each_product", .confidence, .eachProduct),
    ]
    for (name, ranking, hiding) in runs {
        let fbt = try FrequentlyBoughtTogether(model: trainModel, configuration: .init(ranking: ranking))
        let (evaluation, evalTime) = try timed { try HitRateEvaluation.leaveOneOut(test: test, k: 5, hiding: hiding, fbt: fbt) }
        report("eval.\(name).baskets", evaluation.baskets)
        report("eval.\(name).queries", evaluation.queries)
        report("eval.\(name).hit_rate_at_5", String(format: "%.4f", evaluation.hitRate))
        report("eval.\(name).most_popular_hit_rate_at_5", String(format: "%.4f", evaluation.baselineHitRate))
        report("eval.\(name).seconds", format(evalTime))
    }
}
