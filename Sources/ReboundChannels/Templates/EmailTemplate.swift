/// The Mustache source of one message in one locale: subject, preview text, HTML body and text body.
public struct EmailTemplate: Hashable, Sendable, Codable {
    /// e.g. `cart_recovery.help`; the flow's send step names it.
    public var id: String
    /// A BCP 47 language (`de`) or language-region (`de-AT`) tag.
    public var locale: String
    public var subject: String
    /// The inbox preview line shown after the subject.
    public var preview: String
    public var html: String
    public var text: String

    public init(id: String, locale: String, subject: String, preview: String, html: String, text: String) {
        self.id = id
        self.locale = locale
        self.subject = subject
        self.preview = preview
        self.html = html
        self.text = text
    }
}

/// The shop's look: used by the layout around every message.
public struct ShopBranding: Hashable, Sendable, Codable {
    public var name: String
    public var logoURL: String?
    /// CSS colours such as `#1a73e8`.
    public var primaryColor: String
    public var textColor: String
    public var backgroundColor: String
    /// The postal address in the footer, one line per element.
    public var address: [String]
    /// Answer to an SMS `HELP` and the footer's help line.
    public var helpText: String?
    public var websiteURL: String?

    public init(
        name: String,
        logoURL: String? = nil,
        primaryColor: String = "#1a73e8",
        textColor: String = "#222222",
        backgroundColor: String = "#f4f4f4",
        address: [String] = [],
        helpText: String? = nil,
        websiteURL: String? = nil
    ) {
        self.name = name
        self.logoURL = logoURL
        self.primaryColor = primaryColor
        self.textColor = textColor
        self.backgroundColor = backgroundColor
        self.address = address
        self.helpText = helpText
        self.websiteURL = websiteURL
    }
}

/// What a rendered message came out as, with the variables the templates used but the data lacked.
public struct RenderedContent: Hashable, Sendable {
    public var subject: String
    public var preview: String
    public var html: String
    public var text: String
    /// Names printed by a template but absent from the data; they rendered as empty text.
    public var missingVariables: [String]
}
