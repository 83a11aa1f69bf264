import Foundation

/// Prints one `key value` line of results.
func report(_ key: String, _ value: Any) {
    print("\(key)\t\(value)")
}

func format(_ x: Double, _ digits: Int = 6) -> String { String(format: "%.\(digits)f", x) }

/// Seconds taken by `body`.
func timed<T>(_ body: () throws -> T) rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// Reads a file, through `/usr/bin/gzip -dc` when it ends in .gz.
func readText(_ path: String) throws -> String {
    guard path.hasSuffix(".gz") else { return try String(contentsOfFile: path, encoding: .utf8) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/gzip")
    process.arguments = ["-dc", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw EvalError("gzip -dc \(path) failed") }
    return String(decoding: data, as: UTF8.self)
}

struct EvalError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. Returns rows without the header.
func parseCSV(_ text: String) -> (header: [String], rows: [[String]]) {
    var rows: [[String]] = []
    var row: [String] = []
    var field = [UInt8]()
    var inQuotes = false
    var bytes = Array(text.utf8)
    if bytes.last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
    var i = 0
    while i < bytes.count {
        let c = bytes[i]
        if inQuotes {
            if c == UInt8(ascii: "\"") {
                if i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "\"") {
                    field.append(c)
                    i += 1
                } else {
                    inQuotes = false
                }
            } else {
                field.append(c)
            }
        } else if c == UInt8(ascii: "\"") {
            inQuotes = true
        } else if c == UInt8(ascii: ",") {
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
        } else if c == UInt8(ascii: "\n") {
            if field.last == UInt8(ascii: "\r") { field.removeLast() }
            row.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            rows.append(row)
            row = []
        } else {
            field.append(c)
        }
        i += 1
    }
    guard !rows.isEmpty else { return ([], []) }
    return (rows[0], Array(rows.dropFirst()))
}

/// "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" as a UTC date.
func parseDate(_ s: String) -> Date? {
    let parts = s.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).compactMap { Int($0) }
    guard parts.count >= 3 else { return nil }
    var components = DateComponents()
    components.year = parts[0]
    components.month = parts[1]
    components.day = parts[2]
    components.hour = parts.count > 3 ? parts[3] : 0
    components.minute = parts.count > 4 ? parts[4] : 0
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    return calendar.date(from: components)
}

/// Pearson correlation.
func correlation(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in 0..<a.count {
        sab += (a[i] - ma) * (b[i] - mb)
        saa += (a[i] - ma) * (a[i] - ma)
        sbb += (b[i] - mb) * (b[i] - mb)
    }
    return sab / (saa * sbb).squareRoot()
}

func meanAbsoluteError(_ a: [Double], _ b: [Double]) -> Double {
    zip(a, b).reduce(0) { $0 + abs($1.0 - $1.1) } / Double(a.count)
}
