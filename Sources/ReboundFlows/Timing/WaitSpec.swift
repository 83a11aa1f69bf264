public import Foundation

/// A length of time written like `30s`, `45m`, `1h`, `2d` or `1h30m`.
///
/// Units are `d` (days of 24 h), `h`, `m` and `s`, largest first, each at most once. Zero and negative
/// lengths are refused: a flow never waits for nothing or goes back in time.
public struct FlowDuration: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let seconds: Int

    /// - Parameter seconds: must be positive.
    public init?(seconds: Int) {
        guard seconds > 0 else { return nil }
        self.seconds = seconds
    }

    /// Parses the duration grammar; `nil` with a reason on failure.
    public static func parse(_ text: String) -> Result<FlowDuration, FlowDurationError> {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard !trimmed.isEmpty else { return .failure(.init(reason: "is empty")) }
        if trimmed.hasPrefix("-") { return .failure(.init(reason: "must not be negative")) }
        let units: [(Character, Int)] = [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)]
        var total = 0
        var digits = ""
        var lastUnit = -1
        for character in trimmed {
            if character.isASCII && character.isNumber {
                digits.append(character)
                continue
            }
            guard let unit = units.firstIndex(where: { $0.0 == character }) else {
                return .failure(.init(reason: "'\(text)' is not a duration like 30s, 45m, 1h, 2d or 1h30m"))
            }
            guard !digits.isEmpty, let amount = Int(digits), digits.count <= 6 else {
                return .failure(.init(reason: "'\(text)' is not a duration like 30s, 45m, 1h, 2d or 1h30m"))
            }
            guard unit > lastUnit else { return .failure(.init(reason: "units must go from largest to smallest, each once")) }
            lastUnit = unit
            total += amount * units[unit].1
            digits = ""
        }
        guard digits.isEmpty, lastUnit >= 0 else {
            return .failure(.init(reason: "'\(text)' needs a unit: s, m, h or d"))
        }
        guard let duration = FlowDuration(seconds: total) else { return .failure(.init(reason: "must be longer than zero")) }
        return .success(duration)
    }

    public var timeInterval: TimeInterval { TimeInterval(seconds) }

    /// The canonical text, e.g. `1d2h30m`.
    public var description: String {
        var rest = seconds
        var text = ""
        for (unit, size) in [("d", 86400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text
    }

    public static func < (lhs: FlowDuration, rhs: FlowDuration) -> Bool { lhs.seconds < rhs.seconds }
}

/// Why a duration or wait did not parse.
public struct FlowDurationError: Error, Hashable, Sendable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}

/// A wall-clock time of day, `HH:MM`, 24-hour.
public struct TimeOfDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        self.hour = hour
        self.minute = minute
    }

    /// Parses `10:00` or `9:30`.
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
            let hour = Int(parts[0]), let minute = Int(parts[1])
        else { return nil }
        self.init(hour: hour, minute: minute)
    }

    public var minutesSinceMidnight: Int { hour * 60 + minute }
    public var description: String { String(format: "%02d:%02d", hour, minute) }

    public static func < (lhs: TimeOfDay, rhs: TimeOfDay) -> Bool { lhs.minutesSinceMidnight < rhs.minutesSinceMidnight }
}

/// What a `wait` step waits for: a duration, or the next time a local clock shows a time of day.
///
/// Grammar of the `wait` value: a ``FlowDuration`` (`1h30m`), or `until HH:MM` with an optional
/// trailing `local` (`until 10:00 local`), meaning the next 10:00 in the recipient's time zone.
public enum WaitSpec: Hashable, Sendable, CustomStringConvertible {
    case duration(FlowDuration)
    case untilLocalTime(TimeOfDay)

    public static func parse(_ text: String) -> Result<WaitSpec, FlowDurationError> {
        var words = text.lowercased().split(separator: " ").map(String.init)
        if words.first == "until" {
            words.removeFirst()
            if words.last == "local" { words.removeLast() }
            guard words.count == 1, let time = TimeOfDay(words[0]) else {
                return .failure(.init(reason: "'\(text)' is not a time like 'until 10:00 local'"))
            }
            return .success(.untilLocalTime(time))
        }
        return FlowDuration.parse(text).map(WaitSpec.duration)
    }

    public var description: String {
        switch self {
        case .duration(let duration): duration.description
        case .untilLocalTime(let time): "until \(time) local"
        }
    }
}
