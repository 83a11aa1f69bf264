/// An email as header fields and a body, ready to sign and send. Lines end in CRLF; no line passes 998 octets.
public struct RenderedEmail: Sendable {
    /// Header fields in order, values already encoded and folded (continuation lines start with a space).
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(headers: [(name: String, value: String)], body: [UInt8]) {
        self.headers = headers
        self.body = body
    }

    /// The whole message: headers, a blank line, the body.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + headers.count * 80 + 2)
        for header in headers {
            out.append(contentsOf: header.name.utf8)
            out.append(contentsOf: ": ".utf8)
            out.append(contentsOf: header.value.utf8)
            out.append(contentsOf: [13, 10])
        }
        out.append(contentsOf: [13, 10])
        out.append(contentsOf: body)
        return out
    }

    /// The first header with this name (case-insensitive).
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}

/// Writes an `EmailMessage` as MIME: `text/plain`, or `multipart/alternative` with text and HTML,
/// where HTML with inline images is `multipart/related`.
public enum MIMEWriter {
    /// - Parameter boundarySeed: makes boundaries unique; the Message-ID's left part by default.
    public static func render(_ message: EmailMessage, boundarySeed: String? = nil) -> RenderedEmail {
        let seed = boundarySeed ?? String(message.messageID.prefix { $0 != "@" })
        var headers: [(name: String, value: String)] = []
        headers.append(("From", message.from.headerValue))
        headers.append(("To", addressList(message.to)))
        if !message.cc.isEmpty { headers.append(("Cc", addressList(message.cc))) }
        if let replyTo = message.replyTo { headers.append(("Reply-To", replyTo.headerValue)) }
        headers.append(("Subject", value(name: "Subject", HeaderEncoding.encodeUnstructured(message.subject))))
        headers.append(("Date", RFC5322Date.format(message.date)))
        headers.append(("Message-ID", "<" + message.messageID + ">"))
        if let inReplyTo = message.inReplyTo {
            headers.append(("In-Reply-To", "<" + inReplyTo + ">"))
            headers.append(("References", "<" + inReplyTo + ">"))
        }
        if let unsubscribe = message.unsubscribe {
            var targets: [String] = []
            if let url = unsubscribe.url { targets.append("<" + url + ">") }
            if let mailto = unsubscribe.mailto { targets.append("<mailto:" + mailto + ">") }
            if !targets.isEmpty {
                headers.append(("List-Unsubscribe", targets.joined(separator: ",\r\n ")))
                if unsubscribe.oneClick, unsubscribe.url != nil {
                    headers.append(("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"))
                }
            }
        }
        headers.append(("MIME-Version", "1.0"))
        for extra in message.extraHeaders {
            headers.append((extra.name, value(name: extra.name, HeaderEncoding.encodeUnstructured(extra.value))))
        }

        var body: [UInt8] = []
        body.reserveCapacity(message.text.utf8.count + (message.html?.utf8.count ?? 0) + 1024)
        guard let html = message.html else {
            headers.append(("Content-Type", "text/plain; charset=utf-8"))
            headers.append(("Content-Transfer-Encoding", "quoted-printable"))
            body = QuotedPrintable.encode(message.text)
            body.append(contentsOf: [13, 10])
            return RenderedEmail(headers: headers, body: body)
        }
        let alternative = "=_alt_" + seed
        headers.append(("Content-Type", "multipart/alternative;\r\n boundary=\"\(alternative)\""))
        append("This is a multi-part message in MIME format.\r\n", to: &body)
        openPart(alternative, to: &body)
        appendTextPart(subtype: "plain", message.text, to: &body)
        openPart(alternative, to: &body)
        if message.inlineImages.isEmpty {
            appendTextPart(subtype: "html", html, to: &body)
        } else {
            let related = "=_rel_" + seed
            append("Content-Type: multipart/related;\r\n boundary=\"\(related)\"; type=\"text/html\"\r\n\r\n", to: &body)
            openPart(related, to: &body)
            appendTextPart(subtype: "html", html, to: &body)
            for image in message.inlineImages {
                openPart(related, to: &body)
                append("Content-Type: \(image.contentType); name=\"\(image.filename)\"\r\n", to: &body)
                append("Content-Transfer-Encoding: base64\r\n", to: &body)
                append("Content-ID: <\(image.contentID)>\r\n", to: &body)
                append("Content-Disposition: inline; filename=\"\(image.filename)\"\r\n\r\n", to: &body)
                body.append(contentsOf: Base64.encodeWrapped(image.data))
            }
            append("--\(related)--\r\n", to: &body)
        }
        append("--\(alternative)--\r\n", to: &body)
        return RenderedEmail(headers: headers, body: body)
    }

    static func addressList(_ addresses: [EmailAddress]) -> String {
        addresses.map(\.headerValue).joined(separator: ",\r\n ")
    }

    static func value(name: String, _ encoded: String) -> String {
        // Encoded words are already split; fold plain values that are too long.
        if encoded.contains("\r\n") { return encoded }
        let folded = HeaderEncoding.fold(name + ": " + encoded)
        return String(folded.dropFirst(name.count + 2))
    }

    static func openPart(_ boundary: String, to body: inout [UInt8]) {
        append("\r\n--\(boundary)\r\n", to: &body)
    }

    static func appendTextPart(subtype: String, _ text: String, to body: inout [UInt8]) {
        append("Content-Type: text/\(subtype); charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n", to: &body)
        body.append(contentsOf: QuotedPrintable.encode(text))
        body.append(contentsOf: [13, 10])
    }

    @inline(__always)
    static func append(_ s: String, to body: inout [UInt8]) {
        body.append(contentsOf: s.utf8)
    }
}
