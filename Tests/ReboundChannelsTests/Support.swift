import Foundation
import ReboundChannels

/// Paths and child processes for the tests that need real servers.
enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-channels-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs a program to completion and returns its standard output.
    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// A 2048-bit RSA key (PEM) and its DKIM DNS record, made with openssl.
    static func dkimKey(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("dkim.pem").path
        try run("openssl", ["genrsa", "-out", path, "2048"])
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// A self-signed certificate for `localhost`: (certificate path, key path).
    static func selfSignedCertificate(in directory: URL) throws -> (String, String) {
        let cert = directory.appendingPathComponent("cert.pem").path
        let key = directory.appendingPathComponent("key.pem").path
        try run("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost"])
        return (cert, key)
    }
}

/// A Python helper server started by a test; it prints its port first and stops when its stdin closes.
final class PythonServer {
    let process = Process()
    let input = Pipe()
    let port: Int

    init(script: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.path(script)] + arguments
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line.append(chunk)
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw DeliveryError(.connectionFailed, "\(script) did not start")
        }
        self.port = port
    }

    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}

/// Records the waits a retry loop asks for instead of sleeping.
actor RecordedSleeps {
    var waits: [Duration] = []
    func record(_ d: Duration) { waits.append(d) }

    nonisolated var sleeper: Sleeper {
        Sleeper { duration in await self.record(duration) }
    }
}
