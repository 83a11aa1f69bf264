import Foundation

/// An order number and email the shopper wrote in a message, to be checked with ``OrderVerifier``.
public struct OrderClaim: Sendable, Hashable, Codable {
    public var orderNumber: String?
    public var email: String?

    public init(orderNumber: String? = nil, email: String? = nil) {
        self.orderNumber = orderNumber
        self.email = email
    }

    /// Both parts present.
    public var isComplete: Bool { orderNumber != nil && email != nil }

    /// Finds an email address and an order number in `text`.
    ///
    /// The number is a token after `#`, "order", "Bestellung", "Nr." or "No.", or else the first
    /// standalone token of four or more digits (optionally with a letter prefix like `DE-10023`).
    public static func extract(from text: String) -> OrderClaim {
        let tokens = text.split(whereSeparator: { $0.isWhitespace || $0 == "," || $0 == ";" || $0 == "(" || $0 == ")" })
            .map { String($0).trimmingCharacters(in: ".:!?") }
        var claim = OrderClaim()
        for token in tokens where claim.email == nil && isEmail(token) { claim.email = token }
        let markers: Set<String> = [
            "order", "bestellung", "bestellnummer", "auftrag", "auftragsnummer", "nr", "no", "number", "nummer", "ordernumber",
        ]
        for (i, token) in tokens.enumerated() where claim.orderNumber == nil {
            if token.hasPrefix("#"), isOrderNumber(String(token.dropFirst())) {
                claim.orderNumber = String(token.dropFirst())
            } else if i > 0, markers.contains(TextFolding.fold(tokens[i - 1]).trimmingCharacters(in: ".:#")), isOrderNumber(token) {
                claim.orderNumber = token
            }
        }
        if claim.orderNumber == nil {
            claim.orderNumber = tokens.first { !isEmail($0) && isOrderNumber($0) && $0.filter(\.isNumber).count >= 4 }
        }
        return claim
    }

    static func isEmail(_ token: String) -> Bool {
        let parts = token.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."), !parts[1].hasSuffix(".") else { return false }
        return !token.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }

    /// Digits, optionally after letters and a dash: `9999`, `1001`, `DE-10023`.
    static func isOrderNumber(_ token: String) -> Bool {
        guard (3...20).contains(token.count), token.contains(where: \.isNumber) else { return false }
        return token.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "-" } && token.last!.isNumber
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}
