// swift-tools-version:6.1
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "rebound",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "rebound", targets: ["rebound"]),
        .library(name: "ReboundApp", targets: ["ReboundApp"]),
        .library(name: "ReboundCore", targets: ["ReboundCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket.git", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
    ],
    targets: [
        // Pure domain: no NIO, no HTTP, no database. Time comes in as `now`.
        .target(
            name: "ReboundCore",
            swiftSettings: swiftSettings
        ),
        // Flow documents, templates, the flow state machine, guardrails, discounts, experiments, attribution: pure.
        .target(
            name: "ReboundFlows",
            dependencies: ["ReboundCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),
        // Experiment statistics, customer value (CLV, RFM, churn), propensity model, segments, rollups: pure.
        .target(name: "ReboundAnalytics", swiftSettings: swiftSettings),
        .executableTarget(name: "analytics-eval", dependencies: ["ReboundAnalytics"], swiftSettings: swiftSettings),
        // Email (SMTP on NIO, MIME, DKIM, templates, signed links, bounces), SMS (Twilio-compatible), webhooks.
        .target(
            name: "ReboundChannels",
            dependencies: [
                "ReboundCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        // Adapters for shop platforms (Shopify, WooCommerce discount codes and order edits), Meta messaging
        // (Messenger, Instagram, WhatsApp) and OpenAI-compatible chat completions. AsyncHTTPClient only.
        .target(
            name: "ReboundPlatforms",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        // Fake servers that speak those services' documented wire formats, for the tests.
        .target(
            name: "ReboundPlatformsFakes",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Benchmark B3 driver (Benchmarks/channels).
        .executableTarget(
            name: "channels-bench",
            dependencies: ["ReboundChannels", "ReboundCore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // Live chat: the protocol, the per-process hub and the per-connection service (no NIO: sockets come in as
        // async sequences of text frames).
        .target(
            name: "ReboundChat",
            dependencies: ["ReboundCore", "ReboundStore", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),
        // The server-rendered admin: pages, SVG charts, tables and CSV from plain view models. Foundation only.
        .target(name: "ReboundAdmin", swiftSettings: swiftSettings),
        // Knowledge, retrieval (BM25) and intent classification: pure, like the core.
        .target(name: "ReboundAnswers", swiftSettings: swiftSettings),
        // Frequently bought together, add-ons, gap filler: pure, like the core.
        .target(name: "ReboundRecs", swiftSettings: swiftSettings),
        // Evaluation and benchmark drivers (Benchmarks/answers, Benchmarks/recs).
        .executableTarget(name: "answers-eval", dependencies: ["ReboundAnswers"], swiftSettings: swiftSettings),
        .executableTarget(name: "recs-bench", dependencies: ["ReboundRecs"], swiftSettings: swiftSettings),
        // Store protocol and the one SQLKit implementation both engines share.
        .target(
            name: "ReboundStore",
            dependencies: [
                "ReboundCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReboundStoreSQLite",
            dependencies: [
                "ReboundStore",
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReboundStorePostgres",
            dependencies: [
                "ReboundStore",
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReboundAPI",
            dependencies: [
                "ReboundCore",
                "ReboundStore",
                "ReboundFlows",
                "ReboundChannels",
                "ReboundAnalytics",
                "ReboundPlatforms",
                "ReboundChat",
                "ReboundAdmin",
                "ReboundAnswers",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "ReboundApp",
            dependencies: [
                "ReboundCore",
                "ReboundStore",
                "ReboundStoreSQLite",
                "ReboundStorePostgres",
                "ReboundAPI",
                "ReboundFlows",
                "ReboundChannels",
                "ReboundPlatforms",
                "ReboundChat",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "rebound",
            dependencies: [
                "ReboundApp",
                "ReboundCore",
                "ReboundStore",
                "ReboundAPI",
                "ReboundAnswers",
                "ReboundFlows",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // A W3C WebDriver client for chromedriver (Foundation only), for the browser tests.
        .target(name: "WebDriver", swiftSettings: swiftSettings),
        .target(
            name: "ReboundTesting",
            dependencies: [
                "ReboundChat",
                "ReboundCore",
                "ReboundStore",
                "ReboundAPI",
                "ReboundApp",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReboundCoreTests",
            dependencies: ["ReboundCore", "ReboundTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReboundStoreTests",
            dependencies: ["ReboundCore", "ReboundStore", "ReboundApp", "ReboundTesting", .product(name: "SQLKit", package: "sql-kit")],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ReboundFlowsTests", dependencies: ["ReboundFlows", "ReboundCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ReboundChannelsTests",
            dependencies: [
                "ReboundChannels",
                "ReboundCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReboundPlatformsTests",
            dependencies: [
                "ReboundPlatforms",
                "ReboundPlatformsFakes",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReboundBrowserTests",
            dependencies: [
                "WebDriver", "ReboundTesting", "ReboundAPI", "ReboundCore", "ReboundStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "ReboundAdminTests", dependencies: ["ReboundAdmin"], swiftSettings: swiftSettings),
        .testTarget(name: "ReboundAnalyticsTests", dependencies: ["ReboundAnalytics"], swiftSettings: swiftSettings),
        .testTarget(name: "ReboundAnswersTests", dependencies: ["ReboundAnswers"], swiftSettings: swiftSettings),
        .testTarget(name: "ReboundRecsTests", dependencies: ["ReboundRecs"], swiftSettings: swiftSettings),
        .testTarget(
            name: "ReboundCLITests",
            dependencies: ["ReboundTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ReboundAPITests",
            dependencies: [
                "ReboundCore", "ReboundStore", "ReboundAPI", "ReboundApp", "ReboundTesting", "ReboundChannels", "ReboundPlatforms",
                "ReboundPlatformsFakes", "ReboundChat",
                .product(name: "HummingbirdWSTesting", package: "hummingbird-websocket"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                "ReboundAnswers",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
