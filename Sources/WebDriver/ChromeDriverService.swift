public import Foundation

/// chromedriver running as a child process on a port it chose itself (`--port=0`), so that tests running
/// side by side never fight over a port.
///
/// ```swift
/// let driver = try await ChromeDriverService.start()
/// defer { driver.stop() }
/// let browser = try await WebDriverSession.start(driver: driver)
/// ```
public final class ChromeDriverService: Sendable {
    public let url: URL
    public let process: ChildProcess

    private init(url: URL, process: ChildProcess) {
        self.url = url
        self.process = process
    }

    /// Starts chromedriver and waits until it says which port it listens on.
    public static func start(executable: String = "/usr/bin/chromedriver", timeout: Duration = .seconds(20)) async throws -> ChromeDriverService {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw WebDriverError(
                code: WebDriverError.driverNotStarted,
                message: "\(executable) is missing; install it with `apt-get install -y chromium chromium-driver`"
            )
        }
        var attempt = 1
        while true {
            let process = try ChildProcess(executable: executable, arguments: ["--port=0"])
            do {
                // "ChromeDriver was started successfully on port 36859."
                let port = try await process.waitForOutput(timeout: timeout) { text in
                    text.contains("successfully") ? ChildProcess.number(after: "successfully on port", in: text) : nil
                }
                guard let url = URL(string: "http://127.0.0.1:\(port)") else {
                    throw WebDriverError(code: WebDriverError.driverNotStarted, message: "bad port \(port)")
                }
                return ChromeDriverService(url: url, process: process)
            } catch {
                process.stop()
                // With --port=0 chromedriver picks a port for IPv6 and then binds IPv4 to the same number, which another
                // process may hold: "bind() failed: Address already in use … IPv4 port not available". Another try picks anew.
                guard attempt < 3, process.output().contains("port not available") else { throw error }
                attempt += 1
            }
        }
    }

    public func stop() { process.stop() }
}
