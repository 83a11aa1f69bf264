/// The JSON API endpoint a section's figures come from; its CSV is the same URL with `format=csv`.
public struct DataSource: Sendable, Hashable {
    /// The API path, with the period's query if any: `/v1/metrics/funnel?from=2025-11-01&to=2025-11-30`.
    public var apiPath: String
    /// Where the CSV comes from, when not the API path itself (e.g. an admin route).
    public var csvURL: String?

    /// Creates a source.
    public init(apiPath: String, csvURL: String? = nil) {
        self.apiPath = apiPath
        self.csvURL = csvURL
    }

    /// The CSV link; `table` picks one table when a section shows several.
    public func csvLink(table: String? = nil) -> String {
        let base = DataTable.csvLink(csvURL ?? apiPath)
        return table.map { base + "&table=" + $0 } ?? base
    }

    /// The path without its query, for display.
    var displayPath: String { String(apiPath.split(separator: "?", maxSplits: 1).first ?? "") }
}
