public import Foundation
import ReboundAdmin
import ReboundCore

extension DashboardReport {
    /// What `rebound report` writes.
    public enum ExportFormat: String, Sendable, CaseIterable {
        case json, csv, html
    }

    /// The report as one document: the API's JSON, every table as CSV (one block per table, each headed by its id),
    /// or the dashboard page as a self-contained HTML file (inline CSS and SVG, no scripts needed).
    public func export(_ format: ExportFormat) -> String {
        let model = model(context: ReportRoutes.apiContext(shop: shop, now: now))
        switch format {
        case .json:
            var bytes: [UInt8] = []
            json(model).write(into: &bytes)
            return String(decoding: bytes, as: UTF8.self) + "\n"
        case .csv:
            return AdminPages.dashboardTables(model).map { "# \($0.id)\r\n" + $0.csv }.joined(separator: "\r\n")
        case .html:
            return AdminPages.dashboard(model).rendered
        }
    }
}
