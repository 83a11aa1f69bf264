import ReboundAnswers
import Testing

@Suite struct IntentClassifierTests {
    /// Five intents of the real Bitext set: the first 60 utterances of each to train, the next 15 to test.
    static func bitextSubset() throws -> (train: [IntentExample], test: [IntentExample]) {
        let all = try IntentDataset.load(
            path: TestData.path("support_intents/bitext_customer_service_intents_train.csv"),
            columns: .init(text: "utterance", label: "intent")
        )
        let intents: [IntentExample.Label] = ["cancel_order", "track_order", "get_refund", "recover_password", "delivery_options"]
        var train: [IntentExample] = []
        var test: [IntentExample] = []
        for intent in intents {
            let rows = all.filter { $0.label == intent }
            train += rows.prefix(60)
            test += rows.dropFirst(60).prefix(15)
        }
        return (train, test)
    }

    static let small = IntentClassifier.Configuration(epochs: 8)

    @Test func learnsRealSubsetOfSupportIntents() throws {
        let (train, test) = try Self.bitextSubset()
        let model = try IntentClassifier.train(train, configuration: Self.small)
        #expect(model.labels.count == 5)
        let correct = test.filter { model.predict($0.text).intent == $0.label }.count
        #expect(Double(correct) / Double(test.count) >= 0.95)
        #expect(model.predict("I forgot my password, help me reset it").intent == "recover_password")
        let p = model.probabilities("where is my package right now")
        #expect(abs(p.reduce(0, +) - 1) < 1e-4)
    }

    @Test func trainingIsDeterministic() throws {
        let (train, _) = try Self.bitextSubset()
        let a = try IntentClassifier.train(train, configuration: Self.small)
        let b = try IntentClassifier.train(train, configuration: Self.small)
        #expect(a.probabilities("cancel the order I made yesterday") == b.probabilities("cancel the order I made yesterday"))
    }

    @Test func outOfScopeThresholdHandsOver() throws {
        let (train, _) = try Self.bitextSubset()
        var model = try IntentClassifier.train(train, configuration: Self.small)
        let question = "what is the weather like on mars"
        let free = model.predict(question)
        #expect(free.isHandover == false && free.intent != nil)
        model.outOfScopeRule = OutOfScopeRule(threshold: free.probability + 0.01)
        #expect(model.predict(question).intent == nil)
        #expect(model.predict(question).candidate == free.candidate)
        model.outOfScopeRule = OutOfScopeRule(measure: .margin, threshold: 1.01)
        #expect(model.predict("track my order").isHandover)
        // A predicted out-of-scope label is always a hand-over.
        model.outOfScopeRule = OutOfScopeRule(threshold: 0, outOfScopeLabel: free.candidate)
        #expect(model.predict(question).isHandover)
    }

    @Test func emptyAndEnormousQuestions() throws {
        let (train, _) = try Self.bitextSubset()
        let model = try IntentClassifier.train(train, configuration: Self.small)
        #expect(model.predict("").intent == nil)
        #expect(model.predict("?!  ").isHandover)
        let enormous = String(repeating: "cancel my order ", count: 50_000)
        #expect(model.predict(enormous).intent == "cancel_order")
    }

    @Test func badTrainingSetsAreClearErrors() {
        #expect { try IntentClassifier.train([]) } throws: { ($0 as? AnswersError)?.code == .emptyTrainingSet }
        #expect { try IntentClassifier.train([IntentExample(text: "  ", label: "a")]) } throws: {
            ($0 as? AnswersError)?.code == .emptyTrainingSet
        }
        #expect { try IntentClassifier.train([IntentExample(text: "hi", label: "a"), IntentExample(text: "yo", label: "a")]) } throws: {
            ($0 as? AnswersError)?.code == .tooFewLabels
        }
        #expect { try IntentClassifier.train([IntentExample(text: "hi", label: "a")], configuration: .init(epochs: 0)) } throws: {
            ($0 as? AnswersError)?.code == .invalidConfiguration
        }
    }

    @Test func evaluationTunesThresholdOnHeldOutTrainingData() throws {
        let (train, test) = try Self.bitextSubset()
        // Treat one intent as out of scope to exercise the hand-over path end to end.
        let relabel = { (e: IntentExample) in e.label == "delivery_options" ? IntentExample(text: e.text, label: "oos") : e }
        var configuration = IntentEvaluation.Configuration()
        configuration.classifier = Self.small
        let report = try IntentEvaluation.run(training: train.map(relabel), test: test.map(relabel), configuration: configuration)
        #expect(report.tuning.hasPrefix("held-out"))
        #expect(report.metrics.inScopeAccuracy >= 0.9)
        #expect(report.metrics.oosRecall != nil)
        #expect { try IntentEvaluation.run(training: train, test: []) } throws: { ($0 as? AnswersError)?.code == .emptyTestSet }
    }
}
