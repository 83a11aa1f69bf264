/// Small stroke icons drawn inline (no icon font, no request), 24 × 24 grid.
enum AdminIcons {
    /// Path data per icon name; all constant, never built from data.
    static let paths: [String: String] = [
        "dashboard": "M4 4h7v7H4z M13 4h7v4h-7z M13 10h7v10h-7z M4 13h7v7H4z",
        "inbox": "M3 13h5l2 3h4l2-3h5 M5.5 5h13L21 13v6H3v-6z",
        "customers": "M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M2 21a7 7 0 0 1 14 0 M16 3.5a4 4 0 0 1 0 7.5 M18 14a6 6 0 0 1 4 7",
        "segments": "M12 3v9h9 M21 12a9 9 0 1 1-9-9",
        "flows": "M6 3v6 M6 15v6 M3 12h0 M6 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z M9 12h6 M18 9a3 3 0 1 0 0 6 3 3 0 0 0 0-6z",
        "experiments": "M9 3h6 M10 3v6l-5.5 9.5A2 2 0 0 0 6.2 21h11.6a2 2 0 0 0 1.7-2.5L14 9V3 M7 15h10",
        "messages": "M3 5h18v14H3z M3 6l9 7 9-7",
        "settings": "M4 6h9 M17 6h3 M4 12h3 M11 12h9 M4 18h11 M19 18h1 M15 4v4 M9 10v4 M17 16v4",
        "chat": "M4 4h16v12H9l-5 4z",
        "email": "M3 5h18v14H3z M3 6l9 7 9-7",
        "sms": "M7 2h10v20H7z M11 18h2",
        "social": "M9 4 7 20 M17 4l-2 16 M4 9h16 M3 15h16",
        "logout": "M15 4h4v16h-4 M10 8l-4 4 4 4 M6 12h10",
        "clock": "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M12 7v5l3 2",
        "alert": "M12 3 2 20h20z M12 10v4 M12 17v.5",
        "link": "M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1 M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1",
        "star": "M12 3l2.7 5.6 6.1.9-4.4 4.3 1 6.1-5.4-2.9-5.4 2.9 1-6.1L3.2 9.5l6.1-.9z",
    ]

    /// An icon; decorative (hidden from screen readers) unless `label` is given.
    static func icon(_ name: String, label: String? = nil) -> HTML {
        let d = paths[name] ?? paths["chat"]!
        let a11y: HTML = label.map { "role=\"img\" aria-label=\"\($0)\"" } ?? "aria-hidden=\"true\""
        return """
            <svg class="icon" viewBox="0 0 24 24" \(a11y) focusable="false"><path d="\(HTML.trusted(d))"></path>\
            \(label.map { "<title>\($0)</title>" as HTML })</svg>
            """
    }
}
