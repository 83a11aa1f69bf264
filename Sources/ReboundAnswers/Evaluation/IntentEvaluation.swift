/// Trains the intent model on one set and scores it on another: the engine of
/// `rebound bot evaluate --train FILE --test FILE [--text-column text] [--label-column intent] [--oos-label oos] --json`.
///
/// Out-of-scope handling: items labelled with the out-of-scope label are a class of their own in
/// training (predicting it is a hand-over), and a confidence threshold is tuned as follows.
/// - With a validation set: train on the training set, tune on the validation set.
/// - Without: hold out a stratified 20 % of the training set (``StratifiedSplit``, seed
///   20240601), train on the other 80 %, tune on the held-out part, then train the final model
///   on the whole training set and keep the tuned threshold.
/// - The threshold maximises `0.8 · in-scope accuracy + 0.2 · OOS recall` (``ThresholdTuner``).
/// - Without out-of-scope items in the tuning data the threshold is 0.
///
/// ```swift
/// let report = try IntentEvaluation.run(trainPath: "train.csv", testPath: "test.csv")
/// print(report.metrics.summaryJSON)
/// ```
public enum IntentEvaluation {
    /// Evaluation settings.
    public struct Configuration: Sendable, Hashable {
        public var columns: IntentDataset.Columns
        /// The label of out-of-scope items; nil when the data has none.
        public var outOfScopeLabel: IntentExample.Label?
        public var classifier: IntentClassifier.Configuration
        public var measure: OutOfScopeRule.Measure
        /// Share of the training set held out for tuning when there is no validation set.
        public var tuningFraction: Double
        /// Expected share of out-of-scope messages, weighting the threshold objective (see ``ThresholdTuner``).
        public var outOfScopeShare: Double

        public init(
            columns: IntentDataset.Columns = .init(),
            outOfScopeLabel: IntentExample.Label? = "oos",
            classifier: IntentClassifier.Configuration = .init(),
            measure: OutOfScopeRule.Measure = .probability,
            tuningFraction: Double = 0.2,
            outOfScopeShare: Double = 0.2
        ) {
            self.outOfScopeShare = outOfScopeShare
            self.columns = columns
            self.outOfScopeLabel = outOfScopeLabel
            self.classifier = classifier
            self.measure = measure
            self.tuningFraction = tuningFraction
        }
    }

    /// The outcome of one evaluation.
    public struct Report: Sendable {
        public let metrics: IntentMetrics
        public let rule: OutOfScopeRule
        public let trainingCount: Int
        public let testCount: Int
        /// "validation", "held-out 20 % of training" or "none".
        public let tuning: String
        public let classifier: IntentClassifier
    }

    /// Loads the files and runs ``run(training:test:validation:configuration:)``.
    public static func run(trainPath: String, testPath: String, validationPath: String? = nil, configuration: Configuration = .init()) throws
        -> Report
    {
        let training = try IntentDataset.load(path: trainPath, columns: configuration.columns)
        let test = try IntentDataset.load(path: testPath, columns: configuration.columns)
        let validation = try validationPath.map { try IntentDataset.load(path: $0, columns: configuration.columns) }
        return try run(training: training, test: test, validation: validation, configuration: configuration)
    }

    /// Trains, tunes the hand-over threshold, predicts the test set and computes the metrics.
    public static func run(
        training: [IntentExample],
        test: [IntentExample],
        validation: [IntentExample]? = nil,
        configuration: Configuration = .init()
    ) throws -> Report {
        guard !test.isEmpty else { throw AnswersError(.emptyTestSet, "no test examples") }
        let oosLabel = configuration.outOfScopeLabel
        var rule = OutOfScopeRule(measure: configuration.measure, threshold: 0, outOfScopeLabel: oosLabel)
        var tuning = "none"
        var model: IntentClassifier
        let hasOOS = { (set: [IntentExample]) in oosLabel != nil && set.contains { $0.label == oosLabel } }

        if let validation, hasOOS(validation) {
            model = try IntentClassifier.train(training, configuration: configuration.classifier)
            rule.threshold = tune(model, on: validation, rule: rule, share: configuration.outOfScopeShare)
            tuning = "validation"
        } else if hasOOS(training) {
            let (fit, held) = StratifiedSplit.split(training, fraction: configuration.tuningFraction)
            let probe = try IntentClassifier.train(fit, configuration: configuration.classifier)
            rule.threshold = tune(probe, on: held, rule: rule, share: configuration.outOfScopeShare)
            model = try IntentClassifier.train(training, configuration: configuration.classifier)
            tuning = "held-out \(Int(configuration.tuningFraction * 100)) % of training"
        } else {
            model = try IntentClassifier.train(training, configuration: configuration.classifier)
        }
        model.outOfScopeRule = rule
        let predicted = test.map { model.predict($0.text).intent }
        let metrics = try IntentMetrics(gold: test.map(\.label), predicted: predicted, outOfScopeLabel: oosLabel)
        return Report(metrics: metrics, rule: rule, trainingCount: training.count, testCount: test.count, tuning: tuning, classifier: model)
    }

    static func tune(_ model: IntentClassifier, on set: [IntentExample], rule: OutOfScopeRule, share: Double) -> Double {
        guard let oos = rule.outOfScopeLabel else { return 0 }
        var probe = model
        probe.outOfScopeRule = OutOfScopeRule(measure: rule.measure, threshold: 0, outOfScopeLabel: oos)
        let observations = set.map { e -> ThresholdTuner.Observation in
            let p = probe.predict(e.text)
            return .init(gold: e.label, candidate: p.candidate, probability: p.probability, margin: p.margin)
        }
        return ThresholdTuner.tune(observations, measure: rule.measure, outOfScopeLabel: oos, outOfScopeShare: share).threshold
    }
}
