import Foundation
import Logging
public import Hummingbird
import ReboundCore
public import ReboundStore

/// Authenticates `/v1` requests by `Authorization: Bearer <api_key>` and puts the key's shop in the context.
public struct APIKeyMiddleware: RouterMiddleware {
    public typealias Context = ReboundRequestContext
    let store: Store

    public init(store: Store) {
        self.store = store
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw ProblemDetails.unauthorized }
        let key = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let prefix = APIKeys.prefix(of: key), let record = try await store.apiKey(prefix: prefix), APIKeys.matches(key, record),
            let shop = try await store.shop(id: record.shopID)
        else { throw ProblemDetails.unauthorized }
        var context = context
        context.shop = shop
        context.logger[metadataKey: "rebound.shop.id"] = .string(shop.id.rawValue)
        return try await next(request, context)
    }
}

/// Turns errors that are not problem documents into a logged, bare 500 problem, never a stack or a message.
public struct ProblemMiddleware: RouterMiddleware {
    public typealias Context = ReboundRequestContext
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as ProblemDetails {
            throw error
        } catch let error as HTTPError {
            let type = error.status.code == 413 ? "too-large" : (error.status.code == 404 ? "not-found" : "http")
            throw ProblemDetails(error.status, type: type, title: error.status.reasonPhrase, detail: error.body)
        } catch let error as StoreError where error.code == .notFound {
            throw ProblemDetails.notFound(error.message)
        } catch let error as any HTTPResponseError {
            throw error
        } catch {
            context.logger.error("request failed", metadata: ["rebound.error": .string(String(reflecting: error))])
            throw ProblemDetails.internalError
        }
    }
}
