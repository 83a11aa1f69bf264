import Foundation

/// Reads the Graph API error object `{"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}}`
/// (https://developers.facebook.com/docs/graph-api/guides/error-handling) and maps its `code`:
/// 190 and 102 (bad or expired token) to `authenticationFailed`; 4, 17, 32, 613, 80007 and WhatsApp's 130429,
/// 131048 and 131056 (throttling) to `rateLimited`; 1, 2 and `is_transient` to `transientFailure`; other codes to
/// `rejected` with the code kept in ``PlatformError/platformCode`` (for example 10 or 131047, outside the 24-hour
/// messaging window).
enum MetaGraphError {
    struct Envelope: Decodable {
        struct Body: Decodable {
            var message: String?
            var type: String?
            var code: Int?
            var error_subcode: Int?
            var is_transient: Bool?
        }
        var error: Body?
    }

    static let authenticationCodes: Set<Int> = [102, 190]
    static let throttlingCodes: Set<Int> = [4, 17, 32, 613, 80007, 130429, 131048, 131056]
    static let transientCodes: Set<Int> = [1, 2]

    static func error(_ response: PlatformHTTP.Response, service: String) -> PlatformError {
        guard let body = (try? JSONDecoder().decode(Envelope.self, from: Data(response.body)))?.error else {
            let text = String(decoding: response.body.prefix(500), as: UTF8.self)
            return PlatformError.httpStatus(
                response.status,
                service: service,
                detail: text.isEmpty ? "no error details" : text,
                retryAfter: response.retryAfter
            )
        }
        let message = "\(service): \(body.message ?? "error") (\(body.type ?? "GraphError"))"
        guard let code = body.code else {
            return PlatformError.httpStatus(response.status, service: service, detail: body.message ?? "error", retryAfter: response.retryAfter)
        }
        let platformCode = body.error_subcode.map { "\(code)/\($0)" } ?? String(code)
        let mapped: PlatformError.Code
        if authenticationCodes.contains(code) {
            mapped = .authenticationFailed
        } else if throttlingCodes.contains(code) || response.status == 429 {
            mapped = .rateLimited
        } else if transientCodes.contains(code) || body.is_transient == true || response.status >= 500 {
            mapped = .transientFailure
        } else {
            mapped = .rejected
        }
        return PlatformError(mapped, message, status: response.status, platformCode: platformCode, retryAfter: response.retryAfter)
    }
}
