import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReboundCore
import ReboundPlatforms
import ReboundStore

/// Facebook Messenger, Instagram and WhatsApp messages through Meta's webhooks: `GET /webhooks/meta/{shop}` answers
/// the verification handshake, `POST` checks `X-Hub-Signature-256` and puts each message into the shopper's
/// conversation on that channel (the inbox answers through the Send APIs).
struct MetaRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    func add(to router: Router<ReboundRequestContext>) {
        router.get("webhooks/meta/:shop") { request, context in
            let meta = try await settings(context)
            var query: [String: String] = [:]
            for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
            let answer = MetaWebhookHandshake.respond(query: query, verifyToken: meta.verifyToken)
            return Response(
                status: .init(code: answer.status),
                headers: [.contentType: "text/plain; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: answer.body))
            )
        }
        router.post("webhooks/meta/:shop") { request, context in try await receive(request, context: context) }
    }

    func settings(_ context: ReboundRequestContext) async throws -> ChannelSettings.Meta {
        let shopID = Shop.ID(try context.parameters.require("shop"))
        guard try await store.shop(id: shopID) != nil else { throw ProblemDetails.notFound("shop \(shopID.rawValue)") }
        guard let meta = try await store.channelSettings(shopID: shopID).meta else {
            throw ProblemDetails(.notFound, type: "meta-not-configured", title: "Meta messaging is not configured")
        }
        return meta
    }

    func receive(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let meta = try await settings(context)
        let shopID = Shop.ID(try context.parameters.require("shop"))
        let body = try await RequestBody.bytes(request, limit: environment.maxBodyBytes)
        guard MetaSignature.isValid(header: request.headers[HTTPField.Name("X-Hub-Signature-256")!], body: body, appSecret: meta.appSecret) else {
            throw ProblemDetails(
                .unauthorized,
                type: "bad-signature",
                title: "Signature does not match",
                detail: "X-Hub-Signature-256 is missing or wrong."
            )
        }
        let batch: SocialWebhookBatch
        do { batch = try MetaWebhookParser.parse(body) } catch {
            throw ProblemDetails.validation(field: "(body)", "\(error)")
        }
        let now = environment.clock.now()
        var stored = 0
        for message in batch.messages where !message.isEcho {
            let text = message.text ?? message.attachments.map { "[\($0.type)] \($0.url ?? $0.mediaID ?? "")" }.joined(separator: "\n")
            let result = try await store.appendConversationMessage(
                shopID: shopID,
                to: .find(
                    channel: message.platform.rawValue,
                    customerID: nil,
                    visitorID: nil,
                    externalThread: message.platform.rawValue + ":" + message.senderID,
                    subject: nil,
                    cartID: nil
                ),
                author: "shopper",
                authorName: message.senderName ?? message.senderID,
                body: String(text.prefix(5000)),
                externalID: message.messageID,
                now: now
            )
            if result.isNew {
                stored += 1
                await InboxFeed.arrived(environment, shopID: shopID, conversationID: result.conversation.id, message: result.message)
            }
        }
        return JSONResponse(.object(["received": .int(Int64(batch.messages.count)), "stored": .int(Int64(stored))]))
    }
}
