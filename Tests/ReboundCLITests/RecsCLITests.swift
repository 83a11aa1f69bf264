import Foundation
import Testing

/// `rebound recs build` on real orders imported with the online-retail preset.
@Suite(.serialized) struct RecsCLITests {
    @Test func buildMinesTheImportedOrdersAtTheGivenThresholds() throws {
        let database = CLITests.temporaryDatabase()
        let created = try CLITests.run([
            "shops", "create", "--name", "Retail", "--currency", "GBP", "--timezone", "Europe/London", "--json", "--database", database,
        ])
        let shop = try #require((try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any])?["id"] as? String)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("retail-\(UUID().uuidString).csv")
        // Ten real invoices of 2010-12-01 (UCI Online Retail), verbatim, the postage line of 536403 included.
        try """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28,1.85,17850,United Kingdom
        536366,22632,HAND WARMER RED POLKA DOT,6,2010-12-01 08:28,1.85,17850,United Kingdom
        536368,22960,JAM MAKING SET WITH JARS,6,2010-12-01 08:34,4.25,13047,United Kingdom
        536368,22913,RED COAT RACK PARIS FASHION,3,2010-12-01 08:34,4.95,13047,United Kingdom
        536368,22912,YELLOW COAT RACK PARIS FASHION,3,2010-12-01 08:34,4.95,13047,United Kingdom
        536368,22914,BLUE COAT RACK PARIS FASHION,3,2010-12-01 08:34,4.95,13047,United Kingdom
        536372,22632,HAND WARMER RED POLKA DOT,6,2010-12-01 09:01,1.85,17850,United Kingdom
        536372,22633,HAND WARMER UNION JACK,6,2010-12-01 09:01,1.85,17850,United Kingdom
        536377,22632,HAND WARMER RED POLKA DOT,6,2010-12-01 09:34,1.85,17850,United Kingdom
        536377,22633,HAND WARMER UNION JACK,6,2010-12-01 09:34,1.85,17850,United Kingdom
        536399,22632,HAND WARMER RED POLKA DOT,6,2010-12-01 10:52,1.85,17850,United Kingdom
        536399,22633,HAND WARMER UNION JACK,6,2010-12-01 10:52,1.85,17850,United Kingdom
        536403,22867,HAND WARMER BIRD DESIGN,96,2010-12-01 11:27,1.85,12791,Netherlands
        536403,POST,POSTAGE,1,2010-12-01 11:27,15.0,12791,Netherlands
        536407,22632,HAND WARMER RED POLKA DOT,6,2010-12-01 11:34,1.85,17850,United Kingdom
        536407,22633,HAND WARMER UNION JACK,6,2010-12-01 11:34,1.85,17850,United Kingdom
        536466,22960,JAM MAKING SET WITH JARS,6,2010-12-01 12:23,4.25,14849,United Kingdom
        536466,22961,JAM MAKING SET PRINTED,12,2010-12-01 12:23,1.45,14849,United Kingdom
        536514,22865,HAND WARMER OWL DESIGN,36,2010-12-01 12:40,2.1,17951,United Kingdom
        536514,22485,SET OF 2 WOODEN MARKET CRATES,4,2010-12-01 12:40,12.75,17951,United Kingdom
        536514,22807,SET OF 6 T-LIGHTS TOADSTOOLS,6,2010-12-01 12:40,2.95,17951,United Kingdom
        536514,22633,HAND WARMER UNION JACK,36,2010-12-01 12:40,2.1,17951,United Kingdom
        536514,22866,HAND WARMER SCOTTY DOG DESIGN,36,2010-12-01 12:40,2.1,17951,United Kingdom
        536534,22866,HAND WARMER SCOTTY DOG DESIGN,12,2010-12-01 13:33,2.1,15350,United Kingdom
        536534,22834,HAND WARMER BABUSHKA DESIGN,12,2010-12-01 13:33,2.1,15350,United Kingdom
        536534,22865,HAND WARMER OWL DESIGN,12,2010-12-01 13:33,2.1,15350,United Kingdom
        536534,22867,HAND WARMER BIRD DESIGN,12,2010-12-01 13:33,2.1,15350,United Kingdom
        536534,22112,CHOCOLATE HOT WATER BOTTLE,3,2010-12-01 13:33,4.95,15350,United Kingdom
        """.write(to: file, atomically: true, encoding: .utf8)
        let imported = try CLITests.run(["import", "orders", file.path, "--shop", shop, "--preset", "online-retail", "--database", database])
        #expect(imported.status == 0, "\(imported.stderr)")

        let bad = try CLITests.run(["recs", "build", "--shop", shop, "--min-support", "0", "--database", database])
        #expect(bad.status != 0 && bad.stderr.contains("--min-support"))
        let unknown = try CLITests.run(["recs", "build", "--shop", "nope", "--database", database])
        #expect(unknown.status != 0 && unknown.stderr.contains("nope"))

        // 10 baskets; at 15 % support only {22632, 22633} (5 baskets) and {22865, 22866} (2) are frequent: 4 rules.
        let build = try CLITests.run(["recs", "build", "--shop", shop, "--min-support", "0.15", "--min-confidence", "0.5", "--database", database])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(build.stdout.contains("10 orders, 10 baskets") && build.stdout.contains(" 4 rules at support ≥ 0.15, confidence ≥ 0.5"))
        #expect(build.stderr.contains("mining \(shop)"))
        // The thresholds were saved: building again without them gives the same rules.
        let again = try CLITests.run(["recs", "build", "--database", database])
        #expect(again.status == 0 && again.stdout.contains(" 4 rules"))
    }
}
