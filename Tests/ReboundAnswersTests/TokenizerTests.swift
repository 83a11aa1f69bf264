import ReboundAnswers
import Testing

@Suite struct TokenizerTests {
    @Test func foldingRemovesDiacriticsAndSharpS() {
        #expect(TextFolding.fold("Größe") == "grosse")
        #expect(TextFolding.fold("CAFÉ Crème") == "cafe creme")
        #expect(TextFolding.fold("Übergrößen") == "ubergrossen")
    }

    @Test func wordsSplitOnPunctuationAndJoinApostrophes() {
        #expect(WordSplitter.words(in: "Where's my order #123? I don't know!") == ["wheres", "my", "order", "123", "i", "dont", "know"])
        #expect(WordSplitter.words(in: "e-mail, ship-to") == ["e", "mail", "ship", "to"])
        #expect(WordSplitter.words(in: "") == [])
        #expect(WordSplitter.words(in: "  ?!  ") == [])
        #expect(WordSplitter.words(in: "a b c d", maximumWords: 2) == ["a", "b"])
    }

    @Test func englishAnalyzerDropsStopWordsAndStems() {
        let analyzer = TextAnalyzer(language: .english)
        #expect(analyzer.terms(in: "How do I cancel my orders?") == ["cancel", "order"])
        #expect(analyzer.terms(in: "Shipping costs to Canada") == ["ship", "cost", "canada"])
    }

    @Test func germanAnalyzerDropsStopWordsStemsAndFolds() {
        let analyzer = TextAnalyzer(language: .german)
        #expect(analyzer.terms(in: "Wie hoch sind die Versandkosten?") == ["hoch", "versandkost"])
        #expect(analyzer.terms(in: "Größe der Schuhe") == analyzer.terms(in: "groesse der schuhe"))
        #expect(analyzer.terms(in: "Rücksendungen für Bestellungen") == ["rucksend", "bestell"])
    }

    @Test func analyzerWithoutStopWordsOrStemming() {
        let analyzer = TextAnalyzer(language: .english, configuration: .init(removesStopWords: false, stems: false))
        #expect(analyzer.terms(in: "Where is my parcel") == ["where", "is", "my", "parcel"])
    }

    @Test func enormousInputIsBounded() {
        let analyzer = TextAnalyzer(language: .english, configuration: .init(maximumWords: 100))
        let text = String(repeating: "refund please ", count: 100_000)
        #expect(analyzer.terms(in: text).count <= 100)
    }

    @Test func languageFromLocale() {
        #expect(TextLanguage(localeIdentifier: "de-AT") == .german)
        #expect(TextLanguage(localeIdentifier: "en_GB") == .english)
        #expect(TextLanguage(localeIdentifier: "fr") == nil)
    }
}
