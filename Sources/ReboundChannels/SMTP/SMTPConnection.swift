import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One open, greeted (and, when configured, TLS-protected and authenticated) SMTP connection.
/// A connection is used by one task at a time; the pool in `SMTPClient` hands it out.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let capabilities: SMTPCapabilities
    let isTLS: Bool

    var isActive: Bool { channel.isActive }

    static func connect(_ config: SMTPConfiguration, group: any EventLoopGroup) async throws -> SMTPConnection {
        let loop = group.next()
        let greeting = loop.makePromise(of: SMTPResponse.self)
        let timeout = TimeAmount.nanoseconds(
            Int64(config.commandTimeout.components.seconds) * 1_000_000_000 + config.commandTimeout.components.attoseconds / 1_000_000_000
        )
        let sslContext: NIOSSLContext? = config.security == .plain ? nil : try makeSSLContext(config)
        let implicit = config.security == .implicitTLS
        let host = config.host
        let bootstrap = ClientBootstrap(group: loop)
            .connectTimeout(.milliseconds(Int64(config.connectTimeout.components.seconds) * 1000))
            .channelOption(.socketOption(.so_keepalive), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if implicit, let sslContext {
                        let tls = try NIOSSLClientHandler(context: sslContext, serverHostname: isIPAddress(host) ? nil : host)
                        try channel.pipeline.syncOperations.addHandler(tls)
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPResponseDecoder()))
                    try channel.pipeline.syncOperations.addHandler(SMTPClientHandler(greeting: greeting, timeout: timeout))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: config.host, port: config.port).get()
        } catch {
            greeting.fail(DeliveryError(.connectionFailed, "\(error)"))
            throw DeliveryError(.connectionFailed, "cannot connect to \(config.host):\(config.port): \(error)")
        }
        do {
            let banner = try await greeting.futureResult.get()
            guard banner.code == 220 else { throw banner.error(during: "greeting") }
            var capabilities = try await ehlo(channel, name: config.heloName)
            var isTLS = implicit
            if !implicit, config.security != .plain {
                if capabilities.startTLS {
                    let reply = try await command(channel, "STARTTLS")
                    guard reply.code == 220 else { throw reply.error(during: "STARTTLS") }
                    try await channel.eventLoop.submit {
                        let tls = try NIOSSLClientHandler(context: sslContext!, serverHostname: isIPAddress(host) ? nil : host)
                        try channel.pipeline.syncOperations.addHandler(tls, position: .first)
                    }.get()
                    isTLS = true
                    capabilities = try await ehlo(channel, name: config.heloName)
                } else if config.security == .startTLS {
                    throw DeliveryError(.tlsUnavailable, "\(config.host) does not offer STARTTLS")
                }
            }
            if let user = config.username, let password = config.password {
                guard isTLS || config.allowPlaintextAuth else {
                    throw DeliveryError(.invalidConfiguration, "refusing to send credentials without TLS")
                }
                try await authenticate(channel, capabilities: capabilities, user: user, password: password)
            }
            return SMTPConnection(channel: channel, capabilities: capabilities, isTLS: isTLS)
        } catch {
            try? await channel.close()
            throw error
        }
    }

    static func makeSSLContext(_ config: SMTPConfiguration) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch config.certificateVerification {
        case .full: tls.certificateVerification = .fullVerification
        case .noHostnameVerification: tls.certificateVerification = .noHostnameVerification
        case .none: tls.certificateVerification = .none
        }
        if let pem = config.trustRootsPEM {
            let certificates = try NIOSSLCertificate.fromPEMBytes(Array(pem.utf8))
            tls.additionalTrustRoots = [.certificates(certificates)]
        }
        return try NIOSSLContext(configuration: tls)
    }

    static func isIPAddress(_ host: String) -> Bool {
        host.contains(":") || host.split(separator: ".").allSatisfy { UInt8($0) != nil }
    }

    static func ehlo(_ channel: any Channel, name: String) async throws -> SMTPCapabilities {
        let reply = try await command(channel, "EHLO " + name)
        guard reply.code == 250 else { throw reply.error(during: "EHLO") }
        return SMTPCapabilities(ehlo: reply)
    }

    static func authenticate(_ channel: any Channel, capabilities: SMTPCapabilities, user: String, password: String) async throws {
        if capabilities.authMechanisms.contains("PLAIN") || !capabilities.authMechanisms.contains("LOGIN") {
            let token = Base64.encode(Array(("\0" + user + "\0" + password).utf8))
            let reply = try await command(channel, "AUTH PLAIN " + token)
            guard reply.code == 235 else { throw authError(reply) }
        } else {
            var reply = try await command(channel, "AUTH LOGIN")
            guard reply.code == 334 else { throw authError(reply) }
            reply = try await command(channel, Base64.encode(Array(user.utf8)))
            guard reply.code == 334 else { throw authError(reply) }
            reply = try await command(channel, Base64.encode(Array(password.utf8)))
            guard reply.code == 235 else { throw authError(reply) }
        }
    }

    static func authError(_ reply: SMTPResponse) -> DeliveryError {
        reply.isTransient ? reply.error(during: "AUTH") : DeliveryError(.authenticationFailed, "AUTH: \(reply)", status: reply.code)
    }

    static func command(_ channel: any Channel, _ line: String) async throws -> SMTPResponse {
        try await enqueue(channel, [commandBuffer(channel, line)])[0].get()
    }

    static func commandBuffer(_ channel: any Channel, _ line: String) -> ByteBuffer {
        var buffer = channel.allocator.buffer(capacity: line.utf8.count + 2)
        buffer.writeString(line)
        buffer.writeStaticString("\r\n")
        return buffer
    }

    /// Writes all requests, flushes once, and returns the reply futures in order.
    static func enqueue(_ channel: any Channel, _ buffers: [ByteBuffer]) -> [EventLoopFuture<SMTPResponse>] {
        var futures: [EventLoopFuture<SMTPResponse>] = []
        for buffer in buffers {
            let promise = channel.eventLoop.makePromise(of: SMTPResponse.self)
            futures.append(promise.futureResult)
            channel.write(SMTPRequest(bytes: buffer, reply: promise), promise: nil)
        }
        channel.flush()
        return futures
    }

    /// Sends one message: `MAIL`, `RCPT` for each recipient, `DATA` (pipelined when offered), then the body.
    /// - Returns: the recipients the server accepted and the final reply.
    func send(from: String, to recipients: [String], data: [UInt8]) async throws -> SMTPSendResult {
        let commands = ["MAIL FROM:<\(from)>"] + recipients.map { "RCPT TO:<\($0)>" } + ["DATA"]
        var replies: [SMTPResponse] = []
        if capabilities.pipelining {
            let futures = Self.enqueue(channel, commands.map { Self.commandBuffer(channel, $0) })
            for future in futures { replies.append(try await future.get()) }
        } else {
            for command in commands {
                let reply = try await Self.command(channel, command)
                replies.append(reply)
                // Without pipelining, stop at the first refusal of MAIL.
                if replies.count == 1, !reply.isPositive { break }
            }
        }
        let mail = replies[0]
        guard mail.isPositive else {
            try await reset(expectingData: replies.count == commands.count && replies.last?.code == 354)
            throw mail.error(during: "MAIL FROM")
        }
        var accepted: [String] = []
        var rejected: [String: SMTPResponse] = [:]
        for (index, recipient) in recipients.enumerated() {
            let reply = replies[index + 1]
            if reply.isPositive { accepted.append(recipient) } else { rejected[recipient] = reply }
        }
        let dataReply = replies[replies.count - 1]
        guard !accepted.isEmpty else {
            try await reset(expectingData: dataReply.code == 354)
            // Prefer a transient reason: the message may go through later.
            let reason = rejected.values.first(where: \.isTransient) ?? rejected.values.first!
            throw reason.error(during: "RCPT TO")
        }
        guard dataReply.code == 354 else {
            try await reset(expectingData: false)
            throw dataReply.error(during: "DATA")
        }
        let final = try await Self.enqueue(channel, [Self.dotStuffed(data, allocator: channel.allocator)])[0].get()
        guard final.isPositive else { throw final.error(during: "end of DATA") }
        return SMTPSendResult(accepted: accepted, rejected: rejected, reply: final)
    }

    /// Ends a failed transaction so the connection can be reused.
    func reset(expectingData: Bool) async throws {
        if expectingData {
            // The server is reading a body: send an empty one, which it will refuse for lack of recipients.
            _ = try await Self.enqueue(channel, [Self.commandBuffer(channel, ".")])[0].get()
        }
        _ = try await Self.command(channel, "RSET")
    }

    func quit() async {
        _ = try? await Self.command(channel, "QUIT")
        try? await channel.close()
    }

    /// The message with leading dots doubled and the `CRLF.CRLF` terminator.
    static func dotStuffed(_ data: [UInt8], allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: data.count + data.count / 64 + 5)
        var lineStart = true
        var runStart = 0
        for i in 0..<data.count {
            let c = data[i]
            if lineStart, c == UInt8(ascii: ".") {
                buffer.writeBytes(data[runStart..<i])
                buffer.writeInteger(UInt8(ascii: "."))
                runStart = i
            }
            lineStart = c == 10
        }
        buffer.writeBytes(data[runStart..<data.count])
        if !(data.count >= 2 && data[data.count - 2] == 13 && data[data.count - 1] == 10) { buffer.writeStaticString("\r\n") }
        buffer.writeStaticString(".\r\n")
        return buffer
    }
}

/// The outcome of one accepted message.
public struct SMTPSendResult: Hashable, Sendable {
    public var accepted: [String]
    /// Recipients the server refused while accepting the message for others.
    public var rejected: [String: SMTPResponse]
    /// The reply to the end of `DATA`, usually `250 … queued as …`.
    public var reply: SMTPResponse
}
