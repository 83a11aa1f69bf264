public import Foundation

/// Puts rendered content into a message with the headers a marketing email needs.
public enum EmailComposer {
    /// A message from rendered content, with `List-Unsubscribe` (URL and mailto) and one-click unsubscribe.
    ///
    /// ```swift
    /// let content = try renderer.render("cart_recovery.help", locale: "de-DE", context: context)
    /// let message = EmailComposer.message(content, from: shopAddress, to: customerAddress, messageID: id, date: now,
    ///                                     unsubscribeURL: links.unsubscribe, unsubscribeMailto: "unsubscribe@shop.example")
    /// ```
    public static func message(
        _ content: RenderedContent,
        from: EmailAddress,
        to: EmailAddress,
        replyTo: EmailAddress? = nil,
        messageID: String,
        date: Date,
        unsubscribeURL: String? = nil,
        unsubscribeMailto: String? = nil,
        inlineImages: [EmailMessage.InlineImage] = []
    ) -> EmailMessage {
        let unsubscribe: EmailMessage.Unsubscribe? =
            unsubscribeURL == nil && unsubscribeMailto == nil
            ? nil : EmailMessage.Unsubscribe(url: unsubscribeURL, mailto: unsubscribeMailto, oneClick: unsubscribeURL?.hasPrefix("https://") ?? false)
        return EmailMessage(
            from: from,
            to: [to],
            replyTo: replyTo,
            subject: content.subject,
            text: content.text,
            html: content.html,
            inlineImages: inlineImages,
            messageID: messageID,
            date: date,
            unsubscribe: unsubscribe
        )
    }
}
