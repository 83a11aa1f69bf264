import Foundation
import ReboundCore
import Testing

@Suite struct RFC3339Tests {
    @Test(arguments: [
        "2026-11-26T12:00:00Z", "2021-12-31T19:00:00-05:00", "2017-03-22T19:28:02.5+01:30", "2000-02-29T23:59:59.123Z",
        "1969-12-31T23:59:59Z", "2100-03-01T00:00:00z", "2026-11-26 12:00:00Z",
    ])
    func agreesWithFoundation(text: String) throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = text.contains(".") ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        let normalised = text.replacingOccurrences(of: " ", with: "T").replacingOccurrences(of: "z", with: "Z")
        let expected = try #require(formatter.date(from: normalised))
        let ours = try #require(RFC3339.parse(text))
        #expect(abs(ours.timeIntervalSince(expected)) < 0.0005)
    }

    @Test(arguments: [
        "", "yesterday", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2025-02-29T00:00:00Z", "2026-11-26T24:00:00Z",
        "2026-11-26T12:00:00", "2026-11-26T12:00Z", "2026-11-26T12:00:00+0100", "2026-11-26T12:00:00Zjunk", "2026-11-26T12:00:00.Z",
    ])
    func refusesWhatIsNotRFC3339(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test func formatsUTCWithMillisecondsAndReadsBack() throws {
        let date = Date(timeIntervalSince1970: 1_795_687_200.25)
        #expect(RFC3339.format(date) == "2026-11-26T10:00:00.250Z")
        #expect(RFC3339.format(Date(timeIntervalSince1970: -1)) == "1969-12-31T23:59:59.000Z")
        #expect(RFC3339.parse(RFC3339.format(date)) == date)
        #expect(RFC3339.format(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29T00:00:00.000Z")
    }
}
