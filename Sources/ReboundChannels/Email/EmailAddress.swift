/// A mailbox: an address with an optional display name, e.g. `Jürgen Müller <jm@example.de>`.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public var address: String
    public var name: String?

    /// Fails with `invalidAddress` when the address has no `@`, has whitespace or angle brackets, or a CR/LF.
    public init(_ address: String, name: String? = nil) throws(DeliveryError) {
        let trimmed = String(address.trimmingSpaces)
        guard let at = trimmed.lastIndex(of: "@"), at != trimmed.startIndex, trimmed.index(after: at) != trimmed.endIndex,
            !trimmed.utf8.contains(where: { $0 <= 32 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: ",") })
        else { throw DeliveryError(.invalidAddress, "not an email address: \(address)") }
        // Checked on bytes: "\r\n" is one Character in Swift, so a Character comparison would miss it.
        if let name, name.utf8.contains(where: { $0 == 13 || $0 == 10 }) {
            throw DeliveryError(.invalidAddress, "display name contains a line break")
        }
        self.address = trimmed
        self.name = name.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Reads `Name <address>`, `"Name" <address>` or a bare address, as a shop writes its sender.
    public static func parse(_ text: String) throws(DeliveryError) -> EmailAddress {
        let trimmed = String(text.trimmingSpaces)
        guard let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") else { return try EmailAddress(trimmed) }
        let address = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
        var name = String(trimmed[..<open].trimmingSpaces)
        if name.count >= 2, name.hasPrefix("\""), name.hasSuffix("\"") { name = String(name.dropFirst().dropLast()) }
        return try EmailAddress(address, name: name.isEmpty ? nil : name)
    }

    /// The domain part, lower-cased.
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return address[address.index(after: at)...].lowercased()
    }

    /// Header form with the display name RFC 2047-encoded when it is not ASCII.
    public var headerValue: String {
        guard let name else { return address }
        return HeaderEncoding.encodePhrase(name) + " <" + address + ">"
    }

    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}
