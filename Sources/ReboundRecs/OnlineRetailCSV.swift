public import Foundation

/// Reads the UCI Online Retail CSV layout into ``OrderLine``s.
///
/// Columns (by header name): `InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,
/// CustomerID, Country`. `InvoiceDate` is `YYYY-MM-DD HH:MM` local UK time without a zone; it is
/// read as UTC, which keeps month boundaries where they are. `UnitPrice` in pounds becomes pence.
public enum OnlineRetailCSV {
    /// Parses CSV bytes (header row first).
    /// - Throws: ``RecsError/Code/malformedInput`` naming the line and column when a row cannot be read.
    public static func orderLines(from bytes: [UInt8]) throws -> [OrderLine] {
        var lines: [OrderLine] = []
        var columns: [String: Int]? = nil
        var rowNumber = 0
        try CSVParser.forEachRow(in: bytes) { fields in
            rowNumber += 1
            guard let map = columns else {
                columns = Dictionary(fields.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
                for name in ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate"] where columns?[name] == nil {
                    throw RecsError(.malformedInput, "Online Retail CSV: header lacks column \(name)")
                }
                return
            }
            func field(_ name: String) -> String? {
                guard let index = map[name], index < fields.count else { return nil }
                return fields[index]
            }
            guard let invoice = field("InvoiceNo"), let code = field("StockCode"), let quantityText = field("Quantity"),
                let dateText = field("InvoiceDate")
            else {
                throw RecsError(.malformedInput, "Online Retail CSV: row \(rowNumber) has \(fields.count) fields")
            }
            guard let quantity = Int(quantityText) else {
                throw RecsError(.malformedInput, "Online Retail CSV: row \(rowNumber) Quantity '\(quantityText)' is not an integer")
            }
            guard let date = parseDate(dateText) else {
                throw RecsError(.malformedInput, "Online Retail CSV: row \(rowNumber) InvoiceDate '\(dateText)' is not YYYY-MM-DD HH:MM")
            }
            let price = field("UnitPrice").flatMap(parseMinorUnits)
            let customer = field("CustomerID").flatMap { $0.isEmpty ? nil : Customer.ID($0) }
            lines.append(
                OrderLine(orderID: Basket.ID(invoice), productCode: code, quantity: quantity, unitPrice: price, date: date, customer: customer)
            )
        }
        return lines
    }

    /// Parses `YYYY-MM-DD HH:MM` (or `YYYY-MM-DD`) as UTC.
    public static func parseDate(_ text: String) -> Date? {
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= digits.count else { return nil }
            var value = 0
            for byte in digits[range] {
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard digits.count >= 10, let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var minutes = 0
        if digits.count >= 16 {
            guard let hour = number(11..<13), let minute = number(14..<16), hour < 24, minute < 60 else { return nil }
            minutes = hour * 60 + minute
        }
        let days = daysFromCivil(year: year, month: month, day: day)
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + minutes * 60))
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Parses a decimal amount such as `2.55` or `-11062.06` into minor units (rounded to 2 places).
    static func parseMinorUnits(_ text: String) -> Int? {
        guard !text.isEmpty, let value = Double(text) else { return nil }
        return Int((value * 100).rounded())
    }
}
