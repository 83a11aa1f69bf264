import Foundation
import ReboundCore
import ReboundFlows
import Testing

@Suite struct GuardrailsTests {
    let guardrails = Guardrails()
    func recipient(_ zone: String?, email: Bool = true, sms: Bool = true) -> CustomerFacts {
        CustomerFacts(customerID: "cus_1", emailConsent: email, smsConsent: sms, hasEmail: true, hasPhone: true, timeZone: zone)
    }

    func decide(_ channel: MessageChannel, at now: Date, zone: String?, recent: [RecentSend] = [], config: Guardrails.Configuration = .init())
        -> Guardrails.Decision
    {
        Guardrails(configuration: config).decide(
            CandidateSend(channel: channel, customerID: "cus_1"),
            recipient: recipient(zone),
            recentSends: recent,
            suppression: .init(),
            now: now
        )
    }

    @Test func quietHoursInBerlinAcrossDST() {
        // 21:30 CET on Sat 28 March = 20:30 UTC; the night ends at 08:00 CEST on Sunday = 06:00 UTC (clocks went forward).
        #expect(
            decide(.sms, at: utc("2026-03-28T20:30:00Z"), zone: "Europe/Berlin")
                == .deferUntil(utc("2026-03-29T06:00:00Z"), reason: "quiet_hours")
        )
        // 07:59 CEST is still quiet, 08:00 is not.
        #expect(
            decide(.sms, at: utc("2026-03-29T05:59:00Z"), zone: "Europe/Berlin") == .deferUntil(utc("2026-03-29T06:00:00Z"), reason: "quiet_hours")
        )
        #expect(decide(.sms, at: utc("2026-03-29T06:00:00Z"), zone: "Europe/Berlin") == .sendNow)
        // 20:59 CET in winter is fine.
        #expect(decide(.email, at: utc("2026-01-15T19:59:00Z"), zone: "Europe/Berlin") == .sendNow)
    }

    @Test func quietHoursInNewYorkAcrossDST() {
        // 22:00 EST Sat 7 March = 03:00 UTC Sun 8 March; clocks go forward at 02:00, so 08:00 EDT = 12:00 UTC.
        #expect(
            decide(.email, at: utc("2026-03-08T03:00:00Z"), zone: "America/New_York")
                == .deferUntil(utc("2026-03-08T12:00:00Z"), reason: "quiet_hours")
        )
        // In autumn (1 Nov, back to EST) 08:00 EST = 13:00 UTC.
        #expect(
            decide(.email, at: utc("2026-11-01T05:00:00Z"), zone: "America/New_York")
                == .deferUntil(utc("2026-11-01T13:00:00Z"), reason: "quiet_hours")
        )
        // The same instant is 14:00 in Berlin in summer: no quiet hours there.
        #expect(decide(.email, at: utc("2026-07-01T12:00:00Z"), zone: "America/New_York") == .sendNow)
    }

    @Test func smsAlwaysKeepsQuietHours() {
        let off = Guardrails.Configuration(quietHours: nil)
        let night = utc("2026-07-01T23:00:00Z")
        #expect(decide(.email, at: night, zone: "UTC", config: off) == .sendNow)
        #expect(decide(.sms, at: night, zone: "UTC", config: off) == .deferUntil(utc("2026-07-02T08:00:00Z"), reason: "quiet_hours"))
    }

    @Test func frequencyCapAcrossFlows() {
        let noon = utc("2026-07-01T12:00:00Z")
        let recent = [RecentSend(channel: .email, sentAt: noon - 20 * hour)]
        #expect(decide(.email, at: noon, zone: "UTC", recent: recent) == .deferUntil(noon + 4 * hour, reason: "frequency_cap"))
        #expect(decide(.email, at: noon, zone: "UTC", recent: [RecentSend(channel: .email, sentAt: noon - 25 * hour)]) == .sendNow)
        #expect(decide(.email, at: noon, zone: "UTC", recent: [RecentSend(channel: .email, sentAt: noon - hour, isMarketing: false)]) == .sendNow)
        let skip = Guardrails.Configuration(deferWhenCapped: false)
        #expect(decide(.email, at: noon, zone: "UTC", recent: recent, config: skip) == .skip(reason: "frequency_cap"))
        let two = Guardrails.Configuration(frequencyCap: 2)
        #expect(decide(.email, at: noon, zone: "UTC", recent: recent, config: two) == .sendNow)
    }

    @Test func capThenQuietHoursCombine() {
        // Cap frees at 22:00 UTC, which is quiet: the send moves on to 08:00 next day.
        let noon = utc("2026-07-01T12:00:00Z")
        let recent = [RecentSend(channel: .email, sentAt: noon - 14 * hour)]
        #expect(decide(.email, at: noon, zone: "UTC", recent: recent) == .deferUntil(utc("2026-07-02T08:00:00Z"), reason: "frequency_cap"))
        let short = Guardrails.Configuration(maxDeferral: 12 * hour)
        #expect(decide(.email, at: noon, zone: "UTC", recent: recent, config: short) == .skip(reason: "frequency_cap_deferral_too_long"))
    }

    @Test func consentSuppressionAndOnSite() {
        let noon = utc("2026-07-01T12:00:00Z")
        let list = SuppressionList(emails: ["Ann@Example.com"])
        let send = CandidateSend(channel: .email, customerID: "cus_1", email: "ann@example.com")
        #expect(guardrails.decide(send, recipient: recipient("UTC"), recentSends: [], suppression: list, now: noon) == .skip(reason: "suppressed"))
        #expect(
            guardrails.decide(CandidateSend(channel: .sms), recipient: recipient("UTC", sms: false), recentSends: [], suppression: .init(), now: noon)
                == .skip(reason: "no_sms_consent")
        )
        #expect(
            guardrails.decide(
                CandidateSend(channel: .email),
                recipient: recipient("UTC", email: false),
                recentSends: [],
                suppression: .init(),
                now: noon
            )
                == .skip(reason: "no_email_consent")
        )
        // Service email (not marketing) needs no marketing consent and ignores cap and quiet hours.
        let service = CandidateSend(channel: .email, isMarketing: false)
        #expect(
            guardrails.decide(
                service,
                recipient: recipient("UTC", email: false),
                recentSends: [],
                suppression: .init(),
                now: utc("2026-07-01T23:00:00Z")
            ) == .sendNow
        )
        #expect(decide(.onSite, at: utc("2026-07-01T23:00:00Z"), zone: "UTC", recent: [RecentSend(channel: .email, sentAt: noon)]) == .sendNow)
    }
}
