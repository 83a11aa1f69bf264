import Foundation

/// Inline SVG charts for self-contained report pages: no script, no external file, every label escaped.
public enum SVGChart {
    /// A horizontal bar chart of values in 0…1, one labelled row per bar.
    public static func bars(_ rows: [(label: String, value: Double)], title: String, width: Int = 640) -> String {
        let rowHeight = 22
        let labelWidth = 230
        let barSpace = Double(width - labelWidth - 60)
        let height = rowHeight * rows.count + 30
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
        svg += "<title>\(HTMLEscaping.escape(title))</title>"
        for (i, row) in rows.enumerated() {
            let y = 10 + i * rowHeight
            let value = row.value.isFinite ? min(1, max(0, row.value)) : 0
            let w = Int((barSpace * value).rounded())
            svg += "<text x=\"\(labelWidth - 8)\" y=\"\(y + 15)\" text-anchor=\"end\" font-size=\"12\">\(HTMLEscaping.escape(row.label))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(Int(barSpace))\" height=\"\(rowHeight - 6)\" fill=\"#eef1f5\"/>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(w)\" height=\"\(rowHeight - 6)\" fill=\"\(color(value))\"/>"
            svg += "<text x=\"\(labelWidth + w + 6)\" y=\"\(y + 15)\" font-size=\"12\">\(String(format: "%.2f", value))</text>"
        }
        return svg + "</svg>"
    }

    /// A half-circle gauge showing a share (0…1) with its percentage, and an optional target band.
    public static func gauge(_ value: Double, label: String, target: ClosedRange<Double>? = nil) -> String {
        let v = value.isFinite ? min(1, max(0, value)) : 0
        let cx = 110.0, cy = 110.0, r = 90.0
        func point(_ share: Double) -> String {
            let angle = Double.pi * (1 - share)
            return String(format: "%.2f %.2f", cx + r * cos(angle), cy - r * sin(angle))
        }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"220\" height=\"140\" viewBox=\"0 0 220 140\">"
        svg += "<title>\(HTMLEscaping.escape(label))</title>"
        svg += "<path d=\"M \(point(0)) A 90 90 0 0 1 \(point(1))\" fill=\"none\" stroke=\"#eef1f5\" stroke-width=\"18\"/>"
        if let target {
            let lo = min(1, max(0, target.lowerBound)), hi = min(1, max(0, target.upperBound))
            svg += "<path d=\"M \(point(lo)) A 90 90 0 0 1 \(point(hi))\" fill=\"none\" stroke=\"#cfe8d4\" stroke-width=\"18\"/>"
        }
        if v > 0 { svg += "<path d=\"M \(point(0)) A 90 90 0 0 1 \(point(v))\" fill=\"none\" stroke=\"\(color(v / 0.5))\" stroke-width=\"10\"/>" }
        svg += "<text x=\"110\" y=\"105\" text-anchor=\"middle\" font-size=\"26\" font-weight=\"bold\">\(String(format: "%.1f", v * 100)) %</text>"
        svg += "<text x=\"110\" y=\"130\" text-anchor=\"middle\" font-size=\"12\">\(HTMLEscaping.escape(label))</text>"
        return svg + "</svg>"
    }

    /// Red below 0.5, amber below 0.8, green above.
    static func color(_ value: Double) -> String {
        value < 0.5 ? "#d9534f" : value < 0.8 ? "#f0ad4e" : "#3c9d5d"
    }
}
