import Foundation
import ReboundAdmin
import Testing

@Suite struct CSVWriterTests {
    @Test func quotesPerRFC4180() {
        let csv = CSVWriter.render(header: ["name", "note"], rows: [["Vogt, Lena", "said \"hi\""], ["multi\nline", "plain"]])
        #expect(csv == "name,note\r\n\"Vogt, Lena\",\"said \"\"hi\"\"\"\r\n\"multi\nline\",plain\r\n")
        #expect(CSVWriter.field("") == "")
        #expect(CSVWriter.field("a\r\nb") == "\"a\r\nb\"")
    }

    @Test func guardsAgainstFormulaInjection() {
        #expect(CSVWriter.field("=HYPERLINK(\"http://evil.example\")") == "\"'=HYPERLINK(\"\"http://evil.example\"\")\"")
        #expect(CSVWriter.field("+cmd") == "'+cmd")
        #expect(CSVWriter.field("-2+3") == "'-2+3")
        #expect(CSVWriter.field("@SUM(A1)") == "'@SUM(A1)")
        #expect(CSVWriter.field("\tx") == "'\tx")
        #expect(CSVWriter.field("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0")
        // Plain numbers are not formulas and stay numbers for the spreadsheet.
        #expect(CSVWriter.field("-12.50") == "-12.50")
        #expect(CSVWriter.field("+3") == "+3")
        #expect(CSVWriter.field("-") == "'-")
        #expect(CSVWriter.field("a=b") == "a=b")
    }

    @Test func tablesExportRawFiguresNotFormattedOnes() {
        let format = AdminFormat(locale: .de, currency: "EUR")
        let table = DataTable(
            id: "t",
            caption: "T",
            columns: [.init("Name"), .init("Rate", numeric: true), .init("Revenue", numeric: true), .init("Count", numeric: true)],
            rows: [
                [
                    DataTable.Cell("=evil()"), .percent(0.12345, format), .money(AdminMoney(minorUnits: -123_456, currency: "EUR"), format),
                    .count(12_345, format),
                ]
            ]
        )
        #expect(table.csv == "Name,Rate,Revenue,Count\r\n'=evil(),0.1235,-1234.56,12345\r\n")
        #expect(table.html().rendered.contains("12,3\u{202F}%"))
        #expect(table.html().rendered.contains("−1.234,56\u{00A0}€"))
    }

    @Test func dashboardTablesAllExport() {
        let tables = AdminPages.dashboardTables(Samples.dashboard())
        #expect(Set(tables.map(\.id)).count == tables.count, "table ids must be unique for ?table=")
        #expect(tables.map(\.id).contains("flow-steps"))
        for table in tables {
            let lines = table.csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
            #expect(lines.count == table.rows.count + 1, "\(table.id)")
            #expect(!table.csv.contains("<"), "\(table.id) exports markup")
        }
    }
}
