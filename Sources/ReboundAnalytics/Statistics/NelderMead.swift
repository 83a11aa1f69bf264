/// A deterministic Nelder–Mead simplex minimiser (Nelder & Mead 1965; standard coefficients 1, 2, 0.5, 0.5).
public struct NelderMead: Sendable {
    /// Stopping rules and starting simplex size.
    public struct Configuration: Sendable, Hashable {
        /// Stop when max |f(vertex) − f(best)| and the simplex diameter are both below these.
        public var functionTolerance: Double = 1e-10
        /// See `functionTolerance`.
        public var parameterTolerance: Double = 1e-8
        /// Evaluation budget per run.
        public var maximumIterations: Int = 5_000
        /// Offset of the initial vertices from the start point along each axis.
        public var initialStep: Double = 0.5
        /// Extra runs restarted from the previous optimum (guards against a collapsed simplex).
        public var restarts: Int = 2

        /// The default configuration.
        public init() {}
    }

    /// The optimum found.
    public struct Result: Sendable, Hashable {
        /// Arg-min.
        public var point: [Double]
        /// Function value there.
        public var value: Double
        /// Iterations over all runs.
        public var iterations: Int
    }

    /// The stopping rules.
    public var configuration: Configuration

    /// Creates a minimiser.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Minimises `f` from `start`. Non-finite values of `f` are treated as +∞.
    public func minimize(_ start: [Double], _ f: ([Double]) -> Double) -> Result {
        var result = run(start, f)
        for _ in 0..<configuration.restarts {
            let next = run(result.point, f)
            let iterations = result.iterations + next.iterations
            let improved = next.value < result.value - configuration.functionTolerance
            if next.value <= result.value { result = next }
            result.iterations = iterations
            if !improved { break }
        }
        return result
    }

    private func run(_ start: [Double], _ raw: ([Double]) -> Double) -> Result {
        func f(_ x: [Double]) -> Double {
            let v = raw(x)
            return v.isFinite ? v : .infinity
        }
        let n = start.count
        var simplex = [start]
        for i in 0..<n {
            var vertex = start
            vertex[i] += configuration.initialStep
            simplex.append(vertex)
        }
        var values = simplex.map(f)
        var iterations = 0
        while iterations < configuration.maximumIterations {
            iterations += 1
            let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = values[n] - values[0]
            let diameter = simplex.dropFirst().map { v in zip(v, simplex[0]).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
            if spread <= configuration.functionTolerance && diameter <= configuration.parameterTolerance { break }
            var centroid = [Double](repeating: 0, count: n)
            for vertex in simplex.dropLast() { for i in 0..<n { centroid[i] += vertex[i] / Double(n) } }
            let worst = simplex[n]
            func along(_ t: Double) -> [Double] { (0..<n).map { centroid[$0] + t * (worst[$0] - centroid[$0]) } }
            let reflected = along(-1), fr = f(reflected)
            if fr < values[0] {
                let expanded = along(-2), fe = f(expanded)
                (simplex[n], values[n]) = fe < fr ? (expanded, fe) : (reflected, fr)
            } else if fr < values[n - 1] {
                (simplex[n], values[n]) = (reflected, fr)
            } else {
                let contracted = fr < values[n] ? along(-0.5) : along(0.5)
                let fc = f(contracted)
                if fc < min(fr, values[n]) {
                    (simplex[n], values[n]) = (contracted, fc)
                } else {
                    for i in 1...n {
                        simplex[i] = (0..<n).map { simplex[0][$0] + 0.5 * (simplex[i][$0] - simplex[0][$0]) }
                        values[i] = f(simplex[i])
                    }
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return Result(point: simplex[best], value: values[best], iterations: iterations)
    }
}
