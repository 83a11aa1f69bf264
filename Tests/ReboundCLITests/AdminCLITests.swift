import Foundation
import Testing

/// `rebound agents` and `rebound report` as a shop owner runs them.
@Suite(.serialized) struct AdminCLITests {
    @Test func agentsAreCreatedFromStandardInputAndReportsArePrinted() throws {
        let database = CLITests.temporaryDatabase()
        let created = try CLITests.run([
            "shops", "create", "--name", "Owner's shop", "--currency", "EUR", "--timezone", "Europe/Berlin", "--json", "--database", database,
        ])
        let shop = try #require((try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["id"] as? String)

        let agent = try CLITests.run(
            [
                "agents", "create", "--shop", shop, "--email", "Ann@Shop.example", "--name", "Ann", "--role", "admin", "--password-stdin", "--json",
                "--database", database,
            ],
            input: "a long enough password\n"
        )
        #expect(agent.status == 0, "\(agent.stderr)")
        #expect(agent.stdout.contains("\"email\":\"ann@shop.example\""))
        let short = try CLITests.run(
            ["agents", "create", "--shop", shop, "--email", "bob@shop.example", "--name", "Bob", "--password-stdin", "--database", database],
            input: "short\n"
        )
        #expect(short.status != 0 && short.stderr.contains("at least 10 characters"))
        let again = try CLITests.run(
            ["agents", "create", "--shop", shop, "--email", "ann@shop.example", "--name", "Ann", "--password-stdin", "--database", database],
            input: "a long enough password\n"
        )
        #expect(again.status != 0 && again.stderr.contains("exists already"))
        let badRole = try CLITests.run(["agents", "create", "--shop", shop, "--email", "c@x.example", "--name", "C", "--role", "boss"])
        #expect(badRole.status != 0)
        let list = try CLITests.run(["agents", "list", "--shop", shop, "--database", database])
        #expect(list.stdout.contains("ann@shop.example\tAnn\tadmin"))
        #expect(!list.stdout.contains("$2"))

        let report = try CLITests.run(["report", "--shop", shop, "--days", "7", "--compare", "--database", database])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        #expect((json["kpis"] as? [String: Any])?["carts_created"] as? Int == 0)
        #expect(report.stderr.contains("reading 7 days"))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).html").path
        let html = try CLITests.run([
            "report", "--shop", shop, "--from", "2026-11-01", "--to", "2026-11-30", "--format", "html", "--out", out, "--database", database,
        ])
        #expect(html.status == 0, "\(html.stderr)")
        #expect((try String(contentsOfFile: out, encoding: .utf8)).contains("<svg"))
        let csv = try CLITests.run(["report", "--shop", shop, "--days", "30", "--format", "csv", "--database", database])
        #expect(csv.stdout.hasPrefix("# kpis\r\nFigure,This period,Previous period\r\n"))
        let backwards = try CLITests.run(["report", "--shop", shop, "--from", "2026-11-30", "--to", "2026-11-01", "--database", database])
        #expect(backwards.status != 0 && backwards.stderr.contains("must be before to"))
        #expect(try CLITests.run(["report", "--shop", "shop_nope", "--database", database]).status != 0)
    }
}
