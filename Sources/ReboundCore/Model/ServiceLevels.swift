public import Foundation

/// Response and resolution targets per channel, and where a conversation stands against them.
///
/// Defaults from the shops we studied: chat answered within 2 minutes (checkout questions included), social
/// messages within an hour, email within 2 hours; chats and social threads resolved within 24 hours, email and SMS
/// within 72.
public struct ServiceLevels: Hashable, Sendable {
    public var firstResponse: [String: TimeInterval]
    public var resolution: [String: TimeInterval]

    /// The channels a conversation comes in on.
    public static let channels = ["chat", "email", "instagram", "messenger", "sms", "whatsapp"]

    public init(
        firstResponse: [String: TimeInterval] = ["chat": 120, "email": 7200, "sms": 3600, "messenger": 3600, "instagram": 3600, "whatsapp": 3600],
        resolution: [String: TimeInterval] = [
            "chat": 86400, "email": 259_200, "sms": 259_200, "messenger": 86400, "instagram": 86400, "whatsapp": 86400,
        ]
    ) {
        self.firstResponse = firstResponse
        self.resolution = resolution
    }

    /// Where a conversation stands: when the first answer and the resolution are due, and whether either is late.
    public struct Standing: Hashable, Sendable {
        public var firstResponseDue: Date?
        public var resolutionDue: Date?
        public var firstResponseBreached: Bool
        public var resolutionBreached: Bool

        public var isBreached: Bool { firstResponseBreached || resolutionBreached }
        /// The next deadline that is still open: what the inbox sorts by.
        public var nextDue: Date? { [firstResponseDue, resolutionDue].compactMap { $0 }.min() }
    }

    /// With `hours`, targets count only open time (a Friday-evening email is due on Monday); without, wall-clock time.
    public func standing(
        channel: String,
        createdAt: Date,
        firstResponseAt: Date?,
        resolvedAt: Date?,
        status: String,
        now: Date,
        hours: BusinessHours? = nil
    ) -> Standing {
        func due(_ target: TimeInterval) -> Date { hours?.addingOpenTime(target, to: createdAt) ?? createdAt.addingTimeInterval(target) }
        let responseDeadline = due(firstResponse[channel] ?? 7200)
        let resolutionDeadline = due(resolution[channel] ?? 259_200)
        let responseDue = firstResponseAt == nil ? responseDeadline : nil
        let open = resolvedAt == nil && status != "resolved"
        let resolutionDue = open ? resolutionDeadline : nil
        return Standing(
            firstResponseDue: responseDue,
            resolutionDue: resolutionDue,
            firstResponseBreached: responseDue.map { $0 <= now } ?? (firstResponseAt.map { $0 > responseDeadline } ?? false),
            resolutionBreached: resolutionDue.map { $0 <= now } ?? (resolvedAt.map { $0 > resolutionDeadline } ?? false)
        )
    }

    /// The first-response target of a channel.
    public func firstResponseTarget(_ channel: String) -> TimeInterval { firstResponse[channel] ?? 7200 }
}
