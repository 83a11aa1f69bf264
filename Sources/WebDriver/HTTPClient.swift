import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One HTTP exchange with chromedriver.
protocol HTTPClient: Sendable {
    func send(_ method: String, _ url: URL, body: Data?) async throws -> (status: Int, body: Data)
}

extension HTTPClient where Self == LoopbackHTTPClient {
    /// The client that works with chromedriver on this platform.
    ///
    /// Linux's FoundationNetworking (swift-corelibs-foundation up to at least Swift 6.3) aborts on response
    /// header lines without a space after the colon, and chromedriver sends exactly those
    /// (`Content-Length:250`): URLSession fails with "Failed writing header" (swift-corelibs-foundation
    /// issue #4965, fixed by PR #5527). So on Linux the session talks HTTP/1.1 over a plain loopback socket;
    /// on Darwin, URLSession is fine.
    static var platformDefault: any HTTPClient {
        #if canImport(FoundationNetworking)
            LoopbackHTTPClient()
        #else
            URLSessionHTTPClient()
        #endif
    }
}

/// URLSession with generous timeouts: creating a session starts a browser, navigating waits for a page load.
struct URLSessionHTTPClient: HTTPClient {
    let session: URLSession

    init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 300
        self.session = URLSession(configuration: configuration)
    }

    func send(_ method: String, _ url: URL, body: Data?) async throws -> (status: Int, body: Data) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let body {
            request.httpBody = body
            request.setValue("application/json; charset=utf-8", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, data)
    }
}
