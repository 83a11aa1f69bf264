import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Just enough HTTP/1.1 for chromedriver: IPv4 loopback, one request per connection, `Content-Length` or
/// chunked bodies. chromedriver only accepts local connections, so nothing more is needed.
/// See `HTTPClient.platformDefault` for why this exists at all.
struct LoopbackHTTPClient: HTTPClient {
    /// How long one exchange may take; navigation waits for the page's load event.
    var timeoutSeconds = 300

    func send(_ method: String, _ url: URL, body: Data?) async throws -> (status: Int, body: Data) {
        let timeout = timeoutSeconds
        // The socket calls block; they run on a dispatch queue rather than on a thread of Swift's cooperative pool.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.exchange(method, url, body: body, timeoutSeconds: timeout) })
            }
        }
    }

    static func exchange(_ method: String, _ url: URL, body: Data?, timeoutSeconds: Int) throws -> (status: Int, body: Data) {
        guard let host = url.host, let port = url.port else { throw failure("\(url) needs a host and a port") }
        let fd = try connect(host: host == "localhost" ? "127.0.0.1" : host, port: port, timeoutSeconds: timeoutSeconds)
        defer { close(fd) }
        let target = url.path.isEmpty ? "/" : url.path + (url.query.map { "?" + $0 } ?? "")
        var head = "\(method) \(target) HTTP/1.1\r\nHost: \(host):\(port)\r\nConnection: close\r\nAccept: application/json\r\n"
        if let body { head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body.count)\r\n" }
        var request = Data((head + "\r\n").utf8)
        if let body { request.append(body) }
        try write(fd, request)
        return try readResponse(fd)
    }

    private static func connect(host: String, port: Int, timeoutSeconds: Int) throws -> Int32 {
        #if canImport(Darwin)
            let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { throw failure("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port)).bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else {
            close(fd)
            throw failure("\(host) is not an IPv4 address")
        }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            throw failure("cannot connect to \(host):\(port): errno \(errno)")
        }
        return fd
    }

    private static func write(_ fd: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let sent = systemSend(fd, buffer.baseAddress! + offset, buffer.count - offset, 0)
                guard sent > 0 else { throw failure("send() failed: errno \(errno)") }
                offset += sent
            }
        }
    }

    private static func readResponse(_ fd: Int32) throws -> (status: Int, body: Data) {
        var received = Data()
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let separator = Data("\r\n\r\n".utf8)
        var headerEnd: Range<Data.Index>?
        var expectedLength: Int?
        var chunked = false
        while true {
            let count = recv(fd, &chunk, chunk.count, 0)
            if count < 0 { throw failure("recv() failed or timed out: errno \(errno)") }
            if count == 0 { break }
            received.append(contentsOf: chunk[0..<count])
            if headerEnd == nil, let range = received.range(of: separator) {
                headerEnd = range
                let head = String(decoding: received[..<range.lowerBound], as: UTF8.self).lowercased()
                for line in head.split(separator: "\r\n") {
                    // "content-length:250": the colon need not be followed by a space.
                    let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard parts.count == 2 else { continue }
                    if parts[0] == "content-length" { expectedLength = Int(parts[1]) }
                    if parts[0] == "transfer-encoding", parts[1].contains("chunked") { chunked = true }
                }
            }
            if let headerEnd, let expectedLength, !chunked, received.count - headerEnd.upperBound >= expectedLength { break }
        }
        guard let headerEnd else { throw failure("the response has no complete header") }
        let statusLine = String(decoding: received[..<headerEnd.lowerBound], as: UTF8.self).split(separator: "\r\n").first ?? ""
        let fields = statusLine.split(separator: " ")
        guard fields.count >= 2, let status = Int(fields[1]) else { throw failure("bad status line: \(statusLine)") }
        var body = Data(received[headerEnd.upperBound...])
        if chunked { body = try dechunk(body) }
        return (status, body)
    }

    private static func dechunk(_ data: Data) throws -> Data {
        var result = Data()
        var index = data.startIndex
        let crlf = Data("\r\n".utf8)
        while let lineEnd = data.range(of: crlf, in: index..<data.endIndex) {
            let sizeText = String(decoding: data[index..<lineEnd.lowerBound], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16) else { throw failure("bad chunk size") }
            if size == 0 { break }
            let start = lineEnd.upperBound
            guard data.distance(from: start, to: data.endIndex) >= size else { throw failure("truncated chunk") }
            let end = data.index(start, offsetBy: size)
            result.append(data[start..<end])
            index = data.index(end, offsetBy: 2, limitedBy: data.endIndex) ?? data.endIndex
        }
        return result
    }

    private static func failure(_ message: String) -> WebDriverError {
        WebDriverError(code: WebDriverError.unknownError, message: "HTTP to chromedriver: " + message)
    }
}

// The struct has methods named `connect` and `send`; these reach the C functions from inside it.
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}

private func systemSend(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int, _ flags: Int32) -> Int {
    send(fd, buffer, count, flags)
}
