import ReboundAnswers
import Testing

@Suite struct StemmerTests {
    @Test func englishMatchesSnowball() {
        for (word, stem) in StemmerFixtures.english {
            #expect(EnglishStemmer.stem(word) == stem, "\(word)")
        }
    }

    @Test func germanMatchesSnowball() {
        for (word, stem) in StemmerFixtures.german {
            #expect(GermanStemmer.stem(word) == stem, "\(word)")
        }
    }

    @Test func englishSpecialCases() {
        #expect(EnglishStemmer.stem("running") == "run")
        #expect(EnglishStemmer.stem("shipping") == "ship")
        #expect(EnglishStemmer.stem("refunds") == "refund")
        #expect(EnglishStemmer.stem("cancellation") == "cancel")
        #expect(EnglishStemmer.stem("dying") == "die")
        #expect(EnglishStemmer.stem("news") == "news")
        #expect(EnglishStemmer.stem("at") == "at")
        // Non-ASCII input is left alone rather than mangled.
        #expect(EnglishStemmer.stem("café") == "café")
    }

    @Test func germanUmlautsAndSharpS() {
        #expect(GermanStemmer.stem("größe") == GermanStemmer.stem("groesse"))
        #expect(GermanStemmer.stem("straße") == "strass")
        #expect(GermanStemmer.stem("häuser") == "haus")
        #expect(GermanStemmer.stem("") == "")
    }
}
