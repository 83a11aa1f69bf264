public import Foundation
public import ReboundCore

/// The demo's catalogue and customers, taken from the UCI Online Retail transactions in `shared/data`.
public struct DemoData: Sendable {
    public struct Item: Sendable {
        public var productID: String
        public var title: String
        public var price: Int64
        public var category: String
    }

    public var products: [Item]
    /// Real customer ids of the data set; the demo gives them placeholder addresses on a reserved domain.
    public var customerIDs: [String]
    /// Real invoices (order id, customer id, lines), oldest first.
    public var orders: [(id: String, customerID: String?, placedAt: Date, lines: [OrderLine])]

    /// Finds `shared/data` from a starting folder upwards (the repository sits beside `shared/`).
    public static func locateSharedData(from start: URL) -> URL? {
        var directory = start.standardizedFileURL
        for _ in 0..<6 {
            let candidate = directory.appendingPathComponent("shared/data/online_retail")
            if FileManager.default.fileExists(atPath: candidate.path) { return directory.appendingPathComponent("shared/data") }
            let sibling = directory.deletingLastPathComponent().appendingPathComponent("shared/data/online_retail")
            if FileManager.default.fileExists(atPath: sibling.path) {
                return directory.deletingLastPathComponent().appendingPathComponent("shared/data")
            }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// Reads the first `invoiceLimit` invoices of the Online Retail file.
    public static func load(sharedData: URL, invoiceLimit: Int = 1500) throws -> DemoData {
        let file = sharedData.appendingPathComponent("online_retail/online_retail_2010-12_to_2011-08.csv.gz")
        // The first ~40k lines hold well over the invoices the demo needs; `head` ends gzip early.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "gzip -dc \"$0\" | head -c 4000000", file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard !data.isEmpty else { throw ImportError("cannot read \(file.path)") }
        var text = String(decoding: data, as: UTF8.self)
        if let lastNewline = text.lastIndex(of: "\n") { text = String(text[...lastNewline]) }

        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/London")
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        var reader = CSVReader(text)
        _ = reader.next()
        var products: [String: Item] = [:]
        var popularity: [String: Int] = [:]
        var orders: [(id: String, customerID: String?, placedAt: Date, lines: [OrderLine])] = []
        var customers = Set<String>()
        while let record = reader.next(), record.fields.count >= 8 {
            let f = record.fields
            let invoice = f[0], code = f[1], title = f[2]
            guard !invoice.hasPrefix("C"), let quantity = Int(f[3]), quantity > 0,
                let price = Money.minorUnits(fromDecimal: f[5], digits: 2), price > 0, !title.isEmpty,
                code.first?.isNumber == true, let date = formatter.date(from: f[4])
            else { continue }
            let customer = f[6].isEmpty ? nil : f[6]
            if let customer { customers.insert(customer) }
            if products[code] == nil {
                let category = title.split(separator: " ").last.map { String($0).capitalized } ?? "Gifts"
                products[code] = Item(productID: code, title: title.capitalized, price: price, category: category)
            }
            popularity[code, default: 0] += 1
            let line = OrderLine(productID: code, variantID: nil, title: title.capitalized, quantity: quantity, price: price)
            if orders.last?.id == invoice {
                orders[orders.count - 1].lines.append(line)
            } else {
                if orders.count >= invoiceLimit { break }
                orders.append((invoice, customer, date, [line]))
            }
        }
        let ranked = products.values.sorted { (popularity[$0.productID] ?? 0, $0.productID) > (popularity[$1.productID] ?? 0, $1.productID) }
        return DemoData(products: Array(ranked.prefix(300)), customerIDs: customers.sorted(), orders: orders)
    }
}
