import Foundation
public import HTTPTypes
import Hummingbird
public import HummingbirdTesting
import NIOCore
public import ReboundAPI
import ReboundApp
public import ReboundChat
public import ReboundCore
public import ReboundStore

/// The real application on a test database and a test clock, driven through HummingbirdTesting.
public struct TestApp: Sendable {
    public let store: Store
    public let shop: Shop
    public let apiKey: String
    public let clock: TestClock
    public let client: any TestClientProtocol
    /// For a live app: the same routes called in process, without the live client's 15-second read timeout, for slow
    /// setup (a knowledge import on a loaded machine) that is not what a test is about.
    public var inProcess: TestApp { TestApp(store: store, shop: shop, apiKey: apiKey, clock: clock, client: routerClient ?? client) }
    let routerClient: (any TestClientProtocol)?

    init(store: Store, shop: Shop, apiKey: String, clock: TestClock, client: any TestClientProtocol, routerClient: (any TestClientProtocol)? = nil) {
        self.store = store
        self.shop = shop
        self.apiKey = apiKey
        self.clock = clock
        self.client = client
        self.routerClient = routerClient
    }

    /// Sends a request; `json` is encoded as the body.
    @discardableResult
    public func request(
        _ method: HTTPRequest.Method,
        _ uri: String,
        json: JSONValue? = nil,
        body: [UInt8]? = nil,
        headers: HTTPFields = [:],
        key: String? = nil
    ) async throws -> TestResponse {
        var fields = headers
        if fields[.authorization] == nil, !uri.hasPrefix("/webhooks"), uri != "/v1/track" {
            fields[.authorization] = "Bearer \(key ?? apiKey)"
        }
        var buffer: ByteBuffer?
        if let json {
            buffer = ByteBuffer(bytes: try JSONEncoder().encode(json))
            if fields[.contentType] == nil { fields[.contentType] = "application/json" }
        } else if let body {
            buffer = ByteBuffer(bytes: body)
        }
        return try await client.execute(uri: uri, method: method, headers: fields, body: buffer)
    }

    /// Runs the flow worker once at the test clock's time: starts runs for new events, moves due runs on.
    @discardableResult
    public func runFlows() async throws -> Int {
        try await FlowWorker(store: store, wallClock: clock.wallClock, clock: ContinuousClock(), interval: .seconds(1), logger: store.logger)
            .runOnce()
    }

    /// Runs the message dispatcher once at the test clock's time: sends what is due through the shop's channels.
    @discardableResult
    public func dispatch() async throws -> Int {
        try await MessageDispatcher(
            store: store,
            wallClock: clock.wallClock,
            clock: ContinuousClock(),
            configuration: .init(linkBaseURL: TestApp.publicURL),
            logger: store.logger
        ).runOnce()
    }

    /// The address links and callbacks in test messages point at.
    public static let publicURL = "https://rebound.test"

    /// Runs the abandonment worker once at the test clock's time.
    @discardableResult
    public func detect() async throws -> [Event] {
        try await AbandonmentWorker(store: store, wallClock: clock.wallClock, clock: ContinuousClock(), interval: .seconds(1), logger: store.logger)
            .runOnce()
    }
}

extension TestResponse {
    /// The body parsed as JSON.
    public var json: JSONValue {
        get throws { try JSONDecoder().decode(JSONValue.self, from: Data(body.readableBytesView)) }
    }

    public var text: String { String(buffer: body) }
}

/// The app on a real socket, with the chat's WebSocket upgrade, for tests that need a live server.
public func withLiveTestApp(
    _ engine: TestEngine,
    settings: ShopSettings = ShopSettings(),
    _ body: @Sendable (TestApp, ChatHub) async throws -> Void
) async throws {
    let clock = TestClock()
    try await withTestStore(engine, now: clock.now) { store in
        let created = try await makeTestShop(store, now: clock.now, settings: settings)
        var environment = APIEnvironment(store: store, clock: clock.wallClock, maxBodyBytes: 512 * 1024)
        environment.publicURL = TestApp.publicURL
        let hub = environment.chatHub
        var chat = ChatService(store: store, hub: hub, clock: clock.wallClock, logger: store.logger)
        let botEnvironment = environment
        chat.botReply = { shop, conversationID, question, cartID in
            await ChatBot.reply(environment: botEnvironment, shop: shop, conversationID: conversationID, question: question, cartID: cartID)
        }
        let app = Application(
            router: ReboundApplication.router(environment: environment),
            server: ReboundApplication.chatServer(chat, inbox: InboxSocket(environment: environment))
        )
        let direct = Application(router: ReboundApplication.router(environment: environment))
        try await direct.test(.router) { routerClient in
            try await app.test(.live) { client in
                let testApp = TestApp(
                    store: store,
                    shop: created.shop,
                    apiKey: created.apiKey,
                    clock: clock,
                    client: client,
                    routerClient: routerClient
                )
                try await body(testApp, hub)
            }
        }
    }
}

/// Builds the app on `engine` with a fresh shop and runs `body` against it.
public func withTestApp(
    _ engine: TestEngine,
    settings: ShopSettings = ShopSettings(),
    environment configure: @Sendable (inout APIEnvironment) -> Void = { _ in },
    _ body: @Sendable (TestApp) async throws -> Void
) async throws {
    let clock = TestClock()
    try await withTestStore(engine, now: clock.now) { store in
        let created = try await makeTestShop(store, now: clock.now, settings: settings)
        var environment = APIEnvironment(store: store, clock: clock.wallClock, maxBodyBytes: 512 * 1024)
        environment.publicURL = TestApp.publicURL
        configure(&environment)
        let router = ReboundApplication.router(environment: environment)
        let app = Application(router: router)
        try await app.test(.router) { client in
            try await body(TestApp(store: store, shop: created.shop, apiKey: created.apiKey, clock: clock, client: client))
        }
    }
}
