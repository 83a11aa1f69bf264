import Foundation
import ReboundCore
import ReboundStore
import ReboundTesting

/// Ten real invoices of the UCI Online Retail data (../shared/data/online_retail, the first rows of 2010-12-01 with
/// two to six products), copied verbatim: InvoiceNo, InvoiceDate, CustomerID, StockCode, Quantity, UnitPrice,
/// Description. The postage line of 536403 (`POST`) is left out, as `BasketRules.onlineRetail` leaves it out.
///
/// Hand count over the ten baskets (N = 10): 22632 in 5, 22633 in 6, 22865/22866/22867/22960 in 2, the rest in 1;
/// {22632, 22633} together in 5 (536366, 536372, 536377, 536399, 536407), {22865, 22866} in 2 (536514, 536534),
/// every other pair in 1.
enum RetailSample {
    static let csv = """
        536366,2010-12-01 08:28,17850,22633,6,1.85,HAND WARMER UNION JACK
        536366,2010-12-01 08:28,17850,22632,6,1.85,HAND WARMER RED POLKA DOT
        536368,2010-12-01 08:34,13047,22960,6,4.25,JAM MAKING SET WITH JARS
        536368,2010-12-01 08:34,13047,22913,3,4.95,RED COAT RACK PARIS FASHION
        536368,2010-12-01 08:34,13047,22912,3,4.95,YELLOW COAT RACK PARIS FASHION
        536368,2010-12-01 08:34,13047,22914,3,4.95,BLUE COAT RACK PARIS FASHION
        536372,2010-12-01 09:01,17850,22632,6,1.85,HAND WARMER RED POLKA DOT
        536372,2010-12-01 09:01,17850,22633,6,1.85,HAND WARMER UNION JACK
        536377,2010-12-01 09:34,17850,22632,6,1.85,HAND WARMER RED POLKA DOT
        536377,2010-12-01 09:34,17850,22633,6,1.85,HAND WARMER UNION JACK
        536399,2010-12-01 10:52,17850,22632,6,1.85,HAND WARMER RED POLKA DOT
        536399,2010-12-01 10:52,17850,22633,6,1.85,HAND WARMER UNION JACK
        536403,2010-12-01 11:27,12791,22867,96,1.85,HAND WARMER BIRD DESIGN
        536407,2010-12-01 11:34,17850,22632,6,1.85,HAND WARMER RED POLKA DOT
        536407,2010-12-01 11:34,17850,22633,6,1.85,HAND WARMER UNION JACK
        536466,2010-12-01 12:23,14849,22960,6,4.25,JAM MAKING SET WITH JARS
        536466,2010-12-01 12:23,14849,22961,12,1.45,JAM MAKING SET PRINTED
        536514,2010-12-01 12:40,17951,22865,36,2.1,HAND WARMER OWL DESIGN
        536514,2010-12-01 12:40,17951,22485,4,12.75,SET OF 2 WOODEN MARKET CRATES
        536514,2010-12-01 12:40,17951,22807,6,2.95,SET OF 6 T-LIGHTS TOADSTOOLS
        536514,2010-12-01 12:40,17951,22633,36,2.1,HAND WARMER UNION JACK
        536514,2010-12-01 12:40,17951,22866,36,2.1,HAND WARMER SCOTTY DOG DESIGN
        536534,2010-12-01 13:33,15350,22866,12,2.1,HAND WARMER SCOTTY DOG DESIGN
        536534,2010-12-01 13:33,15350,22834,12,2.1,HAND WARMER BABUSHKA DESIGN
        536534,2010-12-01 13:33,15350,22865,12,2.1,HAND WARMER OWL DESIGN
        536534,2010-12-01 13:33,15350,22867,12,2.1,HAND WARMER BIRD DESIGN
        536534,2010-12-01 13:33,15350,22112,3,4.95,CHOCOLATE HOT WATER BOTTLE
        """

    struct Line {
        var invoice: String
        var date: Date
        var customer: String
        var code: String
        var quantity: Int
        var price: Int64
        var description: String
    }

    static var lines: [Line] {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd HH:mm"
        return csv.split(separator: "\n").map { row in
            let f = row.split(separator: ",", maxSplits: 6).map(String.init)
            return Line(
                invoice: f[0],
                date: format.date(from: f[1])!,
                customer: f[2],
                code: f[3],
                quantity: Int(f[4])!,
                price: Int64((Double(f[5])! * 100).rounded()),
                description: f[6]
            )
        }
    }

    static var invoices: [String] {
        var seen: [String] = []
        for line in lines where !seen.contains(line.invoice) { seen.append(line.invoice) }
        return seen
    }

    /// A category from the description's product noun (the data has no categories).
    static func category(_ description: String) -> String? {
        for (marker, category) in [
            ("HAND WARMER", "hand warmers"), ("COAT RACK", "coat racks"), ("JAM MAKING", "jam making"), ("HOT WATER", "hot water bottles"),
        ]
        where description.contains(marker) {
            return category
        }
        return nil
    }

    /// The catalogue of the sample: one variant per product (id = stock code), 100 in stock.
    static func products(now: Date) -> [Product] {
        var products: [String: Product] = [:]
        for line in lines where products[line.code] == nil {
            products[line.code] = product(line.code, line.description, price: line.price, now: now)
        }
        return products.keys.sorted().map { products[$0]! }
    }

    static func product(_ code: String, _ title: String, price: Int64, stock: Int = 100, status: String = "active", now: Date) -> Product {
        Product(
            id: Product.ID(code),
            title: title,
            category: category(title),
            url: "https://shop.example/products/\(code)",
            status: status,
            variants: [Variant(id: Variant.ID(code), title: "Default", price: Money(minorUnits: price, currency: .gbp), stock: stock)],
            updatedAt: now
        )
    }

    /// Imports `invoices` as orders (source `shopify`, external id = invoice number) and saves the catalogue.
    static func load(_ app: TestApp, invoices wanted: [String]? = nil) async throws {
        try await app.store.saveProducts(products(now: app.clock.now), shopID: app.shop.id)
        let chosen = wanted ?? invoices
        let snapshots = chosen.map { invoice in
            let own = lines.filter { $0.invoice == invoice }
            let total = own.reduce(Int64(0)) { $0 + $1.price * Int64($1.quantity) }
            let order = Order(
                id: .random(prefix: "ord"),
                externalID: invoice,
                lines: own.map { OrderLine(productID: $0.code, variantID: $0.code, title: $0.description, quantity: $0.quantity, price: $0.price) },
                subtotal: Money(minorUnits: total, currency: .gbp),
                total: Money(minorUnits: total, currency: .gbp),
                source: "shopify",
                placedAt: own[0].date
            )
            return OrderSnapshot(order: order, customer: CustomerSnapshot(identity: CustomerIdentity(externalID: own[0].customer)))
        }
        _ = try await app.store.importOrders(snapshots, shop: app.shop, now: app.clock.now)
    }
}
