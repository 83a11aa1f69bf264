import Foundation

extension SimulationReport {
    /// The report as one self-contained HTML page: inline CSS and SVG, no script, no external
    /// resource (a Content-Security-Policy forbids them), every value escaped.
    public func html() -> String {
        func pct(_ v: Double?) -> String { v.map { String(format: "%.1f %%", $0 * 100) } ?? "–" }
        func num(_ v: Double?) -> String { v.map { String(format: "%.3f", $0) } ?? "–" }
        let e = HTMLEscaping.escape
        var h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
        h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>\(e(title))</title><style>"
        h += "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:960px;color:#222;padding:0 1rem}"
        h +=
            "table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border-bottom:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}"
        h += "td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}.cards{display:flex;flex-wrap:wrap;gap:1rem}"
        h += ".card{border:1px solid #ddd;border-radius:8px;padding:.75rem 1rem;min-width:150px}.card b{display:block;font-size:1.4rem}"
        h += "small{color:#666}</style></head><body>\n"
        h += "<h1>\(e(title))</h1><p><small>\(ticketCount) tickets · generated \(e(ISO8601DateFormatter().string(from: generatedAt)))</small></p>\n"
        h += "<section class=\"cards\">"
        h += SVGChart.gauge(deflectionRate, label: "would-be deflection", target: 0.3...0.5)
        for (label, value) in [
            ("Correctly deflected", pct(correctDeflectionRate)), ("Answer precision", pct(answerPrecision)),
            ("Correct handling", pct(correctHandlingRate)), ("Intent accuracy", pct(intentAccuracy)), ("Macro F1", num(macroF1)),
        ] {
            h += "<div class=\"card\"><small>\(e(label))</small><b>\(e(value))</b></div>"
        }
        if let resolutionAgreement {
            h += "<div class=\"card\"><small>Agreement with real resolution</small><b>\(e(pct(resolutionAgreement)))</b></div>"
        }
        h += "</section>\n<h2>Decisions</h2><table><tr><th>Decision</th><th class=\"n\">Tickets</th><th class=\"n\">Share</th></tr>"
        for (kind, count) in decisions.all {
            h +=
                "<tr><td>\(e(kind.rawValue))</td><td class=\"n\">\(count)</td><td class=\"n\">\(pct(Double(count) / Double(max(1, ticketCount))))</td></tr>"
        }
        h += "</table>\n"
        if !perIntent.isEmpty {
            h += "<h2>F1 per intent</h2>"
            h += SVGChart.bars(perIntent.sorted { ($0.f1, $1.intent) > ($1.f1, $0.intent) }.map { ($0.intent, $0.f1) }, title: "F1 per intent")
            h +=
                "<table><tr><th>Intent</th><th class=\"n\">Tickets</th><th class=\"n\">Precision</th><th class=\"n\">Recall</th><th class=\"n\">F1</th>"
            h += "<th class=\"n\">Deflected</th><th class=\"n\">Correct</th></tr>"
            for s in perIntent {
                h +=
                    "<tr><td>\(e(s.intent))</td><td class=\"n\">\(s.support)</td><td class=\"n\">\(num(s.precision))</td><td class=\"n\">\(num(s.recall))</td>"
                h += "<td class=\"n\">\(num(s.f1))</td><td class=\"n\">\(pct(s.deflectionRate))</td><td class=\"n\">\(pct(s.correctRate))</td></tr>"
            }
            h += "</table>\n"
        }
        if !confusions.isEmpty {
            h += "<h2>Most frequent confusions</h2><table><tr><th>Real intent</th><th>Bot's intent</th><th class=\"n\">Tickets</th></tr>"
            for c in confusions { h += "<tr><td>\(e(c.gold))</td><td>\(e(c.predicted))</td><td class=\"n\">\(c.count)</td></tr>" }
            h += "</table>\n"
        }
        if !wrongAnswers.isEmpty {
            h +=
                "<h2>Examples of wrong automated replies</h2><table><tr><th>Message</th><th>Real / bot intent</th><th>Reply</th><th>Sources</th></tr>"
            for w in wrongAnswers {
                h += "<tr><td>\(e(w.message))</td><td>\(e(w.goldIntent ?? "–")) / \(e(w.botIntent ?? "–"))</td>"
                h +=
                    "<td><small>\(e(w.decision.rawValue))</small><br>\(e(String(w.text.prefix(300))))</td><td>\(e(w.sources.joined(separator: "; ")))</td></tr>"
            }
            h += "</table>\n"
        }
        h += "</body></html>\n"
        return h
    }
}
