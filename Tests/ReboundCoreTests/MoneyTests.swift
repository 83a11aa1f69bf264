import Foundation
import ReboundCore
import Testing

@Suite struct MoneyTests {
    @Test(arguments: [
        ("421.88", 42188), ("19", 1900), ("0.5", 50), ("-3.50", -350), ("199.00", 19900), ("2.555", 256), (".99", 99),
    ])
    func parsesDecimalStrings(text: String, minor: Int64) {
        #expect(Money(decimal: text, currency: .eur)?.minorUnits == minor)
    }

    @Test(arguments: ["", "abc", "1.2.3", "1,50", "--1", "1e3", "."])
    func refusesNonNumbers(text: String) {
        #expect(Money(decimal: text, currency: .eur) == nil)
    }

    @Test func usesTheCurrencyExponent() {
        #expect(Money(decimal: "1500", currency: Currency(rawValue: "JPY")!)?.minorUnits == 1500)
        #expect(Money(decimal: "1.234", currency: Currency(rawValue: "KWD")!)?.minorUnits == 1234)
        #expect(Money(minorUnits: 42188, currency: .usd).decimalString == "421.88")
        #expect(Money(minorUnits: -5, currency: .eur).decimalString == "-0.05")
    }

    @Test func currencyCodesAreValidated() {
        #expect(Currency(rawValue: "eur")?.rawValue == "EUR")
        #expect(Currency(rawValue: "EURO") == nil)
        #expect(Currency(rawValue: "E1R") == nil)
    }
}

@Suite struct CSVReaderTests {
    @Test func readsQuotedFieldsWithNewlinesAndCRLF() {
        let text = "text,category\r\n\"I am still waiting on my card?\",card_arrival\r\n\"\nline, with \"\"quotes\"\"\",x\r\nlast,y"
        let records = Array(CSVReader(text))
        #expect(records.count == 4)
        #expect(records[1].fields == ["I am still waiting on my card?", "card_arrival"])
        #expect(records[2].fields == ["\nline, with \"quotes\"", "x"])
        #expect(records[2].line == 3)
        #expect(records[3].line == 5)
        #expect(records[3].fields == ["last", "y"])
    }

    @Test func keepsEmptyFields() {
        let records = Array(CSVReader("a,b,c\n1,,3\n"))
        #expect(records[1].fields == ["1", "", "3"])
    }
}

@Suite struct CustomerIdentityTests {
    @Test func normalisesEmailAndPhone() {
        let identity = CustomerIdentity(email: "  Jane.Doe@Example.COM ", phone: "+49 (30) 1234-5678")
        #expect(identity.email == "jane.doe@example.com")
        #expect(identity.phone == "+493012345678")
        #expect(CustomerIdentity(email: "not an email").email == nil)
        #expect(CustomerIdentity(phone: "12").phone == nil)
        #expect(CustomerIdentity(phone: "0049 30 1234567").phone == "+49301234567")
    }
}
