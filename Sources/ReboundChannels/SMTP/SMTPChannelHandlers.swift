import NIOCore

/// Splits the byte stream into replies (`250-…` continuation lines up to the `250 …` final line).
struct SMTPResponseDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPResponse
    var lines: [String] = []

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 64 * 1024 { throw DeliveryError(.protocolError, "reply line too long") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        guard var line = buffer.readString(length: length) else { return .needMoreData }
        while line.last == "\n" || line.last == "\r" || line.last == "\r\n" { line.removeLast() }
        let utf8 = Array(line.utf8)
        guard utf8.count >= 3, let code = Int(String(decoding: utf8[0..<3], as: UTF8.self)) else {
            throw DeliveryError(.protocolError, "malformed reply: \(line)")
        }
        let text = utf8.count > 4 ? String(decoding: utf8[4...], as: UTF8.self) : ""
        lines.append(text)
        if utf8.count > 3, utf8[3] == UInt8(ascii: "-") { return .continue }
        let response = SMTPResponse(code: code, lines: lines)
        lines = []
        context.fireChannelRead(Self.wrapInboundOut(response))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        try decode(context: context, buffer: &buffer)
    }
}

/// One command (or message body) and the promise for its reply.
struct SMTPRequest: Sendable {
    var bytes: ByteBuffer
    var reply: EventLoopPromise<SMTPResponse>
}

/// Matches replies to requests in order, so commands can be pipelined, and fails them on timeout or close.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = SMTPResponse
    typealias OutboundIn = SMTPRequest
    typealias OutboundOut = ByteBuffer

    private var pending: CircularBuffer<EventLoopPromise<SMTPResponse>>
    private let timeout: TimeAmount
    private var timer: Scheduled<Void>?

    /// - Parameter greeting: fulfilled with the server's `220` banner.
    init(greeting: EventLoopPromise<SMTPResponse>, timeout: TimeAmount) {
        self.pending = [greeting]
        self.timeout = timeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        armTimer(context: context)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let request = unwrapOutboundIn(data)
        pending.append(request.reply)
        if pending.count == 1 { armTimer(context: context) }
        context.write(wrapOutboundOut(request.bytes), promise: promise)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let response = unwrapInboundIn(data)
        guard let promise = pending.popFirst() else {
            failAll(DeliveryError(.protocolError, "unexpected reply \(response)"), context: context)
            return
        }
        timer?.cancel()
        timer = nil
        if !pending.isEmpty { armTimer(context: context) }
        promise.succeed(response)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(error as? DeliveryError ?? DeliveryError(.connectionFailed, "\(error)"), context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(DeliveryError(.connectionFailed, "connection closed by server"), context: context)
        context.fireChannelInactive()
    }

    private func armTimer(context: ChannelHandlerContext) {
        timer?.cancel()
        guard !pending.isEmpty else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let seconds = timeout
        timer = context.eventLoop.scheduleTask(in: timeout) {
            let (handler, context) = loopBound.value
            handler.failAll(DeliveryError(.timeout, "no reply within \(seconds.nanoseconds / 1_000_000) ms"), context: context)
        }
    }

    private func failAll(_ error: DeliveryError, context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        let promises = pending
        pending.removeAll()
        for promise in promises { promise.fail(error) }
        if !promises.isEmpty { context.close(promise: nil) }
    }
}
