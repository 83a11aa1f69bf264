import Foundation

/// Runs `body` and returns its result with the elapsed wall time in seconds.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let clock = ContinuousClock()
    let start = clock.now
    let value = try body()
    let elapsed = clock.now - start
    return (value, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

func report(_ key: String, _ value: Any) {
    // Unbuffered, so progress shows when piped.
    FileHandle.standardOutput.write(Data("\(key)=\(value)\n".utf8))
}

func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }
