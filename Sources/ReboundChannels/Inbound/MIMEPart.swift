import Foundation

/// A parsed MIME entity: unfolded headers and either a body or child parts. Lenient, for reading inbound mail.
public struct MIMEPart: Sendable {
    public var headers: [(name: String, value: String)]
    /// The raw (still transfer-encoded) body of a leaf part.
    public var body: String
    public var parts: [MIMEPart]

    /// Parses a whole message or part; lines may end in CRLF or LF.
    public init(parsing text: String) {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        let (headers, body) = Self.splitHeaders(normalized)
        self.headers = headers
        self.body = body
        self.parts = []
        let type = contentType
        if type.value.hasPrefix("multipart/"), let boundary = type.parameters["boundary"] {
            self.parts = Self.splitParts(body, boundary: boundary).map(MIMEPart.init(parsing:))
        } else if type.value == "message/rfc822" || type.value == "message/global" {
            self.parts = [MIMEPart(parsing: body)]
        }
    }

    /// The first header with this name, case-insensitive, RFC 2047 words left as they are.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.name.lowercased() == lower }?.value
    }

    /// `Content-Type` as a lower-cased type and its parameters (`text/plain` when absent).
    public var contentType: (value: String, parameters: [String: String]) {
        Self.parseParameterized(header("Content-Type") ?? "text/plain")
    }

    /// The body with its transfer encoding undone, as text (UTF-8, or Latin-1 when it says so).
    public var decodedText: String {
        let encoding = header("Content-Transfer-Encoding")?.lowercased().trimmingSpaces ?? ""
        let bytes: [UInt8]
        switch encoding {
        case "quoted-printable": bytes = QuotedPrintable.decode(body)
        case "base64": bytes = Base64.decode(body) ?? Array(body.utf8)
        default: return body
        }
        let charset = contentType.parameters["charset"]?.lowercased() ?? "utf-8"
        if charset == "iso-8859-1" || charset == "latin1" || charset == "windows-1252" {
            var text = ""
            text.unicodeScalars.append(contentsOf: bytes.map { Unicode.Scalar($0) })
            return text
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// This part and all below it, depth first.
    public var allParts: [MIMEPart] { [self] + parts.flatMap(\.allParts) }

    static func splitHeaders(_ text: String) -> ([(name: String, value: String)], String) {
        var headers: [(name: String, value: String)] = []
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
        while let line = lines.first {
            lines = lines.dropFirst()
            if line.isEmpty { break }
            if line.first == " " || line.first == "\t", !headers.isEmpty {
                headers[headers.count - 1].value += " " + line.trimmingSpaces
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon].trimmingSpaces), String(line[line.index(after: colon)...].trimmingSpaces)))
            } else {
                // Not a header: there was no header block at all.
                return ([], text)
            }
        }
        return (headers, lines.joined(separator: "\n"))
    }

    static func splitParts(_ body: String, boundary: String) -> [String] {
        var parts: [String] = []
        var current: [Substring]?
        for line in body.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingSpaces
            if trimmed == "--" + boundary + "--" {
                if let current { parts.append(current.joined(separator: "\n")) }
                return parts
            }
            if trimmed == "--" + boundary {
                if let current { parts.append(current.joined(separator: "\n")) }
                current = []
                continue
            }
            current?.append(line)
        }
        if let current { parts.append(current.joined(separator: "\n")) }
        return parts
    }

    /// `type/subtype; a=b; c="d"` into the lower-cased value and parameters with lower-cased names.
    static func parseParameterized(_ header: String) -> (value: String, parameters: [String: String]) {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for ch in header {
            if ch == "\"" { quoted.toggle() }
            if ch == ";", !quoted {
                pieces.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        pieces.append(current)
        var parameters: [String: String] = [:]
        for piece in pieces.dropFirst() {
            guard let eq = piece.firstIndex(of: "=") else { continue }
            var value = String(piece[piece.index(after: eq)...].trimmingSpaces)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            parameters[piece[..<eq].trimmingSpaces.lowercased()] = value
        }
        return (String(pieces[0].trimmingSpaces).lowercased(), parameters)
    }

    /// Message ids in a header such as `References: <a@x> <b@y>`, without angle brackets.
    static func messageIDs(_ value: String?) -> [String] {
        guard let value else { return [] }
        var ids: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "<"), let close = rest[open...].firstIndex(of: ">") {
            ids.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        if ids.isEmpty, !value.trimmingSpaces.isEmpty { ids = value.split(separator: " ").map(String.init) }
        return ids
    }
}
