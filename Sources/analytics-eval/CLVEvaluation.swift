import Foundation
import ReboundAnalytics

/// Online Retail: BG/NBD + Gamma-Gamma calibrated on 2010-12 … 2011-05, checked on 2011-06 … 2011-08.
func evaluateCLV(csvPath: String, outDirectory: String) throws {
    let (text, readTime) = try timed { try readText(csvPath) }
    let (csv, parseTime) = timed { parseCSV(text) }
    let column = Dictionary(uniqueKeysWithValues: csv.header.enumerated().map { ($1, $0) })
    guard let invoice = column["InvoiceNo"], let quantity = column["Quantity"], let date = column["InvoiceDate"],
        let price = column["UnitPrice"], let customer = column["CustomerID"]
    else { throw EvalError("unexpected header \(csv.header)") }
    let calibrationEnd = parseDate("2011-05-31")!, holdoutStart = parseDate("2011-06-01")!, holdoutEnd = parseDate("2011-09-01")!
    let horizonDays = holdoutEnd.timeIntervalSince(holdoutStart) / 86_400
    // Row rule: no cancellations (InvoiceNo starting with C), Quantity > 0, UnitPrice > 0, CustomerID present.
    var calibration: [String: [(at: Date, value: Double)]] = [:]
    var holdoutDays: [String: Set<Int>] = [:]
    var holdoutValue: [String: Double] = [:]
    var kept = 0
    for row in csv.rows where row.count == csv.header.count {
        guard !row[invoice].hasPrefix("C"), let q = Double(row[quantity]), q > 0, let p = Double(row[price]), p > 0,
            !row[customer].isEmpty, let at = parseDate(row[date])
        else { continue }
        kept += 1
        if at < holdoutStart {
            calibration[row[customer], default: []].append((at, q * p))
        } else if at < holdoutEnd {
            holdoutDays[row[customer], default: []].insert(RepeatPurchaseSummary.dayIndex(at))
            holdoutValue[row[customer], default: 0] += q * p
        }
    }
    let ids = calibration.keys.sorted()
    let summaries = ids.map { RepeatPurchaseSummary(purchases: calibration[$0]!, observationEnd: calibrationEnd)! }
    report("data.rows", csv.rows.count)
    report("data.rows_kept", kept)
    report("data.read_s", format(readTime, 3))
    report("data.parse_s", format(parseTime, 3))
    report("calibration.customers", ids.count)
    report("calibration.repeat_customers", summaries.filter { $0.frequency > 0 }.count)

    let (bgnbd, bgTime) = try timed { try BGNBDModel.fit(summaries) }
    let (gammaGamma, ggTime) = try timed { try GammaGammaModel.fit(summaries) }
    let m = bgnbd.model, g = gammaGamma.model
    report("bgnbd.r", format(m.r))
    report("bgnbd.alpha", format(m.alpha))
    report("bgnbd.a", format(m.a))
    report("bgnbd.b", format(m.b))
    report("bgnbd.loglik", format(bgnbd.logLikelihood, 4))
    report("bgnbd.iterations", bgnbd.iterations)
    report("bgnbd.fit_s", format(bgTime, 3))
    report("gammagamma.p", format(g.p))
    report("gammagamma.q", format(g.q))
    report("gammagamma.v", format(g.v))
    report("gammagamma.loglik", format(gammaGamma.logLikelihood, 4))
    report("gammagamma.fit_s", format(ggTime, 3))

    var predicted: [Double] = [], naive: [Double] = [], actual: [Double] = [], predictedValue: [Double] = [], actualValue: [Double] = []
    var naiveValue: [Double] = []
    var lines = ["customer\tfrequency\trecency\tT\tmonetary\tpredicted\tp_alive\tnaive\tactual\tpredicted_value\tactual_value"]
    for (id, s) in zip(ids, summaries) {
        let prediction = CustomerValuePrediction(summary: s, days: horizonDays, purchases: m, value: g)
        // Naive baseline: the customer's historic repeat rate x / T carried forward (0 when T = 0).
        let rate = s.age > 0 ? Double(s.frequency) / s.age : 0
        let firstValue = calibration[id]!.reduce(0) { $0 + $1.value } / Double(s.frequency + 1)
        predicted.append(prediction.expectedPurchases)
        naive.append(rate * horizonDays)
        naiveValue.append(rate * horizonDays * (s.frequency > 0 ? s.meanRepeatValue : firstValue))
        actual.append(Double(holdoutDays[id]?.count ?? 0))
        predictedValue.append(prediction.expectedValue)
        actualValue.append(holdoutValue[id] ?? 0)
        lines.append(
            "\(id)\t\(s.frequency)\t\(s.recency)\t\(s.age)\t\(s.meanRepeatValue)\t\(prediction.expectedPurchases)\t\(prediction.probabilityAlive)\t"
                + "\(rate * horizonDays)\t\(actual.last!)\t\(prediction.expectedValue)\t\(actualValue.last!)"
        )
    }
    try (lines.joined(separator: "\n") + "\n").write(toFile: "\(outDirectory)/clv_swift.tsv", atomically: true, encoding: .utf8)
    report("holdout.days", Int(horizonDays))
    report("holdout.actual_total", Int(actual.reduce(0, +)))
    report("holdout.bgnbd_total", format(predicted.reduce(0, +), 1))
    report("holdout.naive_total", format(naive.reduce(0, +), 1))
    report("holdout.bgnbd_mae", format(meanAbsoluteError(predicted, actual), 4))
    report("holdout.naive_mae", format(meanAbsoluteError(naive, actual), 4))
    report("holdout.bgnbd_corr", format(correlation(predicted, actual), 4))
    report("holdout.naive_corr", format(correlation(naive, actual), 4))
    report("holdout.value_actual_total", format(actualValue.reduce(0, +), 0))
    report("holdout.value_clv_total", format(predictedValue.reduce(0, +), 0))
    report("holdout.value_naive_total", format(naiveValue.reduce(0, +), 0))
    report("holdout.value_clv_mae", format(meanAbsoluteError(predictedValue, actualValue), 2))
    report("holdout.value_naive_mae", format(meanAbsoluteError(naiveValue, actualValue), 2))
    report("holdout.value_clv_corr", format(correlation(predictedValue, actualValue), 4))
    report("holdout.value_naive_corr", format(correlation(naiveValue, actualValue), 4))
}

/// CDNOW summary (lifetimes' copy): fit BG/NBD and print the parameters for comparison with the paper.
func evaluateCDNOW(csvPath: String) throws {
    let csv = parseCSV(try readText(csvPath))
    let column = Dictionary(uniqueKeysWithValues: csv.header.enumerated().map { ($1, $0) })
    guard let f = column["frequency"], let r = column["recency"], let t = column["T"] else { throw EvalError("need frequency, recency, T") }
    let summaries = csv.rows.map { RepeatPurchaseSummary(frequency: Int(Double($0[f])!), recency: Double($0[r])!, age: Double($0[t])!) }
    let (fit, time) = try timed { try BGNBDModel.fit(summaries) }
    report("cdnow.customers", summaries.count)
    report("cdnow.r", format(fit.model.r))
    report("cdnow.alpha", format(fit.model.alpha))
    report("cdnow.a", format(fit.model.a))
    report("cdnow.b", format(fit.model.b))
    report("cdnow.loglik", format(fit.logLikelihood, 4))
    report("cdnow.fit_s", format(time, 3))
}
