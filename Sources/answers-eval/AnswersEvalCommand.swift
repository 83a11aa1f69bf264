import Foundation
import ReboundAnswers

enum AnswersEvalCommand {
    static let usage = """
        usage:
          answers-eval evaluate --train FILE --test FILE [--validation FILE] [--text-column text]
                                [--label-column intent] [--oos-label oos] [--json] [--verbose]
          answers-eval split --data DIR --out DIR
          answers-eval bench-retrieval --data DIR --out DIR [--runs N]
          answers-eval simulate --data DIR --out DIR [--map FILE] [--threshold 0.55] [--sweep] [--intent-threshold 0.5] [--verbose]
          answers-eval stem en|de   (reads words from stdin, prints stems)
        """

    static func run(_ arguments: [String]) async -> Int32 {
        guard let command = arguments.first else {
            FileHandle.standardError.write(Data((usage + "\n").utf8))
            return 2
        }
        let options = Options(Array(arguments.dropFirst()))
        do {
            switch command {
            case "stem": try stem(options)
            case "profile": try profile(options)
            case "evaluate": try EvaluateCommand.run(options)
            case "split": try SplitCommand.run(options)
            case "bench-retrieval": try RetrievalBenchmark.run(options)
            case "simulate": try SimulateCommand.run(options)
            default:
                FileHandle.standardError.write(Data((usage + "\n").utf8))
                return 2
            }
            return 0
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 1
        }
    }

    static func profile(_ options: Options) throws {
        let train = try IntentDataset.load(path: try options.require("train"), columns: .init())
        let clock = ContinuousClock()
        var t = clock.now
        let f = IntentFeatures(fitting: train.map(\.text))
        print("fit features", clock.now - t, f.count)
        t = clock.now
        var nnz = 0
        for e in train { nnz += f.vector(e.text).ids.count }
        print("vectorize", clock.now - t, "nnz/row", nnz / train.count)
        t = clock.now
        var c = IntentClassifier.Configuration()
        c.epochs = Int(options.values["epochs"] ?? "12")!
        _ = try IntentClassifier.train(train, configuration: c)
        print("train total", clock.now - t)
    }

    static func stem(_ options: Options) throws {
        let language: TextLanguage = options.positional.first == "de" ? .german : .english
        var out = ""
        while let line = readLine() {
            let word = line.trimmingCharacters(in: .whitespaces)
            out += (language == .german ? GermanStemmer.stem(word) : EnglishStemmer.stem(word)) + "\n"
        }
        print(out, terminator: "")
    }
}

/// `--name value` and `--flag` options plus positional words.
struct Options {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var positional: [String] = []

    init(_ arguments: [String]) {
        var i = 0
        while i < arguments.count {
            let a = arguments[i]
            if a.hasPrefix("--") {
                let name = String(a.dropFirst(2))
                if i + 1 < arguments.count, !arguments[i + 1].hasPrefix("--") {
                    values[name] = arguments[i + 1]
                    i += 2
                    continue
                }
                flags.insert(name)
            } else {
                positional.append(a)
            }
            i += 1
        }
    }

    func require(_ name: String) throws -> String {
        guard let v = values[name] else { throw AnswersError(.invalidConfiguration, "missing --\(name)") }
        return v
    }
}
