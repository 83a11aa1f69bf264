import ReboundAnswers
import Testing

@Suite struct CountryNamesTests {
    @Test(arguments: [
        ("do you ship to Canada?", TextLanguage.english, ["CA"]),
        ("Liefert ihr nach Österreich?", .german, ["AT"]),
        ("Liefert ihr nach Oesterreich?", .german, ["AT"]),
        ("Versand in die Schweiz und in die USA", .german, ["CH", "US"]),
        ("Lieferung in den Niederlanden", .german, ["NL"]),
        ("shipping to the UK or England", .english, ["GB"]),
        ("do you ship to the US", .english, ["US"]),
        ("can you send it to us", .english, []),
        ("do you deliver to Holland", .english, ["NL"]),
        ("ship to the Dominican Republic", .english, ["DO"]),
        ("ship to Dominica", .english, ["DM"]),
        ("Versand nach Kanada", .german, ["CA"]),
        ("Can I get the football jersey in red", .english, []),
        ("Liefert ihr nach Island?", .german, ["IS"]),
        ("is shipping free on the island", .english, []),
        ("do you ship to Deutschland", .english, ["DE"]),
    ])
    func recognisesCountries(_ text: String, _ language: TextLanguage, _ expected: [String]) {
        #expect(CountryNames.find(in: text, language: language) == expected)
    }

    @Test func namesForAnswers() {
        #expect(CountryNames.name(for: "AT", language: .german) == "Österreich")
        #expect(CountryNames.name(for: "ca", language: .english) == "Canada")
        #expect(CountryNames.name(for: "US", language: .english) == "the United States")
    }
}
