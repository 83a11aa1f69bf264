import Foundation

/// What an inbound DSN (RFC 3464) or ARF complaint (RFC 5965) means for the list.
public struct BounceReport: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// A permanent failure (`Action: failed`, `Status: 5.x.x`): suppress the address.
        case hardBounce
        /// A temporary failure or delay: keep the address, maybe retry.
        case softBounce
        /// A spam complaint: suppress the address.
        case complaint
    }

    public struct Recipient: Hashable, Sendable {
        public var address: String
        public var action: String
        public var status: String
        public var diagnostic: String?
    }

    public var kind: Kind
    public var recipients: [Recipient]
    /// The Message-ID of the message that bounced, when the report includes its headers.
    public var originalMessageID: String?
    /// Addresses to add to the suppression list.
    public var suppress: [String]
}

/// Reads bounce and complaint reports.
public enum BounceParser {
    /// `nil` when the message is not a delivery-status or feedback report.
    public static func parse(_ raw: String) -> BounceReport? {
        let message = MIMEPart(parsing: raw)
        let all = message.allParts
        let original = all.first { ["message/rfc822", "text/rfc822-headers", "message/rfc822-headers"].contains($0.contentType.value) }
        let originalHeaders = original.map { part in
            part.parts.first ?? MIMEPart(parsing: part.body)
        }
        let originalID = MIMEPart.messageIDs(originalHeaders?.header("Message-ID")).first

        if let feedback = all.first(where: { $0.contentType.value == "message/feedback-report" }) {
            let fields = fieldBlocks(feedback.decodedText).flatMap { $0 }
            var addresses = fields.filter { $0.name == "original-rcpt-to" }.map { stripType($0.value) }
            if addresses.isEmpty, let to = originalHeaders?.header("To") {
                addresses = to.split(separator: ",").map { address(in: String($0)) }
            }
            let type = fields.first { $0.name == "feedback-type" }?.value ?? "abuse"
            return BounceReport(
                kind: .complaint,
                recipients: addresses.map { .init(address: $0, action: "complaint", status: type, diagnostic: nil) },
                originalMessageID: originalID,
                suppress: addresses
            )
        }

        guard
            let status = all.first(where: {
                $0.contentType.value == "message/delivery-status" || $0.contentType.value == "message/global-delivery-status"
            })
        else { return nil }
        var recipients: [BounceReport.Recipient] = []
        // The first block is per-message; the rest are per-recipient.
        for block in fieldBlocks(status.decodedText).dropFirst() {
            func field(_ name: String) -> String? { block.first { $0.name == name }?.value }
            guard let recipient = field("final-recipient") ?? field("original-recipient") else { continue }
            recipients.append(
                .init(
                    address: stripType(recipient),
                    action: (field("action") ?? "").lowercased(),
                    status: field("status") ?? "",
                    diagnostic: field("diagnostic-code")
                )
            )
        }
        let hard = recipients.filter { $0.action == "failed" && $0.status.hasPrefix("5") }
        return BounceReport(
            kind: hard.isEmpty ? .softBounce : .hardBounce,
            recipients: recipients,
            originalMessageID: originalID,
            suppress: hard.map(\.address)
        )
    }

    /// Header-style blocks separated by blank lines, names lower-cased, continuation lines joined.
    static func fieldBlocks(_ text: String) -> [[(name: String, value: String)]] {
        var blocks: [[(name: String, value: String)]] = []
        var current: [(name: String, value: String)] = []
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if line.trimmingSpaces.isEmpty {
                if !current.isEmpty { blocks.append(current) }
                current = []
            } else if line.first == " " || line.first == "\t", !current.isEmpty {
                current[current.count - 1].value += " " + line.trimmingSpaces
            } else if let colon = line.firstIndex(of: ":") {
                current.append((line[..<colon].trimmingSpaces.lowercased(), String(line[line.index(after: colon)...].trimmingSpaces)))
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    /// `rfc822; kim@example.com` → `kim@example.com`, lower-cased.
    static func stripType(_ value: String) -> String {
        let address = value.split(separator: ";", maxSplits: 1).last.map { String($0.trimmingSpaces) } ?? value
        return Self.address(in: address)
    }

    static func address(in value: String) -> String {
        if let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") {
            return value[value.index(after: open)..<close].lowercased()
        }
        return String(value.trimmingSpaces).lowercased()
    }
}
