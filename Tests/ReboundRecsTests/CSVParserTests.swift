import Foundation
import ReboundRecs
import Testing

@Test func parsesRFC4180Quoting() throws {
    let text = "a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\n\"multi\nline\",,z"
    let rows = try CSVParser.parse(Array(text.utf8))
    #expect(rows == [["a", "b", "c"], ["x, y", "say \"hi\"", ""], ["multi\nline", "", "z"]])
}

@Test func readsOnlineRetailLines() throws {
    let text = """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        536365,85123A,"WHITE HANGING HEART T-LIGHT HOLDER",6,2010-12-01 08:26,2.55,17850,United Kingdom
        C536379,D,Discount,-1,2010-12-01 09:41,27.5,14527,United Kingdom

        """
    let lines = try OnlineRetailCSV.orderLines(from: Array(text.utf8))
    #expect(lines.count == 2)
    #expect(lines[0].orderID == "536365")
    #expect(lines[0].productCode == "85123A")
    #expect(lines[0].quantity == 6)
    #expect(lines[0].unitPrice == 255)
    #expect(lines[0].customer == "17850")
    #expect(lines[0].date == Date(timeIntervalSince1970: 1_291_191_960))  // 2010-12-01T08:26:00Z
    #expect(lines[1].quantity == -1)
}

@Test func onlineRetailRulesDropCancellationsAndNonProducts() {
    let date = epoch
    let lines = [
        OrderLine(orderID: "1", productCode: "22423", quantity: 2, unitPrice: 1275, date: date),
        OrderLine(orderID: "1", productCode: "22423", quantity: 1, unitPrice: 1275, date: date),  // same product twice
        OrderLine(orderID: "1", productCode: "85123A", quantity: 1, unitPrice: 255, date: date),
        OrderLine(orderID: "1", productCode: "POST", quantity: 1, unitPrice: 1800, date: date),
        OrderLine(orderID: "C2", productCode: "22423", quantity: -1, unitPrice: 1275, date: date),
        OrderLine(orderID: "3", productCode: "M", quantity: 1, unitPrice: 100, date: date),  // only postage/manual
        OrderLine(orderID: "4", productCode: "22960", quantity: 1, unitPrice: 0, date: date),  // zero price adjustment
        OrderLine(orderID: "5", productCode: "22960", quantity: 3, unitPrice: 425, date: date, customer: "12583"),
    ]
    let set = BasketSet(lines: lines, rules: .onlineRetail)
    #expect(set.baskets.map(\.id) == ["1", "5"])
    #expect(set.baskets[0].items.map { set.catalog.code(for: $0)! } == ["22423", "85123A"])
    #expect(set.baskets[1].customer == "12583")
    #expect(set.catalog.count == 3)
}
