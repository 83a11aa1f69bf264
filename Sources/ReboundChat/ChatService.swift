public import Foundation
public import Logging
public import ReboundCore
public import ReboundStore

/// One shopper's chat connection: resumes the conversation, stores each message once (by sequence number and the
/// client's id), fans it out, and turns ratings and callback requests into events and tasks.
public struct ChatService: Sendable {
    public let store: Store
    public let hub: ChatHub
    public let clock: WallClock
    public let logger: Logger
    /// Messages a shopper may send per 10 seconds before frames are refused.
    public var burst: Int = 10
    /// Answers a shopper who chose the bot (hello `mode: "bot"`): the reply's text, or nil to leave it to an agent.
    public var botReply: (@Sendable (_ shop: Shop, _ conversationID: String, _ question: String, _ cartID: Cart.ID?) async -> String?)?

    public init(store: Store, hub: ChatHub, clock: WallClock, logger: Logger) {
        self.store = store
        self.hub = hub
        self.clock = clock
        self.logger = logger
    }

    /// Checks the storefront's public key (and the page's origin against the shop's allowed origins) for an upgrade
    /// request to `/v1/chat?key=…&visitor=…`; nil when the connection is refused.
    public func authorize(path: String, origin: String?) async throws -> (shop: Shop, visitor: String)? {
        guard let components = URLComponents(string: path), components.path == "/v1/chat" else { return nil }
        let items = components.queryItems ?? []
        guard let key = items.first(where: { $0.name == "key" })?.value, let visitor = items.first(where: { $0.name == "visitor" })?.value,
            !visitor.isEmpty, visitor.count <= 100, let shop = try await store.shop(publicKey: key)
        else { return nil }
        let allowed = shop.settings.allowedOrigins
        if !allowed.isEmpty, let origin, !allowed.contains(origin) { return nil }
        return (shop, visitor)
    }

    /// Runs a connection until the socket closes. `frames` yields the text frames the shopper sends; `send` writes one.
    public func run<Frames: AsyncSequence>(
        shop: Shop,
        visitor: String,
        frames: Frames,
        send: @escaping @Sendable (String) async -> Void
    ) async throws where Frames.Element == String {
        let connectionID = await hub.makeConnectionID()
        let connection = ChatHub.Connection(id: connectionID, shopID: shop.id, send: send)
        defer { Task { await hub.leave(connectionID) } }
        var session = Session()
        var limiter = TokenBucket(capacity: Double(burst), perSecond: Double(burst) / 10, now: clock.now())
        for try await text in frames {
            let frame: ClientFrame
            do { frame = try ClientFrame.parse(text) } catch {
                await send(ServerFrame.error(error.description))
                continue
            }
            if case .message = frame, !limiter.take(now: clock.now()) {
                await send(ServerFrame.error("too many messages; wait a moment"))
                continue
            }
            do {
                session = try await handleInChildTask(frame, shop: shop, visitor: visitor, session: session, connection: connection, send: send)
            } catch let error as ChatError {
                await send(ServerFrame.error(error.description))
            } catch {
                logger.error("chat frame failed", metadata: ["rebound.shop.id": .string(shop.id.rawValue), "rebound.error": .string("\(error)")])
                await send(ServerFrame.error("the message could not be stored; send it again"))
            }
        }
    }

    /// Handles one frame in a child task. The async frames of storing a message are deep (~40 KB, measured in B4);
    /// allocated in the connection's own task they would stay with it for as long as the socket is open.
    func handleInChildTask(
        _ frame: ClientFrame,
        shop: Shop,
        visitor: String,
        session: Session,
        connection: ChatHub.Connection,
        send: @escaping @Sendable (String) async -> Void
    ) async throws -> Session {
        async let next: Session = handled(frame, shop: shop, visitor: visitor, session: session, connection: connection, send: send)
        return try await next
    }

    func handled(
        _ frame: ClientFrame,
        shop: Shop,
        visitor: String,
        session: Session,
        connection: ChatHub.Connection,
        send: @escaping @Sendable (String) async -> Void
    ) async throws -> Session {
        var session = session
        try await handle(frame, shop: shop, visitor: visitor, session: &session, connection: connection, send: send)
        return session
    }

    struct Session: Sendable {
        var conversationID: String?
        var cartID: Cart.ID?
        var customerID: Customer.ID?
        var helloSeen = false
        var botMode = false
    }

