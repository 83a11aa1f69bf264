public import Foundation

/// Builds the signed tracking links of one message: click redirects, the open pixel and unsubscribe.
public struct TrackingLinks: Sendable {
    public var baseURL: String
    public var signer: LinkSigner
    public var shopID: String
    public var customerID: String
    public var messageID: String
    public var expiresAt: Date

    public init(baseURL: String, signer: LinkSigner, shopID: String, customerID: String, messageID: String, expiresAt: Date) {
        self.baseURL = RestoreLinks.trimmedBase(baseURL)
        self.signer = signer
        self.shopID = shopID
        self.customerID = customerID
        self.messageID = messageID
        self.expiresAt = expiresAt
    }

    func token(_ kind: LinkToken.Kind, target: String? = nil) -> String {
        signer.sign(LinkToken(kind: kind, shopID: shopID, subject: customerID, reference: messageID, target: target, expiresAt: expiresAt))
    }

    /// `{base}/l/{token}`: counts the click, then redirects to `target`.
    public func click(_ target: String) -> String { baseURL + "/l/" + token(.click, target: target) }
    /// `{base}/o/{token}.gif`: a 1×1 image that records the open.
    public var openPixel: String { baseURL + "/o/" + token(.open) + ".gif" }
    /// `{base}/u/{token}`: GET shows a confirmation page, POST (RFC 8058 one-click) unsubscribes at once.
    public var unsubscribe: String { baseURL + "/u/" + token(.unsubscribe) }
    /// `{base}/r/{token}`: counts the click on this message and marks the visitor for a welcome back, then redirects
    /// to `target` (the platform URL that rebuilds the message's cart).
    public func restore(target: String) -> String {
        baseURL + "/r/" + token(.restore, target: target)
    }
    /// `{base}/v/{token}`: the survey page with `score` chosen; the shopper confirms it (and may comment) there.
    public func survey(_ surveyID: String, score: Int) -> String {
        baseURL + "/v/"
            + signer.sign(
                LinkToken(kind: .survey, shopID: shopID, subject: customerID, reference: surveyID, target: String(score), expiresAt: expiresAt)
            )
    }
}
