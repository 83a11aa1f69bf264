public import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A subprocess whose output goes to a log file, so that a chatty child can never block on a full pipe
/// and the log is still there to read after a failure.
///
/// `@unchecked Sendable`: `process` is only started in `init`; `terminate()` and `isRunning` on Foundation's
/// `Process` may be called from any thread, and `stop()` is idempotent.
public final class ChildProcess: @unchecked Sendable {
    public let logURL: URL
    private let process: Process

    /// Starts `executable` with `arguments`; standard output and error both go to `logURL`.
    public init(executable: String, arguments: [String], logURL: URL? = nil) throws {
        let log = logURL ?? FileManager.default.temporaryDirectory.appendingPathComponent("child-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let handle = FileHandle(forWritingAtPath: log.path) else {
            throw WebDriverError(code: WebDriverError.driverNotStarted, message: "cannot create the log file \(log.path)")
        }
        self.logURL = log
        self.process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        do {
            try Self.withSignalsUnblocked { try process.run() }
        } catch {
            throw WebDriverError(code: WebDriverError.driverNotStarted, message: "cannot start \(executable): \(error)")
        }
    }

    /// The child inherits the signal mask of the thread that spawns it, and Dispatch's worker threads block
    /// nearly all signals: a child started from async code would ignore SIGTERM for its whole life. So the
    /// mask is cleared around the spawn.
    private static func withSignalsUnblocked<T>(_ body: () throws -> T) rethrows -> T {
        #if os(Linux)
            var empty = sigset_t()
            var previous = sigset_t()
            sigemptyset(&empty)
            pthread_sigmask(SIG_SETMASK, &empty, &previous)
            defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        #endif
        return try body()
    }

    public var isRunning: Bool { process.isRunning }

    /// Whether the process still runs. Foundation updates `isRunning` only when it has reaped the child,
    /// which inside a test runner can lag by seconds; on Linux a zombie in /proc already counts as gone.
    private var isAlive: Bool {
        guard process.isRunning else { return false }
        #if os(Linux)
            guard let stat = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/stat", encoding: .utf8) else { return false }
            // "1234 (name) S …": the state follows the parenthesised name, which may itself contain spaces.
            guard let close = stat.lastIndex(of: ")") else { return true }
            return stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).first != "Z"
        #else
            return true
        #endif
    }
    public var processIdentifier: Int32 { process.processIdentifier }

    /// What the process has written so far.
    public func output() -> String {
        (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
    }

    /// Polls the log until `parse` finds what it looks for (a port number, a ready line).
    ///
    /// This waits for another program to start, not for application time to pass.
    public func waitForOutput<T>(timeout: Duration = .seconds(20), _ parse: (String) -> T?) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while true {
            if let found = parse(output()) { return found }
            guard process.isRunning else {
                throw WebDriverError(code: WebDriverError.driverNotStarted, message: "process exited: \(output().suffix(1000))")
            }
            guard clock.now < deadline else {
                throw WebDriverError(code: WebDriverError.driverNotStarted, message: "no expected output after \(timeout): \(output().suffix(1000))")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Sends SIGTERM, and SIGKILL when the process is still there after `grace`.
    ///
    /// chromedriver in the middle of a command does not always honour SIGTERM.
    public func stop(grace: Duration = .seconds(3)) {
        guard process.isRunning else { return }
        process.terminate()
        let clock = ContinuousClock()
        let deadline = clock.now + grace
        while isAlive && clock.now < deadline { usleep(20_000) }
        if isAlive { kill(process.processIdentifier, SIGKILL) }
    }

    deinit { stop() }
}

extension ChildProcess {
    /// The first number after `marker` in `text`: "started successfully on port 41235." → 41235.
    public static func number(after marker: String, in text: String) -> Int? {
        guard let range = text.range(of: marker) else { return nil }
        let rest = text[range.upperBound...].drop(while: { $0 == " " })
        let digits = rest.prefix(while: \.isNumber)
        // Something must follow the digits, or the line may still be half written ("port 368…").
        guard !digits.isEmpty, rest.count > digits.count else { return nil }
        return Int(digits)
    }
}
