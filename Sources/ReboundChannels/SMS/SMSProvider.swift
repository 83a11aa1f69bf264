import Foundation

/// An SMS to send.
public struct SMSMessage: Hashable, Sendable {
    public var to: PhoneNumber
    public var from: String
    public var body: String
    /// Where the provider reports delivery status.
    public var statusCallbackURL: String?

    public init(to: PhoneNumber, from: String, body: String, statusCallbackURL: String? = nil) {
        self.to = to
        self.from = from
        self.body = body
        self.statusCallbackURL = statusCallbackURL
    }
}

/// The provider's receipt for an accepted message.
public struct SMSReceipt: Hashable, Sendable {
    /// The provider's id (Twilio `sid`, `SM…`).
    public var providerID: String
    public var status: SMSDeliveryStatus
    public var segments: Int?

    public init(providerID: String, status: SMSDeliveryStatus, segments: Int?) {
        self.providerID = providerID
        self.status = status
        self.segments = segments
    }
}

/// Delivery states, named as Twilio names them.
public struct SMSDeliveryStatus: RawRepresentable, Hashable, Sendable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue.lowercased() }

    public static let accepted = Self(rawValue: "accepted")
    public static let queued = Self(rawValue: "queued")
    public static let sending = Self(rawValue: "sending")
    public static let sent = Self(rawValue: "sent")
    public static let delivered = Self(rawValue: "delivered")
    public static let undelivered = Self(rawValue: "undelivered")
    public static let failed = Self(rawValue: "failed")

    /// No further change will come.
    public var isFinal: Bool { [.delivered, .undelivered, .failed].contains(self) }
}

/// Sends SMS. `TwilioSMSProvider` talks to Twilio or anything with the same API; tests can use their own.
public protocol SMSProvider: Sendable {
    func send(_ message: SMSMessage) async throws -> SMSReceipt
}

/// A status callback: which message, its new state, and the carrier's error code when it failed.
public struct SMSStatusUpdate: Hashable, Sendable {
    public var providerID: String
    public var status: SMSDeliveryStatus
    public var to: String?
    public var errorCode: String?

    /// Reads Twilio's form fields (`MessageSid`, `MessageStatus`, `To`, `ErrorCode`); nil without sid or status.
    public init?(form: [(String, String)]) {
        func field(_ name: String) -> String? { form.first { $0.0 == name }.map(\.1).flatMap { $0.isEmpty ? nil : $0 } }
        guard let sid = field("MessageSid") ?? field("SmsSid"), let status = field("MessageStatus") ?? field("SmsStatus") else { return nil }
        self.providerID = sid
        self.status = SMSDeliveryStatus(rawValue: status)
        self.to = field("To")
        self.errorCode = field("ErrorCode")
    }
}

/// An inbound SMS, classified.
public struct InboundSMS: Hashable, Sendable {
    public var from: String
    public var to: String
    public var body: String
    public var providerID: String?
    public var keyword: SMSKeyword

    /// Reads Twilio's inbound webhook form (`From`, `To`, `Body`, `MessageSid`).
    public init?(form: [(String, String)]) {
        func field(_ name: String) -> String? { form.first { $0.0 == name }.map(\.1) }
        guard let from = field("From"), let to = field("To") else { return nil }
        self.from = from
        self.to = to
        self.body = field("Body") ?? ""
        self.providerID = field("MessageSid")
        self.keyword = SMSKeyword(body: body)
    }
}
