import Foundation

/// Reads WooCommerce's error object `{"code": "woocommerce_rest_…", "message": "…", "data": {"status": 400}}`
/// (https://woocommerce.github.io/woocommerce-rest-api-docs/#errors).
enum WooCommerceErrors {
    struct ErrorDTO: Decodable {
        var code: String?
        var message: String?
    }

    static func error(_ response: PlatformHTTP.Response) -> PlatformError {
        let dto = try? JSONDecoder().decode(ErrorDTO.self, from: Data(response.body))
        let detail = dto?.message ?? String(decoding: response.body.prefix(500), as: UTF8.self)
        return PlatformError.httpStatus(
            response.status,
            service: "WooCommerce",
            detail: detail.isEmpty ? "no error details" : detail,
            platformCode: dto?.code,
            retryAfter: response.retryAfter
        )
    }

    /// The `code` of an error body, if any.
    static func code(_ response: PlatformHTTP.Response) -> String? {
        (try? JSONDecoder().decode(ErrorDTO.self, from: Data(response.body)))?.code
    }
}
