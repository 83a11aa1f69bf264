import ReboundAnswers
import Testing

@Suite struct CSVReaderTests {
    @Test func quotedFieldsWithCommasQuotesAndNewlines() throws {
        let table = try CSVReader.parse("text,intent\n\"hi, there\",greet\n\"say \"\"hello\"\"\nnow\",talk\n")
        #expect(table.header == ["text", "intent"])
        #expect(table.rows == [["hi, there", "greet"], ["say \"hello\"\nnow", "talk"]])
        #expect(table.rowLines == [2, 3])
    }

    @Test func crlfLineEndsAndByteOrderMark() throws {
        let table = try CSVReader.parse("\u{FEFF}text,category\r\n\"\nleading newline\",card_arrival\r\nplain,x\r\n")
        #expect(table.header == ["text", "category"])
        #expect(table.rows == [["\nleading newline", "card_arrival"], ["plain", "x"]])
        #expect(table.rowLines == [2, 4])
    }

    @Test func emptyFieldsBlankLinesAndNoFinalNewline() throws {
        let table = try CSVReader.parse("a,b\n,\n\n\"\",z\nlast,row")
        #expect(table.rows == [["", ""], ["", "z"], ["last", "row"]])
    }

    @Test func wrongFieldCountReportsLine() {
        #expect {
            try CSVReader.parse("a,b\n1,2\n3\n")
        } throws: { error in
            let e = error as? AnswersError
            return e?.code == .csvFieldCount && e?.line == 3
        }
    }

    @Test func unterminatedQuoteReportsOpeningLine() {
        #expect {
            try CSVReader.parse("a,b\n1,2\n\"open,3\n4,5\n")
        } throws: { error in
            let e = error as? AnswersError
            return e?.code == .csvUnterminatedQuote && e?.line == 3
        }
    }

    @Test func strayQuotesAreErrors() {
        #expect(throws: AnswersError.self) { try CSVReader.parse("a,b\nab\"c,d\n") }
        #expect(throws: AnswersError.self) { try CSVReader.parse("a,b\n\"ab\"c,d\n") }
        #expect(throws: AnswersError.self) { try CSVReader.parse("") }
    }

    @Test func missingColumnIsAClearError() throws {
        let table = try CSVReader.parse("text,category\nhi,x\n")
        #expect {
            try IntentDataset.parseCSV(table, columns: .init(text: "text", label: "intent"))
        } throws: { ($0 as? AnswersError)?.code == .missingColumn }
    }

    @Test func jsonLines() throws {
        let bytes = Array("{\"text\": \"hi\", \"intent\": \"greet\"}\r\n\n{\"text\": \"bye\", \"intent\": \"leave\"}\n".utf8)
        let examples = try IntentDataset.parseJSONLines(bytes: bytes, columns: .init())
        #expect(examples == [IntentExample(text: "hi", label: "greet"), IntentExample(text: "bye", label: "leave")])
        #expect {
            try IntentDataset.parseJSONLines(bytes: Array("{\"text\": \"hi\", \"intent\": \"a\"}\nnot json\n".utf8), columns: .init())
        } throws: { ($0 as? AnswersError)?.line == 2 }
    }

    @Test func realBanking77FileParses() throws {
        let examples = try IntentDataset.load(path: TestData.path("banking77/train.csv"), columns: .init(text: "text", label: "category"))
        #expect(examples.count == 10_003)
        #expect(Set(examples.map(\.label)).count == 77)
        #expect(examples.contains { $0.text.contains("\n") })
    }
}
