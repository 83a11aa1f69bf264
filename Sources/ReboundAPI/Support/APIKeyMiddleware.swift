public import Foundation
public import Hummingbird
import Logging
public import ReboundCore
public import ReboundStore
import Synchronization

/// Authenticates `/v1` requests by `Authorization: Bearer <api_key>` and puts the key's shop in the context.
///
/// A verified key may be remembered for `cacheSeconds` so a busy client costs no extra queries; a revoked key then
/// stops working within that time in every process. The default is 0: revocation takes effect on the next request.
public struct APIKeyMiddleware: RouterMiddleware {
    public typealias Context = ReboundRequestContext
    let store: Store
    let clock: WallClock
    let cacheSeconds: TimeInterval
    let cache: KeyCache

    public init(store: Store, clock: WallClock, cache: KeyCache, cacheSeconds: TimeInterval = 2) {
        self.store = store
        self.clock = clock
        self.cache = cache
        self.cacheSeconds = cacheSeconds
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.hasPrefix("Bearer ") else { throw ProblemDetails.unauthorized }
        let key = String(header.dropFirst("Bearer ".count)).trimmingCharacters(in: .whitespaces)
        let now = clock.now()
        let shop: Shop
        if cacheSeconds > 0, let cached = cache.shop(for: key, now: now) {
            shop = cached
        } else {
            guard let prefix = APIKeys.prefix(of: key), let record = try await store.apiKey(prefix: prefix), APIKeys.matches(key, record),
                let found = try await store.shop(id: record.shopID)
            else { throw ProblemDetails.unauthorized }
            if cacheSeconds > 0 { cache.remember(key, shop: found, until: now.addingTimeInterval(cacheSeconds)) }
            shop = found
        }
        var context = context
        context.shop = shop
        context.logger[metadataKey: "rebound.shop.id"] = .string(shop.id.rawValue)
        return try await next(request, context)
    }
}

/// Keys verified recently, by the SHA-256 of the whole key (never the key itself).
public final class KeyCache: Sendable {
    private let entries = Mutex<[String: (shop: Shop, until: Date)]>([:])

    public init() {}

    /// Forgets every key of a shop, e.g. after its settings changed.
    public func invalidate(shopID: Shop.ID) {
        entries.withLock { entries in entries = entries.filter { $0.value.shop.id != shopID } }
    }

    func shop(for key: String, now: Date) -> Shop? {
        let digest = APIKeys.hash(key)
        return entries.withLock { entries in
            guard let entry = entries[digest] else { return nil }
            guard entry.until > now else {
                entries[digest] = nil
                return nil
            }
            return entry.shop
        }
    }

    func remember(_ key: String, shop: Shop, until: Date) {
        let digest = APIKeys.hash(key)
        entries.withLock { entries in
            if entries.count > 10_000 { entries.removeAll() }
            entries[digest] = (shop, until)
        }
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
