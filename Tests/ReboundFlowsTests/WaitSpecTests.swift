import Foundation
import ReboundFlows
import Testing

@Suite struct WaitSpecTests {
    @Test(arguments: [("30s", 30), ("45m", 2700), ("1h", 3600), ("2d", 172_800), ("1h30m", 5400), ("1d2h3m4s", 93_784), ("90m", 5400)])
    func parsesDurations(text: String, seconds: Int) throws {
        #expect(try FlowDuration.parse(text).get().seconds == seconds)
    }

    @Test(arguments: ["-1h", "0s", "0h0m", "", "1", "h", "1x", "1m1h", "1h1h", "1.5h", "1 h"])
    func refusesBadDurations(text: String) {
        #expect(throws: FlowDurationError.self) { try FlowDuration.parse(text).get() }
    }

    @Test func negativeAndZeroSayWhy() {
        #expect(FlowDuration.parse("-1h") == .failure(FlowDurationError(reason: "must not be negative")))
        #expect(FlowDuration.parse("0m") == .failure(FlowDurationError(reason: "must be longer than zero")))
    }

    @Test func canonicalText() {
        #expect(FlowDuration(seconds: 5400)!.description == "1h30m")
        #expect(FlowDuration(seconds: 172_800)!.description == "2d")
    }

    @Test func untilLocalTime() throws {
        #expect(try WaitSpec.parse("until 10:00 local").get() == .untilLocalTime(TimeOfDay(hour: 10, minute: 0)!))
        #expect(try WaitSpec.parse("until 9:30").get() == .untilLocalTime(TimeOfDay(hour: 9, minute: 30)!))
        #expect(try WaitSpec.parse("2d").get() == .duration(FlowDuration(seconds: 172_800)!))
        #expect(throws: FlowDurationError.self) { try WaitSpec.parse("until 25:00").get() }
        #expect(throws: FlowDurationError.self) { try WaitSpec.parse("until noon").get() }
    }

    @Test func nextLocalTimeAcrossDST() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        // Sat 28 March 2026 12:00 UTC; clocks go forward on Sunday 29 March.
        let saturday = utc("2026-03-28T12:00:00Z")
        // Next 10:00 Berlin is Sunday, now CEST (UTC+2): 08:00 UTC.
        #expect(LocalTime.next(TimeOfDay(hour: 10, minute: 0)!, after: saturday, in: berlin) == utc("2026-03-29T08:00:00Z"))
        // 02:30 does not exist that Sunday in Berlin: the first instant after the gap.
        let gap = LocalTime.next(TimeOfDay(hour: 2, minute: 30)!, after: saturday, in: berlin)
        #expect(gap > utc("2026-03-29T00:59:00Z") && gap <= utc("2026-03-29T01:30:00Z"))
        let newYork = TimeZone(identifier: "America/New_York")!
        // US clocks go forward on 8 March 2026: 10:00 EDT is 14:00 UTC.
        #expect(LocalTime.next(TimeOfDay(hour: 10, minute: 0)!, after: utc("2026-03-08T03:00:00Z"), in: newYork) == utc("2026-03-08T14:00:00Z"))
        #expect(LocalTime.next(TimeOfDay(hour: 10, minute: 0)!, after: utc("2026-03-07T03:00:00Z"), in: newYork) == utc("2026-03-07T15:00:00Z"))
    }
}
