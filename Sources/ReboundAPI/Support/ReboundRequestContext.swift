public import Hummingbird
import Logging
import NIOCore
public import ReboundCore

/// The request context of every Rebound route: the authenticated shop, once a middleware found it.
public struct ReboundRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `APIKeyMiddleware` for `/v1` routes.
    public var shop: Shop?
    /// The peer's IP address (not a forwarded header, which a client can set), for per-client rate limits.
    public var remoteIP: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.shop = nil
        self.remoteIP = source.channel.remoteAddress?.ipAddress
    }

    /// The authenticated shop; a route behind `APIKeyMiddleware` always has one.
    public func requireShop() throws -> Shop {
        guard let shop else { throw ProblemDetails.unauthorized }
        return shop
    }

    public var maxUploadSize: Int { 8 * 1024 * 1024 }
}
