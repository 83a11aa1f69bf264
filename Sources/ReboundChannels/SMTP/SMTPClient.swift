public import Logging
public import NIOCore
public import NIOPosix

/// Sends email over SMTP with a pool of reused connections, retrying 4xx replies with backoff.
///
/// ```swift
/// let client = SMTPClient(configuration: try SMTPConfiguration(url: "smtp://user:pass@localhost:2525"), sleeper: .clock(clock))
/// let result = try await client.send(signedEmail, from: "bounces@shop.example", to: ["kim@example.com"])
/// await client.shutdown()
/// ```
public actor SMTPClient {
    public nonisolated let configuration: SMTPConfiguration
    nonisolated let group: any EventLoopGroup
    nonisolated let sleeper: Sleeper
    nonisolated let logger: Logger
    private var idle: [SMTPConnection] = []
    private var openCount = 0
    private var waiters: [CheckedContinuation<SMTPConnection?, Never>] = []
    private var isShutDown = false

    /// - Parameters:
    ///   - sleeper: waits between retries; tests pass one that records instead of sleeping.
    ///   - group: the event loop group, `MultiThreadedEventLoopGroup.singleton` by default.
    public init(configuration: SMTPConfiguration, sleeper: Sleeper, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, logger: Logger)
    {
        self.configuration = configuration
        self.sleeper = sleeper
        self.group = group
        self.logger = logger
    }

    /// Sends `email` to `recipients`; 4xx replies and broken connections are retried with the configured backoff,
    /// 5xx replies fail at once with `permanentFailure`.
    /// Nonisolated: only taking and returning a connection go through the actor, so messages are prepared
    /// and sent in parallel.
    public nonisolated func send(_ email: RenderedEmail, from envelopeFrom: String, to recipients: [String]) async throws -> SMTPSendResult {
        let data = email.bytes
        var attempt = 1
        while true {
            do {
                return try await sendOnce(data, from: envelopeFrom, to: recipients)
            } catch let error as DeliveryError where error.isTransient && attempt < configuration.backoff.maxAttempts {
                let delay = configuration.backoff.delay(afterAttempt: attempt)
                logger.notice(
                    "SMTP send failed, retrying",
                    metadata: ["rebound.smtp.attempt": "\(attempt)", "rebound.smtp.error": "\(error)", "rebound.smtp.delay": "\(delay)"]
                )
                try await sleeper.sleep(delay)
                attempt += 1
            }
        }
    }

    /// Renders, then sends, a message to its `to` and `cc` recipients with `from` as the envelope sender.
    public nonisolated func send(_ message: EmailMessage, signer: DKIMSigner? = nil) async throws -> SMTPSendResult {
        var email = MIMEWriter.render(message)
        if let signer { email = try signer.sign(email, now: message.date) }
        return try await send(email, from: message.from.address, to: message.recipients)
    }

    private nonisolated func sendOnce(_ data: [UInt8], from: String, to recipients: [String]) async throws -> SMTPSendResult {
        let connection = try await acquire()
        do {
            let result = try await connection.send(from: from, to: recipients, data: data)
            await release(connection, reusable: true)
            return result
        } catch let error as DeliveryError where error.code == .permanentFailure || error.code == .transientFailure {
            // The transaction was reset; the connection is still good.
            await release(connection, reusable: connection.isActive)
            throw error
        } catch {
            await release(connection, reusable: false)
            throw error as? DeliveryError ?? DeliveryError(.connectionFailed, "\(error)")
        }
    }

    private func acquire() async throws -> SMTPConnection {
        guard !isShutDown else { throw DeliveryError(.connectionFailed, "SMTP client is shut down") }
        while let connection = idle.popLast() {
            if connection.isActive { return connection }
            openCount -= 1
        }
        if openCount >= configuration.poolSize {
            // Wait for a connection to come back; nil means a slot was freed and we open our own.
            if let connection = await withCheckedContinuation({ waiters.append($0) }) { return connection }
        } else {
            openCount += 1
        }
        do {
            return try await SMTPConnection.connect(configuration, group: group)
        } catch {
            slotFreed()
            throw error as? DeliveryError ?? DeliveryError(.connectionFailed, "\(error)")
        }
    }

    private func release(_ connection: SMTPConnection, reusable: Bool) {
        guard reusable, !isShutDown else {
            connection.channel.close(promise: nil)
            slotFreed()
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    private func slotFreed() {
        if !waiters.isEmpty {
            // The slot passes to the waiter, which connects itself.
            waiters.removeFirst().resume(returning: nil)
        } else {
            openCount -= 1
        }
    }

    /// Number of open connections, idle or in use.
    public var openConnections: Int { openCount }

    /// Sends `QUIT` on idle connections and closes them.
    public func shutdown() async {
        isShutDown = true
        let connections = idle
        idle = []
        openCount -= connections.count
        for connection in connections { await connection.quit() }
    }
}
