import Foundation
import Mustache

/// Compiled templates for a shop: message templates per id and locale, wrapped in the shop layout.
///
/// ```swift
/// let renderer = try TemplateRenderer(templates: DefaultTemplates.all)
/// let content = try renderer.render("cart_recovery.help", locale: "de-DE", context: context)
/// ```
public struct TemplateRenderer: Sendable {
    struct Compiled: Sendable {
        var source: EmailTemplate
        var subject: MustacheTemplate
        var preview: MustacheTemplate
        var html: MustacheTemplate
        var text: MustacheTemplate
        /// The tags of subject, preview, HTML and text, for reporting missing variables.
        var variables: [TemplateVariables]
    }

    let templates: [String: Compiled]
    let layoutHTML: MustacheTemplate
    let layoutText: MustacheTemplate

    /// Compiles every template; the first one that does not parse is refused with its line and column.
    public init(templates: [EmailTemplate], layoutHTML: String = DefaultTemplates.layoutHTML, layoutText: String = DefaultTemplates.layoutText)
        throws(TemplateError)
    {
        var compiled: [String: Compiled] = [:]
        for template in templates {
            compiled[Self.key(template.id, template.locale)] = try Self.compile(template)
        }
        self.templates = compiled
        self.layoutHTML = try Self.compile(layoutHTML, template: "layout", part: "html")
        self.layoutText = try Self.compile(layoutText, template: "layout", part: "text", plainText: true)
    }

    /// Checks one template without keeping it, e.g. when a shop saves an edited template.
    public static func validate(_ template: EmailTemplate) throws(TemplateError) {
        _ = try compile(template)
    }

    static func compile(_ template: EmailTemplate) throws(TemplateError) -> Compiled {
        let name = template.id + "@" + template.locale
        return Compiled(
            source: template,
            subject: try compile(template.subject, template: name, part: "subject", plainText: true),
            preview: try compile(template.preview, template: name, part: "preview", plainText: true),
            html: try compile(template.html, template: name, part: "html"),
            text: try compile(template.text, template: name, part: "text", plainText: true),
            variables: [template.subject, template.preview, template.html, template.text].map(TemplateVariables.init(template:))
        )
    }

    /// Subjects and text bodies are not HTML: they get the `TEXT` content type, so nothing is escaped.
    static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    static func compile(_ text: String, template: String, part: String, plainText: Bool = false) throws(TemplateError) -> MustacheTemplate {
        do {
            return try MustacheTemplate(string: plainText ? textPragma + text : text)
        } catch let error as MustacheTemplate.ParserError {
            let line = error.context.lineNumber
            // Report the column in the author's text, not in the text with the pragma in front.
            let column = plainText && line == 1 ? max(1, error.context.columnNumber - textPragma.count) : error.context.columnNumber
            throw TemplateError(code: .syntax, template: template, part: part, line: line, column: column, reason: "\(error.error)")
        } catch {
            throw TemplateError(code: .syntax, template: template, part: part, reason: "\(error)")
        }
    }

    static func key(_ id: String, _ locale: String) -> String { id + "@" + locale.lowercased().replacingOccurrences(of: "_", with: "-") }

    /// The template for `locale`, falling back from `de-AT` to `de`, then to `en`.
    func lookup(_ id: String, locale: String) -> Compiled? {
        let tag = locale.lowercased().replacingOccurrences(of: "_", with: "-")
        let language = String(tag.prefix { $0 != "-" })
        return templates[Self.key(id, tag)] ?? templates[Self.key(id, language)] ?? templates[Self.key(id, "en")]
    }

    /// Renders subject, preview, HTML (inside the layout) and text (inside the text layout).
    /// Missing variables render empty and are listed in `missingVariables`.
    public func render(_ id: String, locale: String, context: EmailRenderContext) throws(TemplateError) -> RenderedContent {
        guard let template = lookup(id, locale: locale) else {
            throw TemplateError(code: .notFound, template: id, part: "", reason: "no template \(id) for \(locale) or en")
        }
        var data = context.mustacheData(locale: locale)
        let missing = template.variables.flatMap { $0.missing(in: data) }
        let subject = template.subject.render(data)
        let preview = template.preview.render(data)
        data["subject"] = subject
        data["preview"] = preview
        data["content"] = template.html.render(data)
        let html = layoutHTML.render(data)
        data["content"] = template.text.render(data)
        let text = layoutText.render(data)
        var seen = Set<String>()
        return RenderedContent(
            subject: subject.trimmingCharacters(in: .whitespacesAndNewlines),
            preview: preview.trimmingCharacters(in: .whitespacesAndNewlines),
            html: html,
            text: text,
            missingVariables: missing.filter { seen.insert($0).inserted }
        )
    }
}
