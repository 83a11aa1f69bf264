import ReboundAnswers
import Testing

@Suite struct CompoundAndSynonymTests {
    let german = TextAnalyzer(language: .german)

    @Test func splitsCompoundIntoKnownParts() {
        let vocabulary: Set<String> = ["versand", "kost", "liefer", "zeit", "ruckgab"]
        let splitter = CompoundSplitter(vocabulary: vocabulary, analyzer: german)
        #expect(splitter.split("versandkosten") == ["versand", "kost"])
        #expect(splitter.split("lieferzeit") == ["liefer", "zeit"])
        // Linking s (Fugen-s) between parts.
        let withLink = CompoundSplitter(vocabulary: ["lieferung", "kost"], analyzer: german)
        #expect(withLink.split("lieferungskosten") == ["lieferung", "kost"])
        // Unknown parts, and words too short to split, are left alone.
        #expect(splitter.split("regenschirm") == nil)
        #expect(splitter.split("kost") == nil)
    }

    @Test func knowledgeBaseMatchesCompoundAgainstSeparateWords() {
        let kb = KnowledgeBase(documents: [
            KnowledgeDocument(id: "shipping", title: "Versand", body: "Die Kosten für den Versand nach Österreich.", language: .german),
            KnowledgeDocument(id: "returns", title: "Rückgabe", body: "So schicken Sie Ware zurück.", language: .german),
        ])
        #expect(kb.search("Versandkosten?", language: .german).first?.id == "shipping")
    }

    @Test func knowledgeBaseMatchesSeparateWordsAgainstCompound() {
        let kb = KnowledgeBase(documents: [
            KnowledgeDocument(id: "shipping", title: "Versandkosten", body: "Innerhalb Deutschlands 4,90 €.", language: .german),
            KnowledgeDocument(id: "prices", title: "Preise", body: "Alle Kosten enthalten die Mehrwertsteuer.", language: .german),
            KnowledgeDocument(id: "carrier", title: "Lieferung", body: "Der Versand erfolgt mit DHL.", language: .german),
        ])
        let hits = kb.search("Was kostet der Versand?", language: .german)
        #expect(hits.first?.id == "shipping")
    }

    @Test func synonymsExpandQuery() {
        let english = TextAnalyzer(language: .english)
        let synonyms = SynonymMap(["parcel": ["package", "shipment"], "money back": ["refund"]], analyzer: english)
        #expect(synonyms.expand(["parcel", "lost"]) == ["parcel", "lost", "packag", "shipment"])
        #expect(synonyms.expand(["want", "money", "back"]) == ["want", "money", "back", "refund"])
        #expect(synonyms.expand(["hello"]) == ["hello"])
    }

    @Test func knowledgeBaseUsesShopSynonyms() {
        let docs = [
            KnowledgeDocument(id: "lost", title: "Lost package", body: "If your package is lost in transit we resend it."),
            KnowledgeDocument(id: "sizes", title: "Size guide", body: "Find your size in the chart."),
        ]
        let plain = KnowledgeBase(documents: docs)
        #expect(plain.search("my parcel never arrived").isEmpty)
        let shop = KnowledgeBase(documents: docs, configuration: .init(synonyms: [.english: ["parcel": ["package"]]]))
        #expect(shop.search("my parcel never arrived").first?.id == "lost")
    }
}
