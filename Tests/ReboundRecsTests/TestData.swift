import Foundation
import ReboundRecs

/// Locates `shared/data` by walking up from this file, so tests run from the helper package,
/// from the main repository and from a CI clone with `shared/` beside it.
enum TestData {
    static func sharedData(from filePath: String = #filePath) -> URL? {
        var directory = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("shared/data")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory), isDirectory.boolValue {
                return candidate
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    /// The header and the first `rows` data rows of the Online Retail CSV, decompressed with gzip.
    static func onlineRetailPrefix(rows: Int) throws -> [UInt8] {
        guard let data = sharedData() else { throw RecsError(.malformedInput, "shared/data not found above \(#filePath)") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
        process.arguments = ["-dc", data.appendingPathComponent("online_retail/online_retail_2010-12_to_2011-08.csv.gz").path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let bytes = [UInt8](pipe.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        // The data has no quoted line breaks in these rows, so counting LFs finds the row ends.
        var newlines = 0
        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            newlines += 1
            if newlines == rows + 1 { return Array(bytes[...index]) }
        }
        return bytes
    }
}

/// Shorthand for product ids in tests.
func p(_ raw: Int32) -> Product.ID { Product.ID(raw) }

let day: TimeInterval = 86_400
let epoch = Date(timeIntervalSince1970: 1_300_000_000)

/// Baskets from lists of raw ids, one day apart.
func baskets(_ lists: [[Int32]]) -> [Basket] {
    lists.enumerated().map { index, items in
        Basket(id: Basket.ID("B\(index)"), items: items.map(p), date: epoch.addingTimeInterval(Double(index) * day))
    }
}
