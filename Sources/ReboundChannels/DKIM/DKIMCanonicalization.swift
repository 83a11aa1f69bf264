/// RFC 6376 section 3.4 "relaxed" canonicalisation for headers and bodies.
enum DKIMCanonicalization {
    /// `name:value` with the name lower-cased, unfolded, runs of whitespace as one space, no whitespace at the ends.
    static func relaxedHeader(name: String, value: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(name.utf8.count + value.utf8.count + 1)
        for c in name.utf8 { out.append(c >= 65 && c <= 90 ? c + 32 : c) }
        while let last = out.last, last == 32 || last == 9 { out.removeLast() }
        out.append(UInt8(ascii: ":"))
        var pendingSpace = false
        var started = false
        for c in value.utf8 {
            if c == 13 || c == 10 { continue }
            if c == 32 || c == 9 {
                pendingSpace = started
                continue
            }
            if pendingSpace { out.append(32) }
            pendingSpace = false
            started = true
            out.append(c)
        }
        return out
    }

    /// Relaxed body: whitespace runs as one space, none at line ends, no empty lines at the end, CRLF endings.
    static func relaxedBody(_ body: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var line: [UInt8] = []
        var emptyLines = 0
        var i = 0
        func flush(_ line: inout [UInt8]) {
            while let last = line.last, last == 32 { line.removeLast() }
            if line.isEmpty {
                emptyLines += 1
            } else {
                for _ in 0..<emptyLines { out.append(contentsOf: [13, 10]) }
                emptyLines = 0
                out.append(contentsOf: line)
                out.append(contentsOf: [13, 10])
            }
            line.removeAll(keepingCapacity: true)
        }
        var pendingSpace = false
        while i < body.count {
            let c = body[i]
            if c == 13, i + 1 < body.count, body[i + 1] == 10 {
                pendingSpace = false
                flush(&line)
                i += 2
                continue
            }
            if c == 32 || c == 9 {
                pendingSpace = true
            } else {
                if pendingSpace { line.append(32) }
                pendingSpace = false
                line.append(c)
            }
            i += 1
        }
        if !line.isEmpty { flush(&line) }
        return out
    }
}
