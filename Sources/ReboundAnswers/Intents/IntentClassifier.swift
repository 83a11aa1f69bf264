/// Routes a customer's message to an intent, or hands it over when unsure.
///
/// A multinomial logistic regression over TF-IDF word and character n-grams, trained in Swift,
/// deterministically (same data and configuration → same model).
/// ```swift
/// let model = try IntentClassifier.train(examples)
/// let prediction = model.predict("where is my parcel?")
/// prediction.intent  // "track_order", or nil when handed over
/// ```
public struct IntentClassifier: Sendable {
    /// Features and optimiser settings.
    public struct Configuration: Sendable, Hashable {
        public var features: IntentFeatures.Configuration
        /// Passes over the training data.
        public var epochs: Int
        /// Initial SGD step.
        public var learningRate: Double
        /// L2 regularisation strength per example.
        public var l2: Double
        /// Weight examples inversely to their class's frequency.
        public var balancesClasses: Bool
        /// Models trained with different shuffles whose probabilities are averaged.
        public var ensembleSize: Int
        /// Extra weight for the examples of some labels (for instance the out-of-scope label).
        public var labelWeights: [IntentExample.Label: Double]
        public var seed: UInt64

        public init(
            features: IntentFeatures.Configuration = .init(),
            epochs: Int = 20,
            learningRate: Double = 0.5,
            l2: Double = 1e-6,
            balancesClasses: Bool = false,
            labelWeights: [IntentExample.Label: Double] = [:],
            ensembleSize: Int = 1,
            seed: UInt64 = StratifiedSplit.defaultSeed
        ) {
            self.ensembleSize = ensembleSize
            self.labelWeights = labelWeights
            self.features = features
            self.epochs = epochs
            self.learningRate = learningRate
            self.l2 = l2
            self.balancesClasses = balancesClasses
            self.seed = seed
        }
    }

    public let configuration: Configuration
    /// The intents, in the order of ``probabilities(_:)``.
    public let labels: [IntentExample.Label]
    /// When to hand over instead of answering.
    public var outOfScopeRule: OutOfScopeRule
    let features: IntentFeatures
    let models: [SoftmaxModel]

    /// Trains on labelled examples. Examples whose text has no letters or digits are skipped.
    ///
    /// - Throws: ``AnswersError/Code/emptyTrainingSet`` with no usable example,
    ///   ``AnswersError/Code/tooFewLabels`` with fewer than two intents.
    public static func train(
        _ examples: [IntentExample],
        configuration: Configuration = .init(),
        outOfScopeRule: OutOfScopeRule = .never
    ) throws -> IntentClassifier {
        guard configuration.epochs > 0, configuration.learningRate > 0, configuration.l2 >= 0, configuration.ensembleSize > 0 else {
            throw AnswersError(.invalidConfiguration, "epochs and learningRate must be positive, l2 not negative")
        }
        let usable = examples.filter { !WordSplitter.words(in: $0.text, maximumWords: 1).isEmpty }
        guard !usable.isEmpty else { throw AnswersError(.emptyTrainingSet, "no training examples with text") }
        let labels = Array(Set(usable.map(\.label))).sorted()
        guard labels.count >= 2 else {
            throw AnswersError(.tooFewLabels, "need at least two intents, found \(labels.count)")
        }
        let labelIndex = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        let features = IntentFeatures(fitting: usable.map(\.text), configuration: configuration.features)
        var matrix = SparseMatrix()
        for e in usable {
            let v = features.vector(e.text)
            matrix.append(columns: v.ids, values: v.values)
        }
        let y = usable.map { labelIndex[$0.label]! }
        var models: [SoftmaxModel] = []
        for member in 0..<configuration.ensembleSize {
            models.append(
                SoftmaxModel.train(
                    matrix,
                    labels: y,
                    classCount: labels.count,
                    featureCount: features.count,
                    configuration: .init(
                        epochs: configuration.epochs,
                        learningRate: configuration.learningRate,
                        l2: configuration.l2,
                        averagingFromEpoch: max(0, configuration.epochs / 3),
                        seed: configuration.seed &+ UInt64(member),
                        balancesClasses: configuration.balancesClasses,
                        classWeights: labels.map { configuration.labelWeights[$0] ?? 1 }
                    )
                )
            )
        }
        return IntentClassifier(configuration: configuration, labels: labels, outOfScopeRule: outOfScopeRule, features: features, models: models)
    }

    /// The probability of each of ``labels`` for a text.
    public func probabilities(_ text: String) -> [Float] {
        let v = features.vector(text)
        var z = [Float](repeating: 0, count: labels.count)
        var mean = [Float](repeating: 0, count: labels.count)
        for model in models {
            model.scores(ids: v.ids, values: v.values, into: &z)
            SoftmaxModel.softmax(&z)
            for k in z.indices { mean[k] += z[k] }
        }
        let inv = 1 / Float(models.count)
        for k in mean.indices { mean[k] *= inv }
        return mean
    }

    /// The most likely intent, or a hand-over when ``outOfScopeRule`` says so.
    ///
    /// An empty or letterless text is always handed over.
    public func predict(_ text: String) -> IntentPrediction {
        guard !WordSplitter.words(in: String(text.prefix(features.configuration.maximumTextLength)), maximumWords: 1).isEmpty else {
            return IntentPrediction(candidate: nil, probability: 0, margin: 0, isHandover: true)
        }
        return prediction(from: probabilities(text))
    }

    /// Applies the out-of-scope rule to a probability vector.
    func prediction(from p: [Float]) -> IntentPrediction {
        var best = 0
        var second = -1
        for k in 1..<p.count {
            if p[k] > p[best] {
                second = best
                best = k
            } else if second < 0 || p[k] > p[second] {
                second = k
            }
        }
        let top = Double(p[best])
        let margin = top - (second >= 0 ? Double(p[second]) : 0)
        let candidate = labels[best]
        let handover = outOfScopeRule.handsOver(label: candidate, probability: top, margin: margin)
        return IntentPrediction(candidate: candidate, probability: top, margin: margin, isHandover: handover)
    }
}
