import Foundation
import ReboundAdmin
import Testing

@Suite struct AdminFormatTests {
    let en = AdminFormat(locale: .en, currency: "EUR")
    let de = AdminFormat(locale: .de, currency: "EUR")

    @Test func numbersAndPercentages() {
        #expect(en.number(1_234_567) == "1,234,567")
        #expect(de.number(1_234_567) == "1.234.567")
        #expect(en.number(-5) == "−5")
        #expect(en.percent(0.125) == "12.5\u{202F}%")
        #expect(de.percent(0.125) == "12,5\u{202F}%")
        #expect(en.percent(nil) == "–")
        #expect(en.percent(.nan) == "–")
        #expect(en.percentagePoints(0.021) == "+2.1\u{202F}pp")
        #expect(de.percentagePoints(-0.021) == "−2,1\u{202F}Pp.")
        #expect(en.signedPercent(0) == "±0.0\u{202F}%")
        #expect(en.decimal(4.56, digits: 1) == "4.6")
        #expect(en.decimal(-0.04, digits: 1) == "0.0")
    }

    @Test func money() {
        #expect(en.money(AdminMoney(minorUnits: 123_450, currency: "EUR")) == "€1,234.50")
        #expect(de.money(AdminMoney(minorUnits: 123_450, currency: "EUR")) == "1.234,50\u{00A0}€")
        #expect(en.money(AdminMoney(minorUnits: 1_999, currency: "USD")) == "$19.99")
        #expect(en.money(AdminMoney(minorUnits: 1_200, currency: "CHF")) == "CHF\u{00A0}12.00")
        #expect(en.money(AdminMoney(minorUnits: 1_500, currency: "JPY")) == "¥1,500")
        #expect(en.money(AdminMoney(minorUnits: -505, currency: "GBP")) == "−£5.05")
        #expect(AdminMoney(minorUnits: -5, currency: "EUR").decimalString == "-0.05")
        #expect(en.compactMoney(major: 1_234.6) == "€1,235")
        #expect(en.compactMoney(major: 250_000) == "€250k")
    }

    @Test func durations() {
        #expect(en.duration(seconds: 45) == "45\u{00A0}s")
        #expect(en.duration(seconds: 3_900) == "1\u{00A0}h 5\u{00A0}min")
        #expect(en.duration(seconds: 3_600) == "1\u{00A0}h")
        #expect(en.duration(seconds: 90) == "1\u{00A0}min 30\u{00A0}s")
        #expect(en.duration(seconds: 2 * 86_400 + 3 * 3_600 + 59) == "2\u{00A0}d 3\u{00A0}h")
        #expect(de.duration(seconds: 2 * 86_400) == "2\u{00A0}T")
        #expect(en.duration(seconds: 0) == "0\u{00A0}s")
        #expect(en.duration(seconds: nil) == "–")
    }

    @Test func relativeTimesUseTheGivenNow() {
        let now = Samples.now
        #expect(en.relative(now - 10, now: now) == "just now")
        #expect(en.relative(now - 180, now: now) == "3\u{00A0}min ago")
        #expect(de.relative(now - 180, now: now) == "vor 3\u{00A0}min")
        #expect(en.relative(now + 300, now: now) == "in 5\u{00A0}min")
        #expect(en.relative(now - 2 * 3_600 - 100, now: now) == "2\u{00A0}h ago")
        #expect(en.relative(now - 30 * 3_600, now: now) == "yesterday")
        #expect(de.relative(now - 30 * 3_600, now: now) == "gestern")
        #expect(en.relative(now - 3 * 86_400, now: now) == "3 days ago")
        #expect(en.relative(now - 30 * 86_400, now: now) == "27 Oct 2025")
    }

    @Test func datesInTheShopTimeZone() {
        let berlin = AdminFormat(locale: .de, timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let lateUTC = Date(timeIntervalSince1970: 1_764_197_000)  // 2025-11-26 22:43 UTC = 23:43 in Berlin
        #expect(berlin.date(lateUTC) == "26.11.2025")
        #expect(berlin.dateTime(lateUTC) == "26.11.2025, 23:43")
        #expect(en.shortDate(lateUTC) == "26 Nov")
        #expect(en.isoDay(lateUTC) == "2025-11-26")
        #expect(en.machineTimestamp(lateUTC) == "2025-11-26T22:43:20Z")
        #expect(AdminLocale(tag: "de_AT") == .de)
        #expect(AdminLocale(tag: "fr-FR") == .en)
    }
}
