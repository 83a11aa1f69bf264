import Foundation
import ReboundAnalytics

/// The feature rule for the UCI Online Shoppers sessions (peer.py applies the same rule with scikit-learn).
let onlineShoppersSchema = FeatureSchema(
    numeric: [
        .init("Administrative"), .init("Administrative_Duration", .log1p), .init("Informational"),
        .init("Informational_Duration", .log1p), .init("ProductRelated"), .init("ProductRelated_Duration", .log1p),
        .init("BounceRates"), .init("ExitRates"), .init("PageValues"), .init("SpecialDay"), .init("Weekend"),
    ],
    categorical: ["Month", "VisitorType", "OperatingSystems", "Browser", "Region", "TrafficType"]
)

func evaluatePropensity(csvPath: String, outDirectory: String, seed: UInt64) throws {
    let csv = parseCSV(try readText(csvPath))
    let column = Dictionary(uniqueKeysWithValues: csv.header.enumerated().map { ($1, $0) })
    guard let revenue = column["Revenue"] else { throw EvalError("no Revenue column") }
    var rows: [FeatureRow] = []
    var labels: [Bool] = []
    for raw in csv.rows where raw.count == csv.header.count {
        var row = FeatureRow()
        for spec in onlineShoppersSchema.numeric {
            // 10 sessions have empty counts and durations: left out, so the encoder imputes the training mean.
            let text = raw[column[spec.name]!]
            row.numeric[spec.name] = text == "TRUE" ? 1 : text == "FALSE" ? 0 : Double(text)
        }
        for name in onlineShoppersSchema.categorical { row.categorical[name] = raw[column[name]!] }
        rows.append(row)
        labels.append(raw[revenue] == "TRUE")
    }
    let split = ModelEvaluation.stratifiedSplit(labels: labels, testFraction: 0.2, seed: seed)
    let (model, trainTime) = try timed {
        try PurchasePropensityModel.train(rows: split.train.map { rows[$0] }, labels: split.train.map { labels[$0] }, schema: onlineShoppersSchema)
    }
    let scores = split.test.map { model.probability(rows[$0]) }
    let testLabels = split.test.map { labels[$0] }
    let auc = ModelEvaluation.auc(scores: scores, labels: testLabels)!
    let trainAUC = ModelEvaluation.auc(scores: split.train.map { model.probability(rows[$0]) }, labels: split.train.map { labels[$0] })!
    let json = try model.jsonData()
    try json.write(to: URL(fileURLWithPath: "\(outDirectory)/propensity_model.json"))
    try (split.test.map(String.init).joined(separator: "\n") + "\n").write(
        toFile: "\(outDirectory)/split_test_rows.txt",
        atomically: true,
        encoding: .utf8
    )
    try (scores.map { "\($0)" }.joined(separator: "\n") + "\n").write(
        toFile: "\(outDirectory)/propensity_scores_swift.txt",
        atomically: true,
        encoding: .utf8
    )
    let accuracy = Double(zip(scores, testLabels).filter { ($0.0 >= 0.5) == $0.1 }.count) / Double(scores.count)
    report("propensity.rows", rows.count)
    report("propensity.seed", seed)
    report("propensity.train_rows", split.train.count)
    report("propensity.test_rows", split.test.count)
    report("propensity.test_positives", testLabels.filter { $0 }.count)
    report("propensity.features", model.encoder.width)
    report("propensity.train_s", format(trainTime, 3))
    report("propensity.train_auc", format(trainAUC, 6))
    report("propensity.test_auc", format(auc, 6))
    report("propensity.test_accuracy_at_0.5", format(accuracy, 4))
    report("propensity.intercept", format(model.intercept))
    report("propensity.model_json_bytes", json.count)
}
