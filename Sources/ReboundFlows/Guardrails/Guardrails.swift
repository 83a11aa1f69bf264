public import Foundation
internal import ReboundCore

/// A message about to go out, as the guardrails see it.
public struct CandidateSend: Hashable, Sendable {
    public var channel: MessageChannel
    /// Marketing counts toward the frequency cap and respects quiet hours; service messages do not.
    public var isMarketing: Bool
    public var customerID: String?
    public var email: String?
    public var phone: String?

    public init(channel: MessageChannel, isMarketing: Bool = true, customerID: String? = nil, email: String? = nil, phone: String? = nil) {
        self.channel = channel
        self.isMarketing = isMarketing
        self.customerID = customerID
        self.email = email
        self.phone = phone
    }
}

/// A message already sent to the same person (by any flow).
public struct RecentSend: Hashable, Sendable {
    public var channel: MessageChannel
    public var sentAt: Date
    public var isMarketing: Bool

    public init(channel: MessageChannel, sentAt: Date, isMarketing: Bool = true) {
        self.channel = channel
        self.sentAt = sentAt
        self.isMarketing = isMarketing
    }
}

/// Whether a send may go now: frequency cap, quiet hours, consent and suppression.
///
/// ```swift
/// let decision = Guardrails().decide(candidate, recipient: facts, recentSends: sends, suppression: list, now: now)
/// ```
public struct Guardrails: Sendable {
    public struct Configuration: Hashable, Sendable {
        /// At most this many marketing messages per ``frequencyWindow``, across all flows; 0 turns the cap off.
        public var frequencyCap: Int
        public var frequencyWindow: TimeInterval
        /// What a capped send does: wait until the cap frees up, or be skipped.
        public var deferWhenCapped: Bool
        /// Quiet hours; `nil` turns them off except for SMS, which always uses ``QuietHours/default`` then.
        public var quietHours: QuietHours?
        /// A send deferred further than this is skipped instead (a 48 h discount must not arrive a week later).
        public var maxDeferral: TimeInterval
        /// Used when the recipient has no time zone (normally the shop's).
        public var defaultTimeZone: String

        public init(
            frequencyCap: Int = 1,
            frequencyWindow: TimeInterval = 86400,
            deferWhenCapped: Bool = true,
            quietHours: QuietHours? = .default,
            maxDeferral: TimeInterval = 2 * 86400,
            defaultTimeZone: String = "UTC"
        ) {
            self.frequencyCap = frequencyCap
            self.frequencyWindow = frequencyWindow
            self.deferWhenCapped = deferWhenCapped
            self.quietHours = quietHours
            self.maxDeferral = maxDeferral
            self.defaultTimeZone = defaultTimeZone
        }
    }

    public enum Decision: Hashable, Sendable {
        case sendNow
        case deferUntil(Date, reason: String)
        case skip(reason: String)
    }

    public var configuration: Configuration

    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// Decides in this order: suppression, consent and contact (skip), then quiet hours and frequency cap (defer,
    /// or skip when capped and not deferring, or when the deferral would be too long).
    public func decide(
        _ send: CandidateSend,
        recipient: CustomerFacts,
        recentSends: [RecentSend],
        suppression: SuppressionList,
        now: Date
    ) -> Decision {
        if suppression.contains(email: send.email, phone: send.phone, customerID: send.customerID ?? recipient.customerID?.rawValue) {
            return .skip(reason: "suppressed")
        }
        switch send.channel {
        case .email where send.isMarketing && !recipient.emailConsent: return .skip(reason: "no_email_consent")
        case .sms where !recipient.smsConsent: return .skip(reason: "no_sms_consent")
        case .email where !recipient.hasEmail && send.email == nil: return .skip(reason: "no_email_address")
        case .sms where !recipient.hasPhone && send.phone == nil: return .skip(reason: "no_phone_number")
        default: break
        }
        guard send.isMarketing, send.channel != .onSite else { return .sendNow }
        let zone = LocalTime.zone(recipient.timeZone ?? configuration.defaultTimeZone)
        let quiet = configuration.quietHours ?? (send.channel == .sms ? .default : nil)
        var at = now
        var reason: String?
        // Each rule may move the time into the other's way; a few rounds settle it.
        for _ in 0..<4 {
            let capped = capFreesAt(at, recentSends: recentSends)
            if capped > at {
                if !configuration.deferWhenCapped { return .skip(reason: "frequency_cap") }
                at = capped
                reason = reason ?? "frequency_cap"
            }
            if let quiet, quiet.contains(at, in: zone) {
                at = quiet.nextAllowed(after: at, in: zone)
                reason = reason ?? "quiet_hours"
                continue
            }
            if capped <= at { break }
        }
        guard at > now, let reason else { return .sendNow }
        if at.timeIntervalSince(now) > configuration.maxDeferral { return .skip(reason: reason + "_deferral_too_long") }
        return .deferUntil(at, reason: reason)
    }

    /// The earliest time at or after `date` at which one more marketing message stays within the cap.
    func capFreesAt(_ date: Date, recentSends: [RecentSend]) -> Date {
        guard configuration.frequencyCap > 0 else { return date }
        let window = configuration.frequencyWindow
        let inWindow = recentSends.filter {
            $0.isMarketing && $0.channel != .onSite && $0.sentAt > date.addingTimeInterval(-window) && $0.sentAt <= date
        }
        .map(\.sentAt).sorted()
        guard inWindow.count >= configuration.frequencyCap else { return date }
        // The oldest sends must age out until one slot is free.
        return inWindow[inWindow.count - configuration.frequencyCap].addingTimeInterval(window)
    }
}