    func handle(
        _ frame: ClientFrame,
        shop: Shop,
        visitor: String,
        session: inout Session,
        connection: ChatHub.Connection,
        send: @escaping @Sendable (String) async -> Void
    ) async throws {
        let now = clock.now()
        switch frame {
        case .hello(let requested, let lastSeq, let cart, _, _, let mode):
            session.helloSeen = true
            session.botMode = mode == "bot"
            if let token = cart?["cart_token"]?.stringValue, let found = try await store.cart(shopID: shop.id, token: token) {
                session.cartID = found.id
                session.customerID = found.customerID
            }
            // Resume the conversation the page names, if it is this visitor's; else the visitor's open one.
            var conversation = try await requested.asyncMap { try await store.conversation(shopID: shop.id, id: $0) } ?? nil
            if let found = conversation, found.visitorID != visitor { conversation = nil }
            if conversation == nil {
                conversation = try await store.conversations(shopID: shop.id, status: nil, visitorID: visitor, limit: 1).first {
                    $0.channel == "chat"
                }
            }
            session.conversationID = conversation?.id
            await send(ServerFrame.welcome(conversationID: conversation?.id, agentsOnline: await hub.agentsOnline(shopID: shop.id, now: now)))
            if let conversation {
                await hub.join(conversationID: conversation.id, connection)
                let history = try await store.conversationMessages(shopID: shop.id, conversationID: conversation.id, afterSeq: lastSeq)
                    .filter { $0.author != "note" }
                let files = try await store.attachments(shopID: shop.id, messageIDs: history.map(\.id))
                for message in history {
                    await send(ServerFrame.message(message, conversationID: conversation.id, attachments: files[message.id] ?? [], shopID: shop.id))
                }
            }
        case .message(let clientID, let text, let attachmentIDs):
            guard session.helloSeen else { throw ChatError("send hello first") }
            if !attachmentIDs.isEmpty {
                let sendable = try await store.sendableAttachments(
                    shopID: shop.id,
                    ids: attachmentIDs,
                    uploader: "visitor:" + visitor,
                    conversationID: session.conversationID
                )
                guard sendable.count == Set(attachmentIDs).count else { throw ChatError("an image was not found; upload it again") }
            }
            let target: ConversationTarget =
                session.conversationID.map { .existing(id: $0) }
                ?? .find(
                    channel: "chat",
                    customerID: session.customerID,
                    visitorID: visitor,
                    externalThread: nil,
                    subject: nil,
                    cartID: session.cartID
                )
            let stored = try await store.appendConversationMessage(
                shopID: shop.id,
                to: target,
                author: "shopper",
                authorName: nil,
                body: text,
                clientID: clientID,
                now: now
            )
            if session.conversationID == nil {
                session.conversationID = stored.conversation.id
                await hub.join(conversationID: stored.conversation.id, connection)
            }
            // Images the shopper uploaded are linked to the message once; a resend finds them linked already.
            let files =
                stored.isNew
                ? try await store.attach(
                    shopID: shop.id,
                    ids: attachmentIDs,
                    uploader: "visitor:" + visitor,
                    conversationID: stored.conversation.id,
                    messageID: stored.message.id
                )
                : try await store.attachments(shopID: shop.id, messageIDs: [stored.message.id])[stored.message.id] ?? []
            let frame = ServerFrame.message(stored.message, conversationID: stored.conversation.id, attachments: files, shopID: shop.id)
            if stored.isNew {
                await hub.publish(shopID: shop.id, conversationID: stored.conversation.id, frame: frame)
                if session.botMode, !text.isEmpty, let botReply, let answer = await botReply(shop, stored.conversation.id, text, session.cartID) {
                    let reply = try await store.appendConversationMessage(
                        shopID: shop.id,
                        to: .existing(id: stored.conversation.id),
                        author: "bot",
                        authorName: nil,
                        body: answer,
                        now: clock.now()
                    )
                    await hub.publish(
                        shopID: shop.id,
                        conversationID: stored.conversation.id,
                        frame: ServerFrame.message(reply.message, conversationID: stored.conversation.id)
                    )
                }
                if stored.message.seq == 1 {
                    let event = Event(
                        id: Event.ID("chat_started_\(stored.conversation.id)"),
                        type: "chat_started",
                        anonymousID: visitor,
                        occurredAt: now,
                        properties: [
                            "conversation_id": .string(stored.conversation.id),
                            "cart_id": session.cartID.map { .string($0.rawValue) } ?? .null,
                        ]
                    )
                    try await store.appendSystemEvents([(event, session.customerID)], shopID: shop.id, now: now)
                }
            } else {
                // A resend after a reconnect: confirm to this socket only; nobody else sees it twice.
                await send(frame)
            }
        case .typing:
            if let id = session.conversationID {
                await hub.publish(shopID: shop.id, conversationID: id, frame: ServerFrame.typing(author: "shopper", name: nil), except: connection.id)
            }
        case .read(let seq):
            if let id = session.conversationID {
                await hub.publish(shopID: shop.id, conversationID: id, frame: ServerFrame.read(seq: seq), except: connection.id)
            }
        case .csat(let score, let comment):
            guard let id = session.conversationID else { throw ChatError("there is no conversation to rate") }
            let event = Event(
                id: Event.ID("csat_\(id)"),
                type: "csat_submitted",
                anonymousID: visitor,
                occurredAt: now,
                properties: ["conversation_id": .string(id), "score": .int(Int64(score)), "comment": .string(comment), "channel": "chat"]
            )
            try await store.appendSystemEvents([(event, session.customerID)], shopID: shop.id, now: now)
        case .contact(let email, let phone):
            let task = AgentTask(
                id: "task_" + RandomToken.make(byteCount: 9),
                kind: "callback",
                title: "Call back " + (email ?? phone ?? ""),
                detail: [email.map { "email \($0)" }, phone.map { "phone \($0)" }, session.conversationID.map { "conversation \($0)" }]
                    .compactMap { $0 }.joined(separator: ", "),
                customerID: session.customerID,
                cartID: session.cartID,
                queue: "callbacks",
                priority: "normal",
                createdAt: now
            )
            try await store.createTask(task, key: "callback:\(visitor):\(now.epochMilliseconds / 60_000)", shopID: shop.id)
            await send(JSONValue.object(["type": "contact_saved"]).jsonText)
        }
    }
}

/// At most `capacity` tokens, refilled at `perSecond`; time comes from the caller.
struct TokenBucket {
    var capacity: Double
    var perSecond: Double
    var tokens: Double
    var last: Date

    init(capacity: Double, perSecond: Double, now: Date) {
        self.capacity = capacity
        self.perSecond = perSecond
        self.tokens = capacity
        self.last = now
    }

    mutating func take(now: Date) -> Bool {
        tokens = min(capacity, tokens + max(0, now.timeIntervalSince(last)) * perSecond)
        last = now
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }
}
