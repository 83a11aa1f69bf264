import Foundation

extension TrackingLinks {
    /// Replaces every `href="http…"` in the HTML with a signed click-tracking link, except links that already
    /// point at Rebound (restore, unsubscribe) and `mailto:` links.
    public func rewritingLinks(in html: String) -> String {
        var out = ""
        out.reserveCapacity(html.utf8.count + 256)
        var rest = Substring(html)
        while let start = rest.range(of: "href=\"") {
            out += rest[..<start.upperBound]
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            let raw = String(rest[..<end])
            // Mustache escaped the URL for HTML; undo that before signing, and escape the new link again.
            let url = raw.replacingOccurrences(of: "&amp;", with: "&")
            if (url.hasPrefix("https://") || url.hasPrefix("http://")) && !url.hasPrefix(baseURL + "/") {
                out += click(url).replacingOccurrences(of: "&", with: "&amp;")
            } else {
                out += raw
            }
            rest = rest[end...]
        }
        return out + rest
    }
}
