import Foundation
import NIOHTTP1

/// Posts `{"query", "variables"}` to the GraphQL Admin API (`POST /admin/api/2024-10/graphql.json`) and unwraps the
/// answer: top-level `errors` (a `THROTTLED` code means rate limited, per
/// https://shopify.dev/docs/api/usage/rate-limits#graphql-admin-api-rate-limits) and each mutation's `userErrors`.
struct ShopifyGraphQL: Sendable {
    let configuration: ShopifyConfiguration
    let http: PlatformHTTP

    struct Request<Variables: Encodable>: Encodable {
        var query: String
        var variables: Variables
    }

    struct Response<Payload: Decodable>: Decodable {
        var data: Payload?
        var errors: [GraphQLErrorDTO]?
    }

    struct GraphQLErrorDTO: Decodable {
        struct Extensions: Decodable { var code: String? }
        var message: String
        var extensions: Extensions?
    }

    /// `UserError { field: [String], message: String }`.
    struct UserErrorDTO: Decodable {
        var field: [String]?
        var message: String
    }

    /// Runs one operation and returns its `data`.
    func execute<Variables: Encodable, Payload: Decodable>(
        _ query: String,
        variables: Variables,
        as payload: Payload.Type
    ) async throws -> Payload {
        let response = try await http.send(
            .POST,
            configuration.url("graphql.json"),
            headers: configuration.headers,
            json: try PlatformHTTP.encode(Request(query: query, variables: variables))
        )
        guard response.isSuccess else { throw ShopifyErrors.error(response) }
        let decoded = try response.decode(Response<Payload>.self, service: "Shopify")
        if let errors = decoded.errors, let first = errors.first {
            let code = first.extensions?.code
            let text = errors.map(\.message).joined(separator: "; ")
            if code == "THROTTLED" {
                throw PlatformError(.rateLimited, "Shopify GraphQL: \(text)", status: response.status, platformCode: code, retryAfter: .seconds(1))
            }
            if code == "ACCESS_DENIED" {
                throw PlatformError(.authenticationFailed, "Shopify GraphQL: \(text)", status: response.status, platformCode: code)
            }
            throw PlatformError(.rejected, "Shopify GraphQL: \(text)", status: response.status, platformCode: code)
        }
        guard let data = decoded.data else { throw PlatformError(.protocolError, "Shopify GraphQL answered without data", status: response.status) }
        return data
    }

    /// Throws `rejected` naming the mutation and each `field: message`.
    static func check(_ userErrors: [UserErrorDTO]?, in mutation: String) throws {
        guard let userErrors, !userErrors.isEmpty else { return }
        let text = userErrors.map { error in
            let field = (error.field ?? []).joined(separator: ".")
            return field.isEmpty ? error.message : "\(field): \(error.message)"
        }.joined(separator: "; ")
        throw PlatformError(.rejected, "Shopify \(mutation): \(text)", platformCode: userErrors.first?.field?.joined(separator: "."))
    }

    /// `gid://shopify/{type}/{id}` from a numeric id; a gid is kept as it is.
    static func gid(_ type: String, _ id: String) throws -> String {
        if id.hasPrefix("gid://shopify/") { return id }
        guard !id.isEmpty, id.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw PlatformError(.invalidRequest, "not a Shopify \(type) id: \(id)")
        }
        return "gid://shopify/\(type)/\(id)"
    }
}
