/// What kind of figure a chart shows, which decides how its labels and ticks read.
public enum ValueStyle: Sendable, Hashable {
    /// Whole counts: `1,234`.
    case count
    /// Shares 0…1 shown as percentages: `12.5 %`.
    case percent
    /// Money in major units (e.g. euros, not cents) of the given currency, or the shop's.
    case money(currency: String? = nil)
    /// Durations in seconds: `1 h 5 min`.
    case seconds
    /// Plain numbers with a fixed count of decimals (CSAT 4.6, NPS 42).
    case decimal(digits: Int)

    /// Whether the value axis starts at zero (amounts) or fits the data (scores such as CSAT).
    var startsAtZero: Bool {
        if case .decimal = self { return false }
        return true
    }

    /// A value as a label.
    func label(_ value: Double?, _ format: AdminFormat) -> String {
        guard let value, value.isFinite else { return AdminFormat.missing }
        switch self {
        case .count: return format.number(Int(value.rounded()))
        case .percent: return format.percent(value)
        case .money(let currency): return format.compactMoney(major: value, currency: currency)
        case .seconds: return format.duration(seconds: value)
        case .decimal(let digits): return format.decimal(value, digits: digits)
        }
    }

    /// A tick label: percentages without decimals when the tick is a whole percent.
    func tick(_ value: Double, _ format: AdminFormat) -> String {
        switch self {
        case .percent:
            let whole = abs(value * 100 - (value * 100).rounded()) < 1e-6
            return format.percent(value, digits: whole ? 0 : 1)
        case .decimal(let digits):
            return format.decimal(value, digits: abs(value - value.rounded()) < 1e-9 ? 0 : digits)
        default:
            return label(value, format)
        }
    }

    /// A value for a CSV cell: plain dot decimal.
    func csv(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        switch self {
        case .count, .seconds: return DataTable.Cell.csvNumber(value, digits: 0)
        case .percent: return DataTable.Cell.csvNumber(value, digits: 4)
        case .money: return DataTable.Cell.csvNumber(value, digits: 2)
        case .decimal(let digits): return DataTable.Cell.csvNumber(value, digits: digits)
        }
    }
}
