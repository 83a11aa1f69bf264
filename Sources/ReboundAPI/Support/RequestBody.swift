public import Foundation
public import Hummingbird
import NIOCore
public import ReboundCore

/// Reading bodies with a size limit and JSON errors that say where.
public enum RequestBody {
    /// Collects the raw body, answering 413 beyond `limit` bytes.
    public static func bytes(_ request: Request, limit: Int) async throws -> [UInt8] {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw ProblemDetails.tooLarge(limit: limit) }
        do {
            var buffer = try await request.body.collect(upTo: limit)
            return buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw ProblemDetails.tooLarge(limit: limit)
        }
    }

    /// Parses a JSON body into a `JSONValue`.
    public static func json(_ bytes: [UInt8]) throws -> JSONValue {
        guard !bytes.isEmpty else { throw ProblemDetails.malformedJSON("the body is empty") }
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw ProblemDetails.malformedJSON(error.description)
        }
    }

    public static func json(_ request: Request, limit: Int) async throws -> JSONValue {
        try json(try await bytes(request, limit: limit))
    }
}

/// Reads query parameters with clear errors.
public struct Query: Sendable {
    let request: Request

    public init(_ request: Request) {
        self.request = request
    }

    public func string(_ name: String) -> String? {
        request.uri.queryParameters.get(name).flatMap { $0.isEmpty ? nil : $0 }
    }

    public func limit(default value: Int = 50, max: Int = 500) throws -> Int {
        guard let text = string("limit") else { return value }
        guard let limit = Int(text), limit >= 1, limit <= max else {
            throw ProblemDetails.badQuery("limit", "must be a whole number from 1 to \(max)")
        }
        return limit
    }

    public func int(_ name: String) throws -> Int64? {
        guard let text = string(name) else { return nil }
        guard let value = Int64(text) else { throw ProblemDetails.badQuery(name, "must be a whole number") }
        return value
    }

    public func date(_ name: String) throws -> Date? {
        guard let text = string(name) else { return nil }
        guard let date = RFC3339.parse(text) else { throw ProblemDetails.badQuery(name, "must be an RFC 3339 time such as 2026-11-26T12:00:00Z") }
        return date
    }

    public func oneOf<T: RawRepresentable>(_ name: String, _ type: T.Type) throws -> T? where T.RawValue == String, T: CaseIterable {
        guard let text = string(name) else { return nil }
        guard let value = T(rawValue: text) else {
            throw ProblemDetails.badQuery(name, "must be one of " + T.allCases.map(\.rawValue).joined(separator: ", "))
        }
        return value
    }
}

extension Cart.Kind: CaseIterable {
    public static let allCases: [Cart.Kind] = [.cart, .checkout]
}
