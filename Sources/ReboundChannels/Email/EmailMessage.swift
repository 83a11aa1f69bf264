public import Foundation

/// An email ready to be written as MIME: a text part, an optional HTML part and optional inline images.
public struct EmailMessage: Hashable, Sendable {
    /// An image referenced from the HTML as `cid:<contentID>`.
    public struct InlineImage: Hashable, Sendable {
        public var contentID: String
        public var contentType: String
        public var filename: String
        public var data: [UInt8]

        public init(contentID: String, contentType: String, filename: String, data: [UInt8]) {
            self.contentID = contentID
            self.contentType = contentType
            self.filename = filename
            self.data = data
        }
    }

    /// RFC 2369 / RFC 8058 unsubscribe targets.
    public struct Unsubscribe: Hashable, Sendable {
        public var url: String?
        public var mailto: String?
        /// Adds `List-Unsubscribe-Post: List-Unsubscribe=One-Click`; needs an HTTPS `url`.
        public var oneClick: Bool

        public init(url: String? = nil, mailto: String? = nil, oneClick: Bool = true) {
            self.url = url
            self.mailto = mailto
            self.oneClick = oneClick
        }
    }

    public var from: EmailAddress
    public var to: [EmailAddress]
    public var cc: [EmailAddress]
    public var replyTo: EmailAddress?
    public var subject: String
    public var text: String
    public var html: String?
    public var inlineImages: [InlineImage]
    /// Without angle brackets, e.g. `abc123@mail.shop.example`.
    public var messageID: String
    public var date: Date
    public var unsubscribe: Unsubscribe?
    public var inReplyTo: String?
    /// Extra headers, written after the standard ones; names must be ASCII tokens.
    public var extraHeaders: [(name: String, value: String)]

    public init(
        from: EmailAddress,
        to: [EmailAddress],
        cc: [EmailAddress] = [],
        replyTo: EmailAddress? = nil,
        subject: String,
        text: String,
        html: String? = nil,
        inlineImages: [InlineImage] = [],
        messageID: String,
        date: Date,
        unsubscribe: Unsubscribe? = nil,
        inReplyTo: String? = nil,
        extraHeaders: [(name: String, value: String)] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.html = html
        self.inlineImages = inlineImages
        self.messageID = messageID
        self.date = date
        self.unsubscribe = unsubscribe
        self.inReplyTo = inReplyTo
        self.extraHeaders = extraHeaders
    }

    /// A new Message-ID value: random left part, the sender's domain on the right.
    public static func makeMessageID(domain: String) -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<15).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Base64.encodeURL(bytes) + "@" + domain
    }

    public static func == (lhs: EmailMessage, rhs: EmailMessage) -> Bool {
        lhs.messageID == rhs.messageID && lhs.subject == rhs.subject && lhs.to == rhs.to && lhs.text == rhs.text && lhs.html == rhs.html
            && lhs.extraHeaders.map(\.name) == rhs.extraHeaders.map(\.name) && lhs.extraHeaders.map(\.value) == rhs.extraHeaders.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(messageID)
    }

    /// Envelope recipients: `to` and `cc`.
    public var recipients: [String] { (to + cc).map(\.address) }
}
