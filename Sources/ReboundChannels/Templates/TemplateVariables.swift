import Foundation

/// Finds the variables a Mustache template prints that the render data does not have.
///
/// Static, so that rendering stays the library's job: the tags are read once when the template is compiled, and
/// each render walks them with the same scoping rules (sections push their value, dotted names descend).
struct TemplateVariables: Sendable {
    enum Tag: Sendable {
        case variable(String)
        case section(String, inverted: Bool)
        case close
    }

    let tags: [Tag]

    /// Reads the tags; a template with custom delimiters (`{{=<% %>=}}`) is not checked.
    init(template: String) {
        var tags: [Tag] = []
        var rest = Substring(template)
        scan: while let open = rest.range(of: "{{") {
            var tagStart = open.upperBound
            var closer = "}}"
            if rest[tagStart...].hasPrefix("{") {
                tagStart = rest.index(after: tagStart)
                closer = "}}}"
            }
            guard let close = rest[tagStart...].range(of: closer) else { break }
            let tag = rest[tagStart..<close.lowerBound].trimmingSpaces
            rest = rest[close.upperBound...]
            guard let sigil = tag.first else { continue }
            switch sigil {
            case "!", ">", "<", "$", "%": continue
            case "=":
                tags = []
                break scan
            case "#", "^": tags.append(.section(String(tag.dropFirst().trimmingSpaces), inverted: sigil == "^"))
            case "/": tags.append(.close)
            default:
                let name = String((sigil == "&" ? tag.dropFirst() : tag).trimmingSpaces)
                if name != "." { tags.append(.variable(name)) }
            }
        }
        self.tags = tags
    }

    func missing(in data: [String: Any]) -> [String] {
        var missing: [String] = []
        var scopes: [Any] = [data]
        // Each open section remembers whether it pushed a scope and whether its body is checked
        // (it is not when the body will not render).
        var sections: [(pushed: Bool, checking: Bool)] = []
        for tag in tags {
            let checking = sections.last?.checking ?? true
            switch tag {
            case .section(let name, let inverted):
                guard checking else {
                    sections.append((false, false))
                    continue
                }
                // A section on a missing value is a conditional, not an error; its body just does not render.
                let value = Self.resolve(name, scopes: scopes)
                if inverted {
                    sections.append((false, true))
                } else if let list = value as? [Any] {
                    if let first = list.first {
                        scopes.append(first)
                        sections.append((true, true))
                    } else {
                        sections.append((false, false))
                    }
                } else if let dictionary = value as? [String: Any] {
                    scopes.append(dictionary)
                    sections.append((true, true))
                } else if let flag = value as? Bool {
                    sections.append((false, flag))
                } else {
                    sections.append((false, value != nil))
                }
            case .close:
                if let section = sections.popLast(), section.pushed { scopes.removeLast() }
            case .variable(let name):
                if checking, Self.resolve(name, scopes: scopes) == nil { missing.append(name) }
            }
        }
        return missing
    }

    static func resolve(_ name: String, scopes: [Any]) -> Any? {
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return scopes.last }
        for scope in scopes.reversed() {
            guard let dictionary = scope as? [String: Any], var value = dictionary[first] else { continue }
            for part in parts.dropFirst() {
                guard let next = (value as? [String: Any])?[part] else { return nil }
                value = next
            }
            return value
        }
        return nil
    }
}
