extension HTML {
    /// Schemes a link in the admin may use. Everything else (`javascript:`, `data:`, `vbscript:`, …) becomes `#`.
    static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel", "ws", "wss"]

    /// `url` when it is relative or uses an allowed scheme, else `#`.
    ///
    /// Browsers ignore tabs, newlines and leading control characters when they read a scheme (`java\tscript:` runs),
    /// so the check looks at the URL with those removed.
    public static func safeURL(_ url: String) -> String {
        let compact = String(
            String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F })
        )
        guard let colon = compact.firstIndex(of: ":") else { return url }
        let beforeColon = compact[..<colon]
        // A ":" after "/", "?" or "#" is part of a path or query, not a scheme.
        if beforeColon.contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { return url }
        return allowedSchemes.contains(beforeColon.lowercased()) ? url : "#"
    }
}
