import Foundation
import ReboundTesting
import Testing

/// Drives the built `rebound` executable as a user would: exit codes, one-line errors, JSON output.
@Suite(.serialized) struct CLITests {
    static var binary: URL { reboundBinary() }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr, as: UTF8.self)
        )
    }

    static func temporaryDatabase() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("rebound-cli-\(UUID().uuidString).sqlite").path
    }

    @Test func shopsCreatePrintsKeysAsJSON() throws {
        let database = Self.temporaryDatabase()
        let run = try Self.run([
            "shops", "create", "--name", "Kiosk", "--currency", "EUR", "--timezone", "Europe/Berlin", "--json", "--database", database,
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((object["id"] as? String)?.hasPrefix("shop_") == true)
        #expect((object["api_key"] as? String)?.hasPrefix("rb_") == true)
        #expect((object["public_key"] as? String)?.hasPrefix("pk_") == true)
        let list = try Self.run(["shops", "list", "--json", "--database", database])
        #expect(list.stdout.contains("Kiosk"))
    }

    @Test(arguments: [
        ["shops", "create", "--name", "X", "--currency", "EURO", "--timezone", "Europe/Berlin"],
        ["shops", "create", "--name", "X", "--currency", "EUR", "--timezone", "Mars/Olympus"],
        ["serve", "--port", "99999"],
        ["serve", "--database", "mysql://localhost/x"],
        ["serve", "--bogus"],
        ["import", "things", "/dev/null", "--shop", "s"],
    ])
    func badInputGivesOneClearLineAndANonZeroExit(arguments: [String]) throws {
        let run = try Self.run(arguments + ["--database", Self.temporaryDatabase()].filter { _ in !arguments.contains("--database") })
        #expect(run.status != 0)
        #expect(run.stderr.lowercased().contains("error"))
        #expect(!run.stderr.contains("Fatal error"))
    }

    @Test func importReportsRefusedRowsWithLineNumbers() throws {
        let database = Self.temporaryDatabase()
        let created = try Self.run([
            "shops", "create", "--name", "Imp", "--currency", "GBP", "--timezone", "Europe/London", "--json", "--database", database,
        ])
        let shop = try #require((try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["id"] as? String)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("orders-\(UUID().uuidString).csv")
        // The first lines of the real UCI Online Retail file, plus a cancellation and a broken line.
        try """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26,2.55,17850,United Kingdom
        536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26,3.39,17850,United Kingdom
        C536379,D,Discount,-1,2010-12-01 09:41,27.50,14527,United Kingdom
        536366,22633,HAND WARMER UNION JACK,six,2010-12-01 08:28,1.85,17850,United Kingdom
        536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,2010-12-01 08:34,1.69,13047,United Kingdom
        """.write(to: file, atomically: true, encoding: .utf8)
        let run = try Self.run(["import", "orders", file.path, "--shop", shop, "--preset", "online-retail", "--json", "--database", database])
        #expect(run.status == 0, "\(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["rows_read"] as? Int == 5)
        #expect(summary["rows_taken"] as? Int == 3)
        #expect(summary["created"] as? Int == 2)
        let refused = try #require(summary["refused"] as? [[String: Any]])
        #expect(refused.compactMap { $0["line"] as? Int } == [4, 5])
        // Importing again creates nothing new.
        let again = try Self.run(["import", "orders", file.path, "--shop", shop, "--preset", "online-retail", "--json", "--database", database])
        #expect((try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])?["created"] as? Int == 0)
    }

    @Test func helpIsEverywhere() throws {
        for command in [[], ["serve"], ["shops", "create"], ["import"], ["demo"], ["keys", "revoke"]] {
            let run = try Self.run(command + ["--help"])
            #expect(run.status == 0)
            #expect(run.stdout.contains("USAGE"))
        }
    }

    @Test func flowsValidateNamesThePathOfEachProblem() throws {
        let folder = FileManager.default.temporaryDirectory
        let good = folder.appendingPathComponent("flow-\(UUID().uuidString).json")
        let template = try Self.run(["flows", "templates", "cart_recovery"])
        #expect(template.status == 0)
        try template.stdout.write(to: good, atomically: true, encoding: .utf8)
        let valid = try Self.run(["flows", "validate", good.path])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(valid.stdout.contains("is valid"))

        let bad = folder.appendingPathComponent("flow-\(UUID().uuidString).yaml")
        try "id: bad\nname: Bad\nversion: 1\ntrigger: {type: moon_phase}\nsteps:\n  - {id: w, type: wait, wait: \"-1h\"}\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let invalid = try Self.run(["flows", "validate", bad.path])
        #expect(invalid.status != 0)
        #expect(invalid.stderr.contains("steps[0].wait"))
        #expect(invalid.stderr.contains("trigger"))
    }
}
