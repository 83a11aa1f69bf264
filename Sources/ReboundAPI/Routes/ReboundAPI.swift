public import Foundation
public import Hummingbird
import Logging
import Metrics
public import ReboundChat
public import ReboundCore
public import ReboundStore

/// What the routes need from the outside world.
public struct APIEnvironment: Sendable {
    public var store: Store
    public var clock: WallClock
    /// Largest accepted body of `/v1/events` and webhooks.
    public var maxBodyBytes: Int
    /// Per-public-key limit on `/v1/track` requests per second (a burst of 4× is allowed).
    public var trackRatePerSecond: Double
    /// Group commit for `/v1/events` and `/v1/track`; run it as a service for batching across requests.
    public var ingest: IngestBatcher
    /// How long an authenticated key is trusted without asking the database again.
    public var keyCacheSeconds: TimeInterval
    public let keyCache = KeyCache()
    /// The address providers and shoppers reach this server at (signed callback URLs, links); when nil, taken from
    /// the request's `Host`.
    public var publicURL: String?
    /// Live chat connections of this process (shoppers' chats and agents' inboxes), for agent replies, the inbox's
    /// live updates and the widget's online status.
    public let chatHub: ChatHub
    /// Customer values and segment facts per shop, rebuilt when orders or customers change.
    public var customerValues = CustomerValueCache()
    /// Sign-in, sessions and rate limits of `/admin`.
    public var admin = AdminConfiguration()
    /// Each shop's answer bot, rebuilt when its knowledge changes.
    public let knowledge = KnowledgeCache()
    /// Times the bot's optional language model out; tests give a clock they control.
    public var timeoutClock: any Clock<Duration> = ContinuousClock()
    /// Order checks (portal and bot) per client address and email: 5 at once, then one every 3 minutes.
    let orderLookupLimiter = RateLimiter(ratePerSecond: 1.0 / 180, burst: 5)

    public init(
        store: Store,
        clock: WallClock,
        maxBodyBytes: Int = 2 * 1024 * 1024,
        trackRatePerSecond: Double = 50,
        keyCacheSeconds: TimeInterval = 0
    ) {
        self.store = store
        self.clock = clock
        self.maxBodyBytes = maxBodyBytes
        self.trackRatePerSecond = trackRatePerSecond
        self.ingest = IngestBatcher(store: store, clock: clock)
        self.keyCacheSeconds = keyCacheSeconds
        self.chatHub = ChatHub(agentFrame: InboxFeed.agentFrame(store: store, clock: clock))
    }
}

/// Adds every Rebound HTTP route to a router.
public enum ReboundAPI {
    public static func addRoutes(to router: Router<ReboundRequestContext>, environment: APIEnvironment) {
        router.add(middleware: ProblemMiddleware())
        StaticRoutes.add(to: router, environment: environment)
        TrackRoutes(environment: environment).add(to: router)
        WebhookRoutes(environment: environment).add(to: router)
        LinkRoutes(environment: environment).add(to: router)
        SurveyRoutes(environment: environment).add(to: router)
        InboundRoutes(environment: environment).addWebhooks(to: router)
        MetaRoutes(environment: environment).add(to: router)
        WidgetRoutes(environment: environment).add(to: router)
        AttachmentRoutes(environment: environment).add(to: router)
        RiskRoutes(environment: environment).add(to: router)
        let v1 = router.group("v1").add(
            middleware: APIKeyMiddleware(
                store: environment.store,
                clock: environment.clock,
                cache: environment.keyCache,
                cacheSeconds: environment.keyCacheSeconds
            )
        )
        EventRoutes(environment: environment).add(to: v1)
        SettingsRoutes(environment: environment).add(to: v1)
        SatisfactionRoutes(environment: environment).add(to: v1)
        RiskRoutes(environment: environment).add(to: v1)
        QueryRoutes(environment: environment).add(to: v1)
        FlowRoutes(environment: environment).add(to: v1)
        InboundRoutes(environment: environment).add(to: v1)
        DeliveryRoutes(environment: environment).add(to: v1)
        ReportRoutes(environment: environment).add(to: v1)
        SegmentRoutes(environment: environment).add(to: v1)
        AdminRoutes(environment: environment).add(to: router)
        KnowledgeRoutes(environment: environment).add(to: v1)
        BotRoutes(environment: environment).add(to: v1)
        HelpRoutes(environment: environment).add(to: router)
        InboxRoutes(environment: environment).add(to: v1)
        RecommendationRoutes(environment: environment).add(to: router, v1: v1)
    }
}

/// Metric names, in one place so that dashboards can rely on them.
public enum ReboundMetrics {
    public static func eventsIngested(_ count: Int, source: String) {
        Counter(label: "rebound_events_ingested_total", dimensions: [("source", source)]).increment(by: count)
    }

    public static func eventsDuplicate(_ count: Int) {
        Counter(label: "rebound_events_duplicate_total").increment(by: count)
    }

    public static func eventsRejected(_ count: Int) {
        Counter(label: "rebound_events_rejected_total").increment(by: count)
    }

    public static func webhookRefused(platform: String, reason: String) {
        Counter(label: "rebound_webhooks_refused_total", dimensions: [("platform", platform), ("reason", reason)]).increment()
    }

    public static func webhookAccepted(platform: String, topic: String) {
        Counter(label: "rebound_webhooks_accepted_total", dimensions: [("platform", platform), ("topic", topic)]).increment()
    }

    public static func detections(_ events: [Event]) {
        for event in events {
            Counter(label: "rebound_abandonment_detections_total", dimensions: [("type", event.type)]).increment()
        }
    }
}
