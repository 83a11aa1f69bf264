import Foundation

/// A past support message with what really happened: its intent and/or how it was resolved.
public struct PastTicket: Sendable, Hashable, Codable {
    public var message: String
    /// The intent a human assigned, if known.
    public var intent: IntentExample.Label?
    /// How it was resolved, if known (`bot`, `self_service`, `faq` = no human needed; `agent`, `human`, `escalated` = a human).
    public var resolution: String?
    public var locale: String

    public init(message: String, intent: IntentExample.Label? = nil, resolution: String? = nil, locale: String = "en") {
        self.message = message
        self.intent = intent
        self.resolution = resolution
        self.locale = locale
    }

    /// Whether the resolution says a human was needed; nil when unknown.
    public var neededHuman: Bool? {
        guard let resolution else { return nil }
        let r = TextFolding.fold(resolution).trimmingWhitespaceAndNewlines()
        if ["agent", "human", "escalated", "handoff", "handover", "ticket", "manual"].contains(r) { return true }
        if ["bot", "self_service", "self-service", "selfservice", "faq", "automated", "deflected", "answered"].contains(r) { return false }
        return nil
    }

    /// Which fields hold the message, intent, resolution and locale.
    public struct Columns: Sendable, Hashable {
        public var message: String
        public var intent: String
        public var resolution: String
        public var locale: String

        public init(message: String = "message", intent: String = "intent", resolution: String = "resolution", locale: String = "locale") {
            self.message = message
            self.intent = intent
            self.resolution = resolution
            self.locale = locale
        }
    }

    /// Tickets from CSV (header row) or JSON lines (`.jsonl`, `.ndjson`, `.json`: one object per line).
    ///
    /// The message field is required; intent, resolution and locale are optional per row.
    /// - Throws: ``AnswersError`` with the line of a malformed row.
    public static func load(path: String, columns: Columns = .init(), defaultLocale: String = "en") throws -> [PastTicket] {
        guard let data = FileManager.default.contents(atPath: path) else { throw AnswersError(.unreadableFile, "cannot read \(path)") }
        let bytes = [UInt8](data)
        let lower = path.lowercased()
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") || lower.hasSuffix(".json") {
            return try parseJSONLines(bytes, columns: columns, defaultLocale: defaultLocale)
        }
        var body = bytes
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
        return try parseCSV(CSVReader.parse(bytes: body), columns: columns, defaultLocale: defaultLocale)
    }

    /// Tickets from a parsed CSV table.
    public static func parseCSV(_ table: CSVReader.Table, columns: Columns, defaultLocale: String = "en") throws -> [PastTicket] {
        let m = try table.column(columns.message)
        let i = table.header.firstIndex(of: columns.intent)
        let r = table.header.firstIndex(of: columns.resolution)
        let l = table.header.firstIndex(of: columns.locale)
        guard i != nil || r != nil else {
            throw AnswersError(.missingColumn, "need a \"\(columns.intent)\" or \"\(columns.resolution)\" column in header \(table.header)", line: 1)
        }
        return table.rows.map { row in
            PastTicket(
                message: row[m],
                intent: i.flatMap { row[$0].isEmpty ? nil : IntentExample.Label(row[$0]) },
                resolution: r.flatMap { row[$0].isEmpty ? nil : row[$0] },
                locale: l.flatMap { row[$0].isEmpty ? nil : row[$0] } ?? defaultLocale
            )
        }
    }

    /// Tickets from JSON lines; blank lines are skipped.
    public static func parseJSONLines(_ bytes: [UInt8], columns: Columns, defaultLocale: String = "en") throws -> [PastTicket] {
        var out: [PastTicket] = []
        for (index, line) in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            var slice = line
            if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
            if slice.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            guard let object = try? JSONSerialization.jsonObject(with: Data(slice)) as? [String: Any] else {
                throw AnswersError(.invalidJSON, "not a JSON object", line: index + 1)
            }
            guard let message = object[columns.message] as? String else {
                throw AnswersError(.missingColumn, "no string \"\(columns.message)\"", line: index + 1, jsonPath: "$.\(columns.message)")
            }
            out.append(
                PastTicket(
                    message: message,
                    intent: (object[columns.intent] as? String).map { IntentExample.Label($0) },
                    resolution: object[columns.resolution] as? String,
                    locale: object[columns.locale] as? String ?? defaultLocale
                )
            )
        }
        return out
    }
}
