import ArgumentParser
import Foundation
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import orders, customers or products from CSV or JSON lines.",
        discussion: """
            Columns are matched by Rebound's field names (order_id, product_id, quantity, price, placed_at, customer_id, email, …)
            unless mapped with --column field=Header, --mapping FILE, or a preset:
              rebound import orders online_retail.csv.gz --shop SHOP --preset online-retail
            Gzipped files (.gz) are read directly. Refused rows are listed with their line numbers and reasons.
            """
    )

    @OptionGroup var db: DatabaseOptions
    @Argument(help: "What the file holds: orders, customers or products.") var kind: String
    @Argument(help: "The file (CSV with a header, or JSON lines; .gz allowed).") var file: String
    @Option(help: "The shop's id.") var shop: String
    @Option(help: "csv or jsonl (default: from the file name).") var format: String?
    @Option(help: "A mapping preset: online-retail.") var preset: String?
    @Option(help: "A JSON mapping file: {\"columns\": {\"order_id\": \"InvoiceNo\", …}, \"date_format\": …}.") var mapping: String?
    @Option(name: .customLong("column"), help: "Map one field: field=Header (repeatable).") var columns: [String] = []
    @Flag(help: "Print the summary as JSON.") var json = false

    func validate() throws {
        guard ImportMapping.Kind(rawValue: kind) != nil else {
            throw ValidationError("what to import must be orders, customers or products, not '\(kind)'")
        }
        if let preset, ImportMapping.presets[preset] == nil {
            throw ValidationError("unknown --preset '\(preset)'; known: \(ImportMapping.presets.keys.sorted().joined(separator: ", "))")
        }
        if let format, Importer.Format(rawValue: format) == nil { throw ValidationError("--format must be csv or jsonl") }
        for column in columns where !column.contains("=") { throw ValidationError("--column takes field=Header, not '\(column)'") }
        guard FileManager.default.isReadableFile(atPath: file) else { throw ValidationError("cannot read \(file)") }
    }

    func run() async throws {
        let kind = ImportMapping.Kind(rawValue: kind)!
        var columnMapping = preset.flatMap { ImportMapping.presets[$0] } ?? ImportMapping()
        do {
            if let path = self.mapping { columnMapping = try ImportMapping.load(URL(fileURLWithPath: path)) }
        } catch {
            throw fail("mapping file: \(error)")
        }
        for column in columns {
            let parts = column.split(separator: "=", maxSplits: 1).map(String.init)
            columnMapping.columns[parts[0]] = parts[1]
        }
        let mapping = columnMapping
        let name = file.hasSuffix(".gz") ? String(file.dropLast(3)) : file
        let format = self.format.flatMap(Importer.Format.init(rawValue:)) ?? (name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") ? .jsonl : .csv)
        let text: String
        do {
            text = try readText(file)
        } catch {
            throw fail("cannot read \(file): \(error)")
        }
        let progress = ProgressBar(label: "importing \(kind.rawValue)")
        let summary: Importer.Summary
        do {
            let parsed = try Importer.rows(text: text, format: format)
            summary = try await Database.withStore(db.location, logger: db.logger()) { store in
                guard let shop = try await store.shop(id: Shop.ID(shop)) else { throw ImportError("no shop '\(self.shop)'") }
                let importer = Importer(store: store, shop: shop, kind: kind, mapping: mapping, now: Date())
                try importer.checkHeader(parsed.header)
                return try await importer.run(rows: parsed.rows) { progress.update($0) }
            }
            progress.finish()
        } catch {
            progress.finish()
            throw fail("\(error)")
        }
        if json {
            printJSON([
                "rows_read": summary.rowsRead, "rows_taken": summary.rowsTaken, "created": summary.created,
                "rows_refused": summary.refused.count,
                "refused": summary.refused.prefix(1000).map { ["line": $0.line, "reason": $0.reason] as [String: Any] },
            ])
        } else {
            print(
                "read \(summary.rowsRead) rows: \(summary.rowsTaken) taken (\(summary.created) new \(kind.rawValue)), \(summary.refused.count) refused"
            )
            let reasons = Dictionary(grouping: summary.refused, by: { $0.reason.components(separatedBy: ": ").first ?? $0.reason })
            for (reason, rows) in reasons.sorted(by: { $0.value.count > $1.value.count }).prefix(10) {
                let lines = rows.prefix(5).map { String($0.line) }.joined(separator: ", ")
                print("  \(rows.count) × \(reason) (lines \(lines)\(rows.count > 5 ? ", …" : ""))")
            }
        }
    }

    func readText(_ path: String) throws -> String {
        if path.hasSuffix(".gz") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-dc", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else { throw ImportError("gzip could not read \(path)") }
            return String(decoding: data, as: UTF8.self)
        }
        return try String(contentsOfFile: path, encoding: .utf8)
    }
}

/// A progress bar on stderr; silent when stderr is not a terminal, except for the final line.
final class ProgressBar: @unchecked Sendable {
    // Guarded by `lock`: updated from the import task, read when finishing.
    private let lock = NSLock()
    private var last = -1
    private let label: String
    private let interactive = isatty(2) != 0

    init(label: String) {
        self.label = label
    }

    func update(_ fraction: Double) {
        lock.lock()
        defer { lock.unlock() }
        let percent = Int((min(max(fraction, 0), 1) * 100).rounded(.down))
        guard percent != last else { return }
        last = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
        if interactive {
            FileHandle.standardError.write(Data("\r\(label) \(bar) \(percent)%".utf8))
        } else if percent % 25 == 0 {
            FileHandle.standardError.write(Data("\(label): \(percent)%\n".utf8))
        }
    }

    func finish() {
        if interactive { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
