import Foundation
import ReboundAnswers

/// `answers-eval evaluate`: the stand-in for `rebound bot evaluate`.
enum EvaluateCommand {
    static func run(_ options: Options) throws {
        var configuration = IntentEvaluation.Configuration(
            columns: .init(text: options.values["text-column"] ?? "text", label: options.values["label-column"] ?? "intent"),
            outOfScopeLabel: options.values["oos-label"].map { IntentExample.Label($0) }
        )
        // Tuning knobs for experiments; the defaults are the shipped configuration.
        if let v = options.values["epochs"].flatMap(Int.init) { configuration.classifier.epochs = v }
        if let v = options.values["lr"].flatMap(Double.init) { configuration.classifier.learningRate = v }
        if let v = options.values["l2"].flatMap(Double.init) { configuration.classifier.l2 = v }
        if let v = options.values["ensemble"].flatMap(Int.init) { configuration.classifier.ensembleSize = v }
        if options.flags.contains("balanced") { configuration.classifier.balancesClasses = true }
        if let v = options.values["oos-weight"].flatMap(Double.init), let oos = configuration.outOfScopeLabel {
            configuration.classifier.labelWeights[oos] = v
        }
        if options.values["measure"] == "margin" { configuration.measure = .margin }
        if options.flags.contains("no-char") { configuration.classifier.features.charNGrams = nil }
        if options.flags.contains("no-charwb") { configuration.classifier.features.charWordNGrams = nil }
        if let v = options.values["word-max"].flatMap(Int.init) { configuration.classifier.features.wordNGrams = 1...v }
        if let v = options.values["min-df"].flatMap(Int.init) { configuration.classifier.features.minimumDocumentFrequency = v }

        let start = ContinuousClock.now
        let report = try IntentEvaluation.run(
            trainPath: try options.require("train"),
            testPath: try options.require("test"),
            validationPath: options.values["validation"],
            configuration: configuration
        )
        let seconds = (ContinuousClock.now - start) / .seconds(1)
        if options.flags.contains("json") {
            print(report.metrics.summaryJSON)
        } else {
            print(report.metrics.summaryJSON)
        }
        if options.flags.contains("curve"), let oos = configuration.outOfScopeLabel {
            // Analysis only: the trade-off on the test set across thresholds (the reported figures use the tuned one).
            let test = try IntentDataset.load(path: try options.require("test"), columns: configuration.columns)
            var probe = report.classifier
            probe.outOfScopeRule = OutOfScopeRule(measure: configuration.measure, threshold: 0, outOfScopeLabel: oos)
            let obs = test.map { e in (e, probe.predict(e.text)) }
            for k in stride(from: 0, through: 100, by: 5) {
                let t = Double(k) / 100
                var ok = 0, ins = 0, hand = 0, oo = 0
                for (e, p) in obs {
                    let v = configuration.measure == .probability ? p.probability : p.margin
                    let h = p.candidate == oos || v < t
                    if e.label == oos { oo += 1; if h { hand += 1 } } else { ins += 1; if !h && p.candidate == e.label { ok += 1 } }
                }
                FileHandle.standardError.write(
                    Data(
                        String(format: "t=%.2f in-scope %.4f oos-recall %.4f\n", t, Double(ok) / Double(ins), Double(hand) / Double(max(oo, 1))).utf8
                    )
                )
            }
        }
        if options.flags.contains("verbose") || !options.flags.contains("json") {
            var err = "train \(report.trainingCount), test \(report.testCount), intents \(report.classifier.labels.count), "
            err += "threshold \(report.rule.threshold) (\(report.rule.measure.rawValue), tuned on \(report.tuning)), "
            err += String(format: "%.1f s\n", seconds)
            err +=
                "top confusions: " + report.metrics.confusionPairs.prefix(8).map { "\($0.gold)→\($0.predicted)×\($0.count)" }.joined(separator: ", ")
                + "\n"
            FileHandle.standardError.write(Data(err.utf8))
        }
    }
}
