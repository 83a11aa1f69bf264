/// A piece of HTML markup that is safe to send to a browser.
///
/// String literals written in this module are trusted markup; every `String` interpolated into them is escaped, so
/// shop data (customer names, message bodies, product titles) can never become markup:
///
/// ```swift
/// let name = "<script>alert(1)</script>"
/// let html: HTML = "<p class=\"who\">\(name)</p>"
/// html.rendered  // <p class="who">&lt;script&gt;alert(1)&lt;/script&gt;</p>
/// ```
///
/// Escaping covers both quote characters, so an interpolation is also safe inside a quoted attribute value.
/// Use `\(url:)` for `href`/`action` values: it additionally refuses `javascript:` and other active schemes.
public struct HTML: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// The markup, ready to write into a response body.
    public private(set) var rendered: String

    /// Markup that shows `text` literally.
    public init(text: String) {
        rendered = HTML.escape(text)
    }

    /// Markup written in code (not built from data).
    public init(stringLiteral value: String) {
        rendered = value
    }

    public init(stringInterpolation: StringInterpolation) {
        rendered = stringInterpolation.output
    }

    private init(trusted: String) {
        rendered = trusted
    }

    /// Markup taken as it is. Only for text this module generated itself (CSS, scripts, SVG path data, fragments it
    /// rendered before), never for shop data.
    public static func trusted(_ markup: String) -> HTML { HTML(trusted: markup) }

    /// No markup.
    public static let empty = HTML(trusted: "")

    public var description: String { rendered }

    /// Whether there is no markup at all.
    public var isEmpty: Bool { rendered.isEmpty }

    /// Appends markup.
    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.rendered + rhs.rendered) }

    /// Appends markup in place.
    public static func += (lhs: inout HTML, rhs: HTML) { lhs.rendered += rhs.rendered }

    /// The rendered bytes, UTF-8.
    public var utf8: String.UTF8View { rendered.utf8 }
}

extension HTML {
    /// Builds markup from literal segments (trusted) and interpolated values (escaped unless they are `HTML`).
    public struct StringInterpolation: StringInterpolationProtocol {
        var output: String

        public init(literalCapacity: Int, interpolationCount: Int) {
            output = ""
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) {
            output += literal
        }

        /// Text, escaped.
        public mutating func appendInterpolation(_ text: String) {
            output += HTML.escape(text)
        }

        /// Text, escaped; nothing for nil.
        public mutating func appendInterpolation(_ text: String?) {
            if let text { output += HTML.escape(text) }
        }

        /// Markup, as it is.
        public mutating func appendInterpolation(_ html: HTML) {
            output += html.rendered
        }

        /// Markup, as it is; nothing for nil.
        public mutating func appendInterpolation(_ html: HTML?) {
            if let html { output += html.rendered }
        }

        /// Several pieces of markup, one after the other.
        public mutating func appendInterpolation(_ parts: [HTML]) {
            for part in parts { output += part.rendered }
        }

        /// A whole number in plain digits (ids, counts in attributes). Use `AdminFormat` for numbers people read.
        public mutating func appendInterpolation(_ value: Int) {
            output += String(value)
        }

        /// A whole number in plain digits.
        public mutating func appendInterpolation(_ value: Int64) {
            output += String(value)
        }

        /// A coordinate or length for SVG: at most two decimals, never `nan`, `inf` or `-0`.
        public mutating func appendInterpolation(svg value: Double) {
            output += SVGNumber.format(value)
        }

        /// A URL for `href`, `action` or `src`: escaped, and replaced by `#` when its scheme could run code.
        public mutating func appendInterpolation(url: String) {
            output += HTML.escape(HTML.safeURL(url))
        }

        /// ` name` when `condition` holds (boolean attributes such as `checked`, `selected`, `disabled`).
        public mutating func appendInterpolation(attribute name: String, if condition: Bool) {
            if condition { output += " " + name }
        }
    }
}
