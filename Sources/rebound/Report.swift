import ArgumentParser
import Foundation
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the dashboard's figures for a period (JSON, CSV or a standalone HTML page).",
        discussion: """
            Days are in the shop's time zone; --to is inclusive. Without dates, the last 30 days.
              rebound report --shop SHOP --from 2026-11-01 --to 2026-11-30 --compare --format html --out november.html
            """
    )
    @OptionGroup var db: DatabaseOptions
    @Option(help: "The shop's id.") var shop: String
    @Option(help: "First day (2026-11-01) or an RFC 3339 time.") var from: String?
    @Option(help: "Last day, inclusive (2026-11-30), or an RFC 3339 time.") var to: String?
    @Option(help: "The last N days up to today instead of --from/--to.") var days: Int?
    @Flag(help: "Compare with the previous period of the same length.") var compare = false
    @Option(help: "json, csv or html.") var format: String = "json"
    @Option(help: "Write to this file instead of standard output.") var out: String?

    func validate() throws {
        guard DashboardReport.ExportFormat(rawValue: format) != nil else { throw ValidationError("--format must be json, csv or html") }
        if days != nil && (from != nil || to != nil) { throw ValidationError("give --days or --from/--to, not both") }
    }

    func run() async throws {
        let progress = FileHandle.standardError
        do {
            let document = try await Database.withStore(db.location, logger: db.logger()) { store in
                guard let found = try await store.shop(id: Shop.ID(shop)) else { throw StoreError.notFound("shop \(shop)") }
                let now = Date()
                let period = try ReportPeriod.parse(
                    from: from,
                    to: to,
                    days: days.map(String.init),
                    compare: compare ? "1" : nil,
                    timeZone: TimeZone(identifier: found.timeZone) ?? TimeZone(identifier: "UTC")!,
                    now: now
                )
                progress.write(Data("reading \(period.days) days of \(found.name)\(compare ? " and the period before" : "")…\n".utf8))
                let report = try await DashboardReport.load(store: store, shop: found, period: period, now: now)
                return report.export(DashboardReport.ExportFormat(rawValue: format)!)
            }
            if let out {
                try document.write(toFile: out, atomically: true, encoding: .utf8)
                progress.write(Data("wrote \(out)\n".utf8))
            } else {
                FileHandle.standardOutput.write(Data(document.utf8))
            }
        } catch let problem as ProblemDetails {
            throw fail(problem.detail ?? problem.title)
        } catch {
            throw fail("\(error)")
        }
    }
}
