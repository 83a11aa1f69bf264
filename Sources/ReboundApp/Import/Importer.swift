public import Foundation
public import ReboundCore
public import ReboundStore

/// `rebound import`: CSV or JSON lines into orders, customers or products, with every refused row named.
public struct Importer: Sendable {
    public struct Refusal: Sendable, Hashable {
        public var line: Int
        public var reason: String
    }

    public struct Summary: Sendable {
        public var rowsRead = 0
        public var rowsTaken = 0
        public var created = 0
        public var refused: [Refusal] = []
    }

    public enum Format: String, Sendable, CaseIterable {
        case csv, jsonl
    }

    let store: Store
    let shop: Shop
    let kind: ImportMapping.Kind
    let mapping: ImportMapping
    let now: Date
    let dateParser: DateParser?

    public init(store: Store, shop: Shop, kind: ImportMapping.Kind, mapping: ImportMapping, now: Date) {
        self.store = store
        self.shop = shop
        self.kind = kind
        self.mapping = mapping
        self.now = now
        self.dateParser = mapping.dateFormat.map { DateParser(format: $0, timeZone: mapping.timeZone) }
    }

    /// Rows as field → text, with their line numbers. CSV columns are matched through the mapping, or by field name.
    public static func rows(text: String, format: Format) throws -> (header: [String], rows: [(line: Int, values: [String: String])]) {
        switch format {
        case .csv:
            var reader = CSVReader(text)
            guard let header = reader.next()?.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) else { throw ImportError("the file is empty") }
            var rows: [(Int, [String: String])] = []
            while let record = reader.next() {
                if record.fields.count == 1 && record.fields[0].isEmpty { continue }
                var values: [String: String] = [:]
                for (index, name) in header.enumerated() where index < record.fields.count { values[name] = record.fields[index] }
                if record.fields.count != header.count { values["\u{0}columns"] = "\(record.fields.count)" }
                rows.append((record.line, values))
            }
            return (header, rows)
        case .jsonl:
            var rows: [(Int, [String: String])] = []
            var header = Set<String>()
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                if trimmed.isEmpty { continue }
                guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(trimmed.utf8)), let object = value.objectValue else {
                    rows.append((index + 1, ["\u{0}invalid": "not a JSON object"]))
                    continue
                }
                var values: [String: String] = [:]
                for (key, field) in object {
                    header.insert(key)
                    if let text = field.stringValue {
                        values[key] = text
                    } else if let bool = field.boolValue {
                        values[key] = bool ? "true" : "false"
                    }
                }
                rows.append((index + 1, values))
            }
            return (header.sorted(), rows)
        }
    }

    /// Checks that each required field has a column.
    public func checkHeader(_ header: [String]) throws {
        let (required, _) = ImportMapping.fields(for: kind)
        let missing = required.filter { !header.contains(column(for: $0)) }
        if !missing.isEmpty {
            throw ImportError(
                "missing column(s) for \(missing.joined(separator: ", ")); the file has \(header.joined(separator: ", ")). Map them with --column field=Header or --mapping FILE"
            )
        }
    }

    func column(for field: String) -> String { mapping.columns[field] ?? field }

    func value(_ row: [String: String], _ field: String) -> String? {
        guard let text = row[column(for: field)]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

    var currency: Currency { mapping.currency.flatMap(Currency.init(rawValue:)) ?? shop.currency }

    func price(_ text: String) -> Int64? {
        mapping.priceUnit == "minor" ? Int64(text) : Money.minorUnits(fromDecimal: text, digits: currency.minorUnitDigits)
    }

    func date(_ text: String) -> Date? {
        if let date = RFC3339.parse(text) { return date }
        return dateParser?.date(from: text)
    }

    /// Imports the rows; `progress` is called with the share done (0…1).
    public func run(rows: [(line: Int, values: [String: String])], progress: @Sendable (Double) -> Void) async throws -> Summary {
        var summary = Summary()
        summary.rowsRead = rows.count
        switch kind {
        case .orders: try await importOrders(rows, into: &summary, progress: progress)
        case .customers: try await importCustomers(rows, into: &summary, progress: progress)
        case .products: try await importProducts(rows, into: &summary, progress: progress)
        }
        return summary
    }

    func structural(_ row: [String: String]) -> String? {
        if let reason = row["\u{0}invalid"] { return reason }
        if let count = row["\u{0}columns"] { return "has \(count) columns, unlike the header" }
        return nil
    }
}

/// One `DateFormatter` for a whole import (building one per row costs more than the row).
final class DateParser: @unchecked Sendable {
    // DateFormatter is not Sendable; every use goes through `lock`.
    private let formatter: DateFormatter
    private let lock = NSLock()

    init(format: String, timeZone: String) {
        formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: timeZone) ?? TimeZone(identifier: "UTC")
        formatter.dateFormat = format
    }

    func date(from text: String) -> Date? {
        lock.lock()
        defer { lock.unlock() }
        return formatter.date(from: text)
    }
}
