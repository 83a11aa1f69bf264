import Foundation
public import HTTPTypes
public import Hummingbird
import NIOCore

/// An RFC 9457 problem document: every 4xx and 5xx Rebound answers is one.
public struct ProblemDetails: HTTPResponseError, Sendable {
    /// One invalid field, named by its path in the request (`events[3].occurred_at`).
    public struct FieldError: Codable, Sendable, Hashable {
        public var field: String
        public var detail: String
        public init(field: String, detail: String) {
            self.field = field
            self.detail = detail
        }
    }

    public var status: HTTPResponse.Status
    public var type: String
    public var title: String
    public var detail: String?
    public var errors: [FieldError]
    public var headers: HTTPFields

    public init(
        _ status: HTTPResponse.Status,
        type: String,
        title: String,
        detail: String? = nil,
        errors: [FieldError] = [],
        headers: HTTPFields = [:]
    ) {
        self.status = status
        self.type = type
        self.title = title
        self.detail = detail
        self.errors = errors
        self.headers = headers
    }

    struct Document: Encodable {
        var type: String
        var title: String
        var status: Int
        var detail: String?
        var instance: String?
        var errors: [FieldError]?
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let document = Document(
            type: "https://rebound.dev/problems/" + type,
            title: title,
            status: Int(status.code),
            detail: detail,
            instance: request.uri.path,
            errors: errors.isEmpty ? nil : errors
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(document)
        var fields = headers
        fields[.contentType] = "application/problem+json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: Common problems

    public static func validation(_ errors: [FieldError], detail: String? = nil) -> ProblemDetails {
        ProblemDetails(
            .unprocessableContent,
            type: "validation",
            title: "The request is not valid",
            detail: detail ?? errors.first.map { "\($0.field): \($0.detail)" },
            errors: errors
        )
    }

    public static func validation(field: String, _ detail: String) -> ProblemDetails {
        validation([FieldError(field: field, detail: detail)])
    }

    public static func malformedJSON(_ detail: String) -> ProblemDetails {
        ProblemDetails(.badRequest, type: "malformed-json", title: "The body is not valid JSON", detail: detail)
    }

    public static func notFound(_ what: String) -> ProblemDetails {
        ProblemDetails(.notFound, type: "not-found", title: "Not found", detail: "\(what) does not exist")
    }

    public static let unauthorized = ProblemDetails(
        .unauthorized,
        type: "unauthorized",
        title: "Authentication required",
        detail: "Send a valid API key as 'Authorization: Bearer <api_key>'",
        headers: [.wwwAuthenticate: "Bearer"]
    )

    public static func tooLarge(limit: Int) -> ProblemDetails {
        ProblemDetails(.contentTooLarge, type: "too-large", title: "The body is too large", detail: "at most \(limit) bytes are accepted")
    }

    public static func badQuery(_ name: String, _ detail: String) -> ProblemDetails {
        ProblemDetails(
            .badRequest,
            type: "bad-query",
            title: "A query parameter is not valid",
            detail: "\(name): \(detail)",
            errors: [FieldError(field: name, detail: detail)]
        )
    }

    public static let internalError = ProblemDetails(
        .internalServerError,
        type: "internal",
        title: "Internal error",
        detail: "The error was logged; nothing was changed by this request"
    )
}
