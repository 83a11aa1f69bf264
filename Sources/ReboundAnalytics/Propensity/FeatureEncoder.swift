import Foundation

/// One observation's raw features: numbers by name and category labels by name.
public struct FeatureRow: Sendable, Hashable, Codable {
    /// Numeric features; a missing one is imputed with the training mean.
    public var numeric: [String: Double]
    /// Categorical features; a missing or unseen label encodes as all zeros.
    public var categorical: [String: String]

    /// Creates a row.
    public init(numeric: [String: Double] = [:], categorical: [String: String] = [:]) {
        self.numeric = numeric
        self.categorical = categorical
    }
}

/// Which features a model uses and how numeric ones are transformed before standardising.
public struct FeatureSchema: Sendable, Hashable, Codable {
    /// A numeric transform applied before standardisation.
    public enum Transform: String, Sendable, Hashable, Codable {
        /// x.
        case identity
        /// log(1 + max(0, x)), for durations and counts with long tails.
        case log1p
    }

    /// A numeric feature and its transform.
    public struct Numeric: Sendable, Hashable, Codable {
        /// Feature name.
        public var name: String
        /// Transform before standardising.
        public var transform: Transform

        /// Creates a numeric feature.
        public init(_ name: String, _ transform: Transform = .identity) {
            self.name = name
            self.transform = transform
        }
    }

    /// Numeric features, in encoding order.
    public var numeric: [Numeric]
    /// Categorical features (one-hot encoded), in encoding order.
    public var categorical: [String]

    /// Creates a schema.
    public init(numeric: [Numeric], categorical: [String]) {
        self.numeric = numeric
        self.categorical = categorical
    }
}

/// Turns `FeatureRow`s into vectors: transformed and standardised numbers (training mean and population standard
/// deviation), then one indicator per categorical level seen in training (levels sorted, so the encoding is deterministic).
public struct FeatureEncoder: Sendable, Hashable, Codable {
    /// A numeric feature's scaling.
    public struct NumericScaling: Sendable, Hashable, Codable {
        public var name: String
        public var transform: FeatureSchema.Transform
        public var mean: Double
        public var standardDeviation: Double
    }

    /// A categorical feature's levels.
    public struct CategoricalLevels: Sendable, Hashable, Codable {
        public var name: String
        public var levels: [String]
    }

    /// Numeric scalings, in vector order.
    public var numeric: [NumericScaling]
    /// Categorical levels, following the numeric block in vector order.
    public var categorical: [CategoricalLevels]

    /// Learns scalings and levels from training rows.
    public init(schema: FeatureSchema, rows: [FeatureRow]) {
        numeric = schema.numeric.map { spec in
            let values = rows.compactMap { $0.numeric[spec.name] }.map { Self.apply(spec.transform, $0) }
            let mean = values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
            let variance = values.isEmpty ? 0 : values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            return NumericScaling(name: spec.name, transform: spec.transform, mean: mean, standardDeviation: variance > 0 ? variance.squareRoot() : 1)
        }
        categorical = schema.categorical.map { name in
            CategoricalLevels(name: name, levels: Set(rows.compactMap { $0.categorical[name] }).sorted())
        }
    }

    /// Length of an encoded vector.
    public var width: Int { numeric.count + categorical.reduce(0) { $0 + $1.levels.count } }

    /// Names of the vector's positions, e.g. "PageValues" or "Month=Nov".
    public var featureNames: [String] {
        numeric.map(\.name) + categorical.flatMap { c in c.levels.map { "\(c.name)=\($0)" } }
    }

    /// Encodes one row.
    public func encode(_ row: FeatureRow) -> [Double] {
        var vector = [Double]()
        vector.reserveCapacity(width)
        for scaling in numeric {
            guard let raw = row.numeric[scaling.name] else {
                vector.append(0)
                continue
            }
            vector.append((Self.apply(scaling.transform, raw) - scaling.mean) / scaling.standardDeviation)
        }
        for feature in categorical {
            let label = row.categorical[feature.name]
            for level in feature.levels { vector.append(level == label ? 1 : 0) }
        }
        return vector
    }

    static func apply(_ transform: FeatureSchema.Transform, _ x: Double) -> Double {
        switch transform {
        case .identity: x
        case .log1p: Foundation.log1p(max(0, x))
        }
    }
}
