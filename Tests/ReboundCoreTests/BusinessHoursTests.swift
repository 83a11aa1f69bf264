import Foundation
import ReboundCore
import Testing

/// Opening hours in a time zone: open or closed, SLA deadlines in open time, across weekends, holidays and DST.
@Suite struct BusinessHoursTests {
    static let weekdays: JSONValue = [
        "time_zone": "Europe/Berlin",
        "days": [
            "mon": ["09:00", "18:00"], "tue": ["09:00", "18:00"], "wed": ["09:00", "18:00"], "thu": ["09:00", "18:00"],
            "fri": ["09:00", "18:00"],
        ],
        "holidays": ["2026-12-24"],
    ]

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test func openAndClosedFollowTheLocalClockAndHolidays() throws {
        let hours = try #require(BusinessHours(Self.weekdays, defaultZone: "UTC"))
        #expect(hours.isOpen(at: Self.utc("2026-11-26T10:00:00Z")))  // Thursday 11:00 in Berlin
        #expect(!hours.isOpen(at: Self.utc("2026-11-26T17:30:00Z")))  // 18:30 in Berlin
        #expect(hours.isOpen(at: Self.utc("2026-11-26T08:00:00Z")))  // 09:00 in Berlin, opening minute
        #expect(!hours.isOpen(at: Self.utc("2026-11-26T17:00:00Z")))  // 18:00 in Berlin, closing minute
        #expect(!hours.isOpen(at: Self.utc("2026-11-28T10:00:00Z")))  // Saturday
        #expect(!hours.isOpen(at: Self.utc("2026-12-24T10:00:00Z")))  // a Thursday, but a holiday
        // In summer Berlin is UTC+2: 07:30 UTC is 09:30 there.
        #expect(hours.isOpen(at: Self.utc("2026-07-02T07:30:00Z")))
        #expect(!hours.isOpen(at: Self.utc("2026-01-08T07:30:00Z")))  // 08:30 in winter
    }

    @Test func aTargetCountsOnlyOpenTime() throws {
        let hours = try #require(BusinessHours(Self.weekdays, defaultZone: "UTC"))
        // Friday 17:30 in Berlin, 2 hours to answer: 30 minutes on Friday, 90 on Monday from 09:00.
        #expect(hours.addingOpenTime(7200, to: Self.utc("2026-11-27T16:30:00Z")) == Self.utc("2026-11-30T09:30:00Z"))
        // Arriving on Saturday: the clock starts on Monday at 09:00.
        #expect(hours.addingOpenTime(3600, to: Self.utc("2026-11-28T12:00:00Z")) == Self.utc("2026-11-30T09:00:00Z"))
        // Within one open day it is plain addition.
        #expect(hours.addingOpenTime(120, to: Self.utc("2026-11-26T10:00:00Z")) == Self.utc("2026-11-26T10:02:00Z"))
        // Christmas Eve is skipped: Wednesday 17:00 + 2 h = 1 h on Wednesday, 1 h on Friday.
        #expect(hours.addingOpenTime(7200, to: Self.utc("2026-12-23T16:00:00Z")) == Self.utc("2026-12-25T09:00:00Z"))
        #expect(hours.nextOpening(after: Self.utc("2026-11-28T12:00:00Z")) == Self.utc("2026-11-30T08:00:00Z"))
    }

    @Test func aDayOfDaylightSavingChangeIsCountedInRealHours() throws {
        // Open around the clock every day: 24 h of open time is 24 real hours, also over the night the clocks go forward.
        let always: JSONValue = [
            "time_zone": "Europe/Berlin",
            "days": [
                "sun": ["00:00", "24:00"], "mon": ["00:00", "24:00"], "tue": ["00:00", "24:00"], "wed": ["00:00", "24:00"],
                "thu": ["00:00", "24:00"], "fri": ["00:00", "24:00"], "sat": ["00:00", "24:00"],
            ],
        ]
        let hours = try #require(BusinessHours(always, defaultZone: "UTC"))
        let start = Self.utc("2026-03-28T11:00:00Z")
        #expect(hours.addingOpenTime(86400, to: start) == start.addingTimeInterval(86400))
        #expect(hours.isOpen(at: Self.utc("2026-03-29T01:30:00Z")))
        // Sunday 29 March 2026 has 23 hours in Berlin: a Sunday-only desk is open 23 real hours that day.
        let sunday = try #require(BusinessHours(["time_zone": "Europe/Berlin", "days": ["sun": ["00:00", "24:00"]]], defaultZone: "UTC"))
        let sundayStart = Self.utc("2026-03-28T23:00:00Z")  // Sunday 00:00 CET
        #expect(sunday.addingOpenTime(23 * 3600, to: sundayStart) == Self.utc("2026-03-29T22:00:00Z"))
        #expect(sunday.addingOpenTime(23 * 3600 + 60, to: sundayStart) == Self.utc("2026-04-04T22:01:00Z"))
    }

    @Test func hoursThatNeverOpenCountAsAlwaysOpen() throws {
        let never = try #require(BusinessHours(["days": [:]], defaultZone: "Europe/Berlin"))
        let start = Self.utc("2026-11-26T10:00:00Z")
        #expect(!never.isOpen(at: start))
        #expect(never.addingOpenTime(7200, to: start) == start.addingTimeInterval(7200))
        #expect(never.nextOpening(after: start) == nil)
    }

    @Test func badDocumentsNameTheirField() {
        let bad: JSONValue = [
            "time_zone": "Mars/Olympus", "days": ["mon": ["18:00", "09:00"], "tue": ["25:00", "26:00"], "funday": ["09:00", "10:00"]],
            "holidays": ["24.12.2026"], "open": true,
        ]
        let fields = Set(BusinessHours.problems(bad).map(\.field))
        #expect(fields == ["time_zone", "days.mon", "days.tue", "days.funday", "holidays", "open"])
        #expect(BusinessHours(bad, defaultZone: "UTC") == nil)
        #expect(BusinessHours.problems("09:00-18:00").map(\.field) == ["(value)"])
        #expect(BusinessHours.problems(Self.weekdays).isEmpty)
        #expect(BusinessHours.minutes("24:00") == 1440 && BusinessHours.minutes("24:01") == nil && BusinessHours.minutes("9:00") == nil)
    }
}
