public import Hummingbird
import Logging
import NIOCore
public import ReboundCore
public import ReboundStore

/// The request context of every Rebound route: the authenticated shop, once a middleware found it.
public struct ReboundRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `APIKeyMiddleware` for `/v1` routes, and by `AdminSessionMiddleware` for `/admin` pages.
    public var shop: Shop?
    /// The signed-in agent and their session, on `/admin` pages.
    public var agent: Agent?
    public var adminSession: AdminSession?
    /// The peer's IP address, when the connection has one (sign-in rate limits key on it).
    public var remoteAddress: String?

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.shop = nil
        self.remoteAddress = source.channel.remoteAddress?.ipAddress
    }

    /// The authenticated shop; a route behind `APIKeyMiddleware` always has one.
    public func requireShop() throws -> Shop {
        guard let shop else { throw ProblemDetails.unauthorized }
        return shop
    }

    public var maxUploadSize: Int { 8 * 1024 * 1024 }
}
