import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// What a fake answers.
struct FakeResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    static func json(_ status: Int, _ value: FakeJSON, headers: [(String, String)] = []) -> FakeResponse {
        FakeResponse(status: status, headers: [("Content-Type", "application/json")] + headers, body: value.bytes)
    }

    static func text(_ status: Int, _ text: String, headers: [(String, String)] = []) -> FakeResponse {
        FakeResponse(status: status, headers: [("Content-Type", "text/plain")] + headers, body: Array(text.utf8))
    }

    static func empty(_ status: Int, headers: [(String, String)] = []) -> FakeResponse {
        FakeResponse(status: status, headers: headers, body: [])
    }
}

/// Every request goes to one handler, which switches on method and path the way the real service routes them.
struct FakeResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let handle: @Sendable (RecordedRequest) async throws -> FakeResponse

    func respond(to request: Request, context: Context) async throws -> Response {
        let body = try await request.body.collect(upTo: 8 << 20)
        var headers: [String: String] = [:]
        for field in request.headers {
            let name = field.name.canonicalName
            headers[name] = headers[name].map { $0 + ", " + field.value } ?? field.value
        }
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters {
            query[String(name)] = String(value)
        }
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        let recorded = RecordedRequest(
            method: request.method.rawValue,
            path: path,
            query: query,
            headers: headers,
            body: Array(body.readableBytesView)
        )
        let answer = try await handle(recorded)
        var fields = HTTPFields()
        for (name, value) in answer.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        return Response(status: .init(code: answer.status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
    }
}

/// Runs a fake on `127.0.0.1` with port 0 for the duration of `body`, which gets the bound port.
enum FakeServer {
    static func run<T>(
        name: String,
        logger: Logger?,
        handle: @escaping @Sendable (RecordedRequest) async throws -> FakeResponse,
        _ body: (Int) async throws -> T
    ) async throws -> T {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var quiet = logger ?? Logger(label: "rebound.fake.\(name)")
        // Stopping a fake cancels its server, which Hummingbird reports at error level; that is expected here.
        if logger == nil { quiet.logLevel = .critical }
        let app = Application(
            responder: FakeResponder(handle: handle),
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: name),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: quiet
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { continuation.finish() }
                try await app.run()
            }
            guard let port = await ports.first(where: { _ in true }), port > 0 else {
                // The server stopped before it was running; surface its error.
                try await group.next()
                throw FakeServerError(message: "\(name) did not start")
            }
            do {
                let result = try await body(port)
                // Cancelling also cancels handlers still waiting (a fake told to delay), so stopping is prompt.
                group.cancelAll()
                return result
            } catch {
                group.cancelAll()
                throw error
            }
        }
    }
}

/// A fake could not start.
public struct FakeServerError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
