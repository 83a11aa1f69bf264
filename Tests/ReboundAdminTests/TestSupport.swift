import Foundation
import ReboundAdmin

/// Small readers for rendered markup, so tests can check geometry and structure without an HTML parser.
enum Markup {
    /// Every match of `pattern`'s first capture group.
    static func captures(_ pattern: String, in text: String) -> [String] {
        guard let regex = try? Regex(pattern) else { return [] }
        return text.matches(of: regex).compactMap { match in
            match.output.count > 1 ? match.output[1].substring.map(String.init) : nil
        }
    }

    /// Opening tags of elements with `class` starting with `className` (e.g. `<rect class="bar" …>`).
    static func tags(_ element: String, classPrefix className: String, in text: String) -> [String] {
        captures("(<\(element) class=\"\(className)[^\"]*\"[^>]*>)", in: text)
    }

    /// A numeric attribute of a tag.
    static func number(_ attribute: String, of tag: String) -> Double? {
        captures(" \(attribute)=\"(-?[0-9.]+)\"", in: tag).first.flatMap(Double.init)
    }

    /// The `viewBox` width and height of the first `<svg>`.
    static func viewBox(_ text: String) -> (width: Double, height: Double)? {
        guard let box = captures("viewBox=\"0 0 ([0-9.]+ [0-9.]+)\"", in: text).first else { return nil }
        let parts = box.split(separator: " ").compactMap { Double($0) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    /// The contents of every `<form method="post" …>…</form>`.
    static func postForms(_ text: String) -> [String] {
        captures("(<form[^>]*method=\"post\"[^>]*>(?:(?!</form>).)*</form>)", in: text)
    }
}
