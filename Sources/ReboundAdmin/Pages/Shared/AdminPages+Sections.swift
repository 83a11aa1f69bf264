import Foundation

extension AdminPages {
    /// A titled page section that names the API endpoint its figures come from.
    static func section(id: String, title: String, source: DataSource?, intro: String? = nil, content: HTML) -> HTML {
        let sourceHTML: HTML = source.map { "<span class=\"source\">from <code>GET \($0.displayPath)</code></span>" } ?? .empty
        let introHTML: HTML = intro.map { "<p class=\"muted intro\">\($0)</p>" } ?? .empty
        return """
            <section class="section" id="\(id)" aria-labelledby="\(id)-title"><div class="section-head">\
            <h2 id="\(id)-title">\(title)</h2>\(sourceHTML)</div>\(introHTML)\(content)</section>
            """
    }

    /// A white card around content, with an optional heading and CSV link.
    static func card(title: String? = nil, csvURL: String? = nil, extraClass: String = "", _ content: HTML) -> HTML {
        let csv: HTML = csvURL.map { "<a class=\"csv\" href=\"\(url: $0)\">CSV</a>" } ?? .empty
        let head: HTML = title.map { "<div class=\"card-head\"><h3>\($0)</h3>\(csv)</div>" } ?? .empty
        return "<div class=\"card \(extraClass)\">\(head)\(content)</div>"
    }

    /// A small coloured label.
    static func badge(_ text: String, tone: String = "", title: String? = nil) -> HTML {
        let titleAttribute: HTML = title.map { " title=\"\($0)\"" } ?? .empty
        return "<span class=\"badge \(tone)\"\(titleAttribute)>\(text)</span>"
    }

    /// A `<time>` element showing a relative time, with the exact time on hover.
    static func time(_ date: Date, _ context: AdminContext) -> HTML {
        let format = context.format
        return
            "<time datetime=\"\(format.machineTimestamp(date))\" title=\"\(format.dateTime(date))\">\(format.relative(date, now: context.now))</time>"
    }
}

extension AdminPages {
    /// The display name of a channel: `SMS`, `Email`, `Chat`, `Social`.
    static func channelName(_ channel: String) -> String {
        switch channel.lowercased() {
        case "sms": return "SMS"
        case "onsite", "on-site": return "On-site"
        default: return channel.prefix(1).uppercased() + channel.dropFirst()
        }
    }
}
