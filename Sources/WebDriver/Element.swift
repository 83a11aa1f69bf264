/// A reference to an element in the page of a `WebDriverSession`.
public struct Element: Sendable, Hashable {
    /// The W3C web element identifier key.
    static let identifierKey = "element-6066-11e4-a52e-4f735466cecf"

    public let id: String
    let session: WebDriverSession

    public static func == (lhs: Element, rhs: Element) -> Bool { lhs.id == rhs.id && lhs.session.id == rhs.session.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// This element as a script argument.
    public var reference: WireValue { [Self.identifierKey: .string(id)] }

    var path: String { session.path + "/element/\(id)" }

    public func click() async throws {
        _ = try await session.transport.post(path + "/click")
    }

    /// Types `text` into the element; `Key` has the special keys (`Key.enter`, `Key.escape`, …).
    public func sendKeys(_ text: String) async throws {
        _ = try await session.transport.post(path + "/value", ["text": .string(text)])
    }

    public func clear() async throws {
        _ = try await session.transport.post(path + "/clear")
    }

    /// The rendered text, as a user would see it.
    public func text() async throws -> String {
        try await session.transport.get(path + "/text").stringValue ?? ""
    }

    public func isDisplayed() async throws -> Bool {
        try await session.transport.get(path + "/displayed").boolValue ?? false
    }

    public func isEnabled() async throws -> Bool {
        try await session.transport.get(path + "/enabled").boolValue ?? false
    }

    /// The attribute from the markup, or `nil` when the element has none.
    public func attribute(_ name: String) async throws -> String? {
        try await session.transport.get(path + "/attribute/\(name)").stringValue
    }

    /// The DOM property (`value`, `checked`, …).
    public func property(_ name: String) async throws -> WireValue {
        try await session.transport.get(path + "/property/\(name)")
    }

    /// The first descendant matching `css`.
    public func findElement(css: String) async throws -> Element {
        let value = try await session.transport.post(path + "/element", ["using": "css selector", "value": .string(css)])
        return try session.element(from: value)
    }
}

/// Special keys for `Element.sendKeys` (W3C "normalised key values").
public enum Key {
    public static let tab = "\u{E004}"
    public static let enter = "\u{E007}"
    public static let escape = "\u{E00C}"
    public static let backspace = "\u{E003}"
}

extension WebDriverSession {
    /// The first element matching `css`; throws `no such element` when there is none.
    public func findElement(css: String) async throws -> Element {
        let value = try await transport.post(path + "/element", ["using": "css selector", "value": .string(css)])
        return try element(from: value)
    }

    /// All elements matching `css`, possibly none.
    public func findElements(css: String) async throws -> [Element] {
        let value = try await transport.post(path + "/elements", ["using": "css selector", "value": .string(css)])
        return try (value.arrayValue ?? []).map(element(from:))
    }

    /// The element that has the focus.
    public func activeElement() async throws -> Element {
        try element(from: try await transport.get(path + "/element/active"))
    }

    func element(from value: WireValue) throws -> Element {
        guard let id = value[Element.identifierKey]?.stringValue else {
            throw WebDriverError(code: WebDriverError.invalidResponse, message: "not an element reference: \(value)")
        }
        return Element(id: id, session: self)
    }
}
