public import Foundation

/// Real protocol peers for the app's channel tests: the Python servers in `Tests/ReboundChannelsTests/Fixtures`
/// (aiosmtpd for SMTP, a fake Twilio speaking its documented Messages API), started as child processes.
public enum ChannelFixtures {
    public static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Tests/ReboundChannelsTests/Fixtures")

    /// Runs a program to completion and returns its standard output.
    @discardableResult
    public static func run(_ executable: String, _ arguments: [String]) throws -> String {
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

    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-app-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A 2048-bit RSA key in PEM, made with openssl.
    public static func rsaKeyPEM(in directory: URL) throws -> String {
        let path = directory.appendingPathComponent("dkim.pem").path
        try run("openssl", ["genrsa", "-out", path, "2048"])
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// Parses a saved message with Python's email package and checks its DKIM signature with dkimpy.
    public static func checkMessage(_ path: String, dnsRecord: String) throws -> [String: Any] {
        let output = try run("python3", [directory.appendingPathComponent("check_message.py").path, path, dnsRecord])
        return (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]) ?? [:]
    }
}

/// A fixture server started by a test; it prints its port first and stops when its stdin closes.
public final class FixtureServer: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    public let port: Int

    public init(script: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", ChannelFixtures.directory.appendingPathComponent(script).path] + arguments
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
            throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "\(script) did not start"])
        }
        self.port = port
    }

    public func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    deinit { stop() }
}
