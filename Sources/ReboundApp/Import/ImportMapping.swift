public import Foundation
import ReboundCore

/// Which source column feeds which Rebound field, for `rebound import`.
public struct ImportMapping: Sendable, Hashable {
    public enum Kind: String, Sendable, CaseIterable {
        case orders, customers, products
    }

    /// Rebound field → source column.
    public var columns: [String: String]
    /// How dates look when they are not RFC 3339 (e.g. `yyyy-MM-dd HH:mm`), and their zone.
    public var dateFormat: String?
    public var timeZone: String
    /// Prices are decimal text ("2.55") unless set to `minor`.
    public var priceUnit: String
    public var currency: String?

    public init(
        columns: [String: String] = [:],
        dateFormat: String? = nil,
        timeZone: String = "UTC",
        priceUnit: String = "decimal",
        currency: String? = nil
    ) {
        self.columns = columns
        self.dateFormat = dateFormat
        self.timeZone = timeZone
        self.priceUnit = priceUnit
        self.currency = currency
    }

    /// The fields each kind reads, and which are required.
    public static func fields(for kind: Kind) -> (required: [String], optional: [String]) {
        switch kind {
        case .orders:
            (
                ["order_id", "product_id", "quantity", "price"],
                ["title", "placed_at", "customer_id", "email", "phone", "country", "currency", "variant_id"]
            )
        case .customers:
            ([], ["customer_id", "email", "phone", "first_name", "last_name", "country", "locale", "tags", "email_consent", "sms_consent"])
        case .products:
            (["product_id", "title", "price"], ["variant_id", "category", "url", "image_url", "stock", "sku", "currency"])
        }
    }

    /// The UCI Online Retail columns (InvoiceNo, StockCode, …): dates in UK local time, prices in GBP.
    public static let onlineRetail = ImportMapping(
        columns: [
            "order_id": "InvoiceNo", "product_id": "StockCode", "title": "Description", "quantity": "Quantity", "placed_at": "InvoiceDate",
            "price": "UnitPrice", "customer_id": "CustomerID", "country": "Country",
        ],
        dateFormat: "yyyy-MM-dd HH:mm",
        timeZone: "Europe/London",
        priceUnit: "decimal",
        currency: "GBP"
    )

    public static let presets: [String: ImportMapping] = ["online-retail": onlineRetail]

    /// Reads a mapping file: JSON `{"columns": {"order_id": "InvoiceNo", …}, "date_format": …, "time_zone": …, "currency": …}`.
    public static func load(_ url: URL) throws -> ImportMapping {
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        guard let columns = value["columns"]?.objectValue else { throw ImportError("mapping file needs a \"columns\" object") }
        var mapping = ImportMapping()
        for (field, column) in columns {
            guard let name = column.stringValue else { throw ImportError("mapping column for '\(field)' must be a string") }
            mapping.columns[field] = name
        }
        mapping.dateFormat = value["date_format"]?.stringValue
        mapping.timeZone = value["time_zone"]?.stringValue ?? "UTC"
        mapping.priceUnit = value["price_unit"]?.stringValue ?? "decimal"
        mapping.currency = value["currency"]?.stringValue
        return mapping
    }
}

public struct ImportError: Error, CustomStringConvertible, Sendable {
    public var description: String
    public init(_ description: String) { self.description = description }
}
