import Foundation

/// Writes RFC 4180 CSV that is safe to open in a spreadsheet.
///
/// ```swift
/// CSVWriter.render(header: ["name", "spend"], rows: [["=HYPERLINK(\"x\")", "12.50"]])
/// // name,spend\r\n"'=HYPERLINK(""x"")",12.50\r\n
/// ```
public enum CSVWriter {
    /// The whole document: one line per row, CRLF line ends (RFC 4180 §2.1), a header line first when given.
    public static func render(header: [String]? = nil, rows: [[String]]) -> String {
        var output = ""
        if let header { output += line(header) }
        for row in rows { output += line(row) }
        return output
    }

    /// One record with its CRLF.
    public static func line(_ cells: [String]) -> String {
        cells.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field: guarded against formula injection, then quoted when it holds a comma, quote, CR or LF.
    public static func field(_ value: String) -> String {
        let guarded = neutralizingFormula(value)
        let needsQuotes = guarded.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard needsQuotes else { return guarded }
        return "\"" + guarded.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `value` with a leading `'` when a spreadsheet would read it as a formula.
    ///
    /// Cells starting with `=`, `+`, `-` or `@` (and tab or CR, which some spreadsheets skip before one) are run as
    /// formulas by Excel, LibreOffice and Google Sheets: a customer named `=HYPERLINK(...)` could exfiltrate data from
    /// the owner's machine (OWASP "CSV Injection"). A plain number such as `-12.50` cannot call anything, so it stays a
    /// number and the export keeps working for sums.
    public static func neutralizingFormula(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        if isPlainNumber(value) { return value }
        return "'" + value
    }

    static func isPlainNumber(_ value: String) -> Bool {
        var scalars = Substring(value)
        if scalars.first == "-" || scalars.first == "+" { scalars = scalars.dropFirst() }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
        if parts.count == 2 { return !parts[1].isEmpty && parts[1].allSatisfy { $0.isASCII && $0.isNumber } }
        return true
    }
}
