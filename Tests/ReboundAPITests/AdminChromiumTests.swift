import Foundation
import HTTPTypes
import HummingbirdTesting
import ReboundTesting
import Testing

/// The admin's pages in a real headless Chromium (Debian's `chromium`): they render, obey their Content-Security-Policy
/// and log nothing to the console. Screenshots go to `artifacts/screenshots/` at the repository root.
@Suite(.serialized) struct AdminChromiumTests {
    static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static var screenshots: URL {
        var directory = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent()
        while directory.path != "/", !FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("artifacts/screenshots")
    }

    /// Saves the page with its CSP header as a `<meta>` (a file has no headers), screenshots it and returns what
    /// Chromium logged from the page.
    static func render(_ response: TestResponse, name: String) throws -> (console: [String], screenshot: URL) {
        let chromium = try #require(chromium)
        try FileManager.default.createDirectory(at: screenshots, withIntermediateDirectories: true)
        let policy = response.headers[.contentSecurityPolicy] ?? ""
        let html = response.text.replacingOccurrences(
            of: "<head>",
            with:
                "<head><meta http-equiv=\"Content-Security-Policy\" content=\"\(policy.replacingOccurrences(of: "frame-ancestors 'none'; ", with: ""))\">"
        )
        let page = FileManager.default.temporaryDirectory.appendingPathComponent("rebound-\(name)-\(UUID().uuidString).html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: page) }
        let shot = screenshots.appendingPathComponent(name + ".png")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
            "--window-size=1400,2400", "--screenshot=\(shot.path)", page.absoluteString,
        ]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let log = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let console = log.split(separator: "\n").map(String.init).filter { $0.contains(":CONSOLE") || $0.contains("Content Security Policy") }
        return (console, shot)
    }

    @Test(.enabled(if: chromium != nil, "needs Debian's chromium"))
    func pagesRenderWithoutConsoleErrors() async throws {
        try await withTestApp(.sqlite) { app in
            try await DashboardReportTests.seed(app)
            try await AdminTestSupport.agent(app)
            let browser = try await AdminTestSupport.signIn(app)
            for (name, path) in [
                ("admin-dashboard", "/admin?from=2026-11-26&to=2026-11-26&compare=1"), ("admin-customers", "/admin/customers"),
                ("admin-segments", "/admin/segments"), ("admin-segment-editor", "/admin/segments/new"), ("admin-experiments", "/admin/experiments"),
            ] {
                let response = try await AdminTestSupport.get(app, browser, path)
                #expect(response.status == .ok, "\(path)")
                let rendered = try Self.render(response, name: name)
                #expect(rendered.console.isEmpty, "\(path): \(rendered.console)")
                let size = (try? FileManager.default.attributesOfItem(atPath: rendered.screenshot.path)[.size] as? Int) ?? 0
                #expect(size > 10_000, "\(path): screenshot \(rendered.screenshot.path)")
            }
            let login = try await app.request(.get, "/admin/login")
            #expect(try Self.render(login, name: "admin-login").console.isEmpty)
        }
    }
}
