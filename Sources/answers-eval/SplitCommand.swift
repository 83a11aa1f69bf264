import Foundation
import ReboundAnswers

/// `answers-eval split`: writes the evaluation splits that both Swift and the Python peer read.
///
/// All files have the columns `text,intent`:
/// - `support_intents.{train,test}.csv`: stratified 80/20 of the Bitext file.
/// - `banking77.{train,test}.csv`: stratified 80/20 of BANKING77 train.csv.
/// - `clinc150.train.csv` = train + oos_train; `clinc150.test.csv` = val + oos_val.
/// - `clinc150.{fit,tune}.csv`: the 80/20 hold-out of clinc150.train.csv that
///   `IntentEvaluation` uses internally for the threshold (so the peer tunes on the same items).
enum SplitCommand {
    static func run(_ options: Options) throws {
        let data = try options.require("data")
        let out = try options.require("out")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)

        let bitext = try IntentDataset.load(
            path: data + "/support_intents/bitext_customer_service_intents_train.csv",
            columns: .init(text: "utterance", label: "intent")
        )
        try writeSplit(bitext, name: "support_intents", out: out)
        let banking = try IntentDataset.load(path: data + "/banking77/train.csv", columns: .init(text: "text", label: "category"))
        try writeSplit(banking, name: "banking77", out: out)

        let clinc = try CLINC150.load(path: data + "/clinc150/clinc150_train_val.json")
        let train = clinc["train"]! + clinc["oos_train"]!
        let test = clinc["val"]! + clinc["oos_val"]!
        try write(train, to: out + "/clinc150.train.csv")
        try write(test, to: out + "/clinc150.test.csv")
        let (fit, tune) = StratifiedSplit.split(train, fraction: 0.2)
        try write(fit, to: out + "/clinc150.fit.csv")
        try write(tune, to: out + "/clinc150.tune.csv")
        print("support_intents \(bitext.count), banking77 \(banking.count), clinc150 train \(train.count) test \(test.count) → \(out)")
    }

    static func writeSplit(_ examples: [IntentExample], name: String, out: String) throws {
        let (train, test) = StratifiedSplit.split(examples, fraction: 0.2)
        try write(train, to: "\(out)/\(name).train.csv")
        try write(test, to: "\(out)/\(name).test.csv")
    }

    static func write(_ examples: [IntentExample], to path: String) throws {
        var s = "text,intent\n"
        for e in examples { s += CSVWriter.field(e.text) + "," + CSVWriter.field(e.label.rawValue) + "\n" }
        try s.write(toFile: path, atomically: true, encoding: .utf8)
    }
}

enum CSVWriter {
    static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }
}

/// The CLINC150 file: `{"train": [[text, intent], …], "val": …, "oos_train": …, "oos_val": …}`.
enum CLINC150 {
    static func load(path: String) throws -> [String: [IntentExample]] {
        guard let data = FileManager.default.contents(atPath: path),
            let object = try JSONSerialization.jsonObject(with: data) as? [String: [[String]]]
        else { throw AnswersError(.invalidJSON, "cannot read CLINC150 JSON at \(path)") }
        return object.mapValues { $0.map { IntentExample(text: $0[0], label: .init($0[1])) } }
    }
}
