import ReboundChat
import ServiceLifecycle

/// Runs the chat relay (PostgreSQL LISTEN/NOTIFY between processes) for the life of the server; idle on SQLite.
struct ChatRelayService: Service {
    let relay: ChatRelay

    func run() async throws {
        // Returning early would stop the whole service group, so a process without a relay waits for shutdown.
        try await cancelWhenGracefulShutdown { try await relay.run() }
        try? await gracefulShutdown()
    }
}
