import ArgumentParser
import Foundation
import ReboundAnswers

struct Bot: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The answer bot: judge its intent model, simulate it on past tickets.",
        subcommands: [Evaluate.self, Simulate.self]
    )

    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train the intent model on one labelled file and judge it on another.",
            discussion: """
                Files are CSV with a header, or JSON lines. With --oos-label, examples of that label are out of scope: the
                model must hand them over, and an in-scope question handed over counts as wrong. The hand-over threshold is
                tuned on --validation, or on a stratified 20 % of the training file.
                Prints {"accuracy", "macro_f1", "in_scope_accuracy", "oos_recall", "oos_precision"} with --json.
                """
        )

        @Option(help: "Training examples.") var train: String
        @Option(help: "Test examples.") var test: String
        @Option(help: "Optional validation examples for tuning the hand-over threshold.") var validation: String?
        @Option(help: "Column (or JSON key) holding the text.") var textColumn = "text"
        @Option(help: "Column (or JSON key) holding the intent.") var labelColumn = "intent"
        @Option(help: "The label of out-of-scope examples.") var oosLabel: String?
        @Flag(help: "Print only the JSON summary.") var json = false

        func validate() throws {
            for path in [train, test] + (validation.map { [$0] } ?? []) where !FileManager.default.isReadableFile(atPath: path) {
                throw ValidationError("cannot read \(path)")
            }
        }

        func run() async throws {
            let configuration = IntentEvaluation.Configuration(
                columns: .init(text: textColumn, label: labelColumn),
                outOfScopeLabel: oosLabel.map { IntentExample.Label($0) }
            )
            let report: IntentEvaluation.Report
            do {
                report = try IntentEvaluation.run(trainPath: train, testPath: test, validationPath: validation, configuration: configuration)
            } catch {
                throw fail("\(error)")
            }
            print(report.metrics.summaryJSON)
            if !json {
                let confusions = report.metrics.confusionPairs.prefix(8).map { "\($0.gold)→\($0.predicted)×\($0.count)" }.joined(separator: ", ")
                FileHandle.standardError.write(
                    Data(
                        "trained on \(report.trainingCount), tested on \(report.testCount), \(report.classifier.labels.count) intents; top confusions: \(confusions)\n"
                            .utf8
                    )
                )
            }
        }
    }
}
