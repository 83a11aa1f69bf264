import Foundation
public import Hummingbird
public import HummingbirdCore
import HummingbirdWebSocket
public import Logging
public import ReboundAPI
public import ReboundChat
public import ReboundCore
public import ReboundStore

/// Builds the Rebound HTTP application. A library, so that tests build the very same app.
public enum ReboundApplication {
    /// The router with every route and middleware.
    public static func router(environment: APIEnvironment, metricsText: (@Sendable () -> String)? = nil) -> Router<ReboundRequestContext> {
        let router = Router(context: ReboundRequestContext.self)
        router.add(middleware: MetricsMiddleware())
        ReboundAPI.addRoutes(to: router, environment: environment)
        if let metricsText {
            router.get("metrics") { _, _ in
                Response(
                    status: .ok,
                    headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: ResponseBody(byteBuffer: .init(string: metricsText()))
                )
            }
        }
        return router
    }

    /// The whole server: HTTP plus the database pool and background workers as services.
    public static func make(
        configuration: ReboundConfiguration,
        store: Store,
        wallClock: WallClock,
        logger: Logger,
        metricsText: (@Sendable () -> String)? = nil
    ) -> some ApplicationProtocol {
        var environment = APIEnvironment(store: store, clock: wallClock)
        environment.publicURL = configuration.publicURL
        var chat = ChatService(store: store, hub: environment.chatHub, clock: wallClock, logger: logger)
        chat.burst = configuration.chatBurst
        let botEnvironment = environment
        chat.botReply = { shop, conversationID, question, cartID in
            await ChatBot.reply(environment: botEnvironment, shop: shop, conversationID: conversationID, question: question, cartID: cartID)
        }
        var app = Application(
            router: router(environment: environment, metricsText: metricsText),
            server: chatServer(chat, inbox: InboxSocket(environment: environment)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "Rebound"),
            logger: logger
        )
        app.addServices(environment.ingest)
        app.addServices(ChatRelayService(relay: ChatRelay(store: store, hub: environment.chatHub, logger: logger, now: { wallClock.now() })))
        if configuration.workers {
            app.addServices(
                AbandonmentWorker(
                    store: store,
                    wallClock: wallClock,
                    clock: ContinuousClock(),
                    interval: configuration.workerInterval,
                    logger: logger
                )
            )
            app.addServices(
                FlowWorker(store: store, wallClock: wallClock, clock: ContinuousClock(), interval: configuration.workerInterval, logger: logger)
            )
            app.addServices(
                ServiceLevelWorker(store: store, wallClock: wallClock, clock: ContinuousClock(), interval: .seconds(30), logger: logger) {
                    [hub = environment.chatHub] shopID in await hub.publishToAgents(shopID: shopID, frame: ServerFrame.refresh)
                }
            )
            app.addServices(SurveyWorker(store: store, wallClock: wallClock, clock: ContinuousClock(), interval: .seconds(300), logger: logger))
            app.addServices(
                CustomerFactsWorker(
                    store: store,
                    wallClock: wallClock,
                    clock: ContinuousClock(),
                    interval: .seconds(60),
                    cache: environment.customerValues,
                    logger: logger
                )
            )
            app.addServices(
                RecsRefreshWorker(store: store, wallClock: wallClock, clock: ContinuousClock(), interval: .seconds(30), logger: logger)
            )
            app.addServices(
                MessageDispatcher(
                    store: store,
                    wallClock: wallClock,
                    clock: ContinuousClock(),
                    configuration: .init(linkBaseURL: configuration.linkBaseURL, interval: configuration.workerInterval),
                    logger: logger
                )
            )
        }
        return app
    }

    /// HTTP/1.1 with WebSocket upgrades for `/v1/chat` (shoppers) and `/admin/ws` (agents' inboxes) (16 KB frames, pings
    /// every 20 s); other requests go to the router.
    public static func chatServer(_ chat: ChatService, inbox: InboxSocket) -> HTTPServerBuilder {
        .http1WebSocketUpgrade(configuration: .init(maxFrameSize: 16 * 1024, autoPing: .enabled(timePeriod: .seconds(20)))) {
            request,
            _,
            _ in
            guard let path = request.path else { return .dontUpgrade }
            if path.hasPrefix(InboxSocket.path) {
                guard let (shop, agent) = try await inbox.authorize(path: path, headers: request.headerFields, authority: request.authority)
                else { return .dontUpgrade }
                return .upgrade([:]) { inbound, outbound, _ in
                    await inbox.run(shop: shop, agent: agent, frames: inbound) { text in try? await outbound.write(.text(text)) }
                }
            }
            guard path.hasPrefix("/v1/chat"), let (shop, visitor) = try await chat.authorize(path: path, origin: request.headerFields[.origin])
            else { return .dontUpgrade }
            return .upgrade([:]) { inbound, outbound, _ in
                let frames = inbound.messages(maxSize: 16 * 1024).compactMap { message -> String? in
                    if case .text(let text) = message { return text }
                    return nil
                }
                try await chat.run(shop: shop, visitor: visitor, frames: frames) { text in
                    try? await outbound.write(.text(text))
                }
            }
        }
    }

    /// The system's clock; only here does Rebound read the real time.
    public static let systemClock = WallClock(now: { Date() })
}
