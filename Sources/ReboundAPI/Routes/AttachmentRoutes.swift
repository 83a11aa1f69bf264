import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReboundChat
import ReboundCore
import ReboundStore

/// Images in the live chat. The storefront uploads with `POST /v1/chat/attachments?key={public key}&visitor={id}`
/// (the raw file as the body, its type as `Content-Type`), then sends a chat message with the returned id in
/// `attachment_ids`. Files are served at `/files/{shop}/{id}`: the id is 128 random bits, so the address is the
/// permission, as with a signed link.
///
/// Only PNG, JPEG, GIF and WebP up to 5 MB and 8,000 px a side; the bytes must be the type the upload claims. They
/// are served with their sniffed type, `nosniff`, and a CSP that runs nothing, so an image cannot become a page.
struct AttachmentRoutes {
    let environment: APIEnvironment
    var store: Store { environment.store }

    static let maxBytes = 5 * 1024 * 1024
    static let maxSide = 8000
    /// Uploads per visitor per hour.
    static let hourlyLimit = 20

    func add(to router: Router<ReboundRequestContext>) {
        router.on("v1/chat/attachments", method: .options) { request, _ in
            Response(status: .noContent, headers: Self.corsHeaders(origin: request.headers[.origin], preflight: true))
        }
        router.post("v1/chat/attachments") { request, context in
            let origin = request.headers[.origin]
            do {
                var response = try await JSONResponse(upload(request), status: .created).response(from: request, context: context)
                for field in Self.corsHeaders(origin: origin) { response.headers.append(field) }
                return response
            } catch let problem as ProblemDetails {
                var problem = problem
                for field in Self.corsHeaders(origin: origin) { problem.headers.append(field) }
                throw problem
            }
        }
        router.get("files/:shop/:id") { _, context in
            let shopID = Shop.ID(try context.parameters.require("shop"))
            let id = try context.parameters.require("id")
            guard let file = try await store.attachment(shopID: shopID, id: id) else { throw ProblemDetails.notFound("file \(id)") }
            return Response(
                status: .ok,
                headers: [
                    .contentType: file.info.contentType, .contentDisposition: "inline; filename=\"\(id).\(file.info.contentType.dropFirst(6))\"",
                    .cacheControl: "private, max-age=86400, immutable", HTTPField.Name("X-Content-Type-Options")!: "nosniff",
                    .contentSecurityPolicy: "default-src 'none'; sandbox", .eTag: "\"\(file.sha256)\"",
                ],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: file.data))
            )
        }
    }

    static func corsHeaders(origin: String?, preflight: Bool = false) -> HTTPFields {
        var fields = TrackRoutes.corsHeaders(origin: origin, preflight: preflight)
        if preflight { fields[.accessControlAllowHeaders] = "Content-Type" }
        return fields
    }

    func upload(_ request: Request) async throws -> JSONValue {
        let (shop, _) = try await WidgetRoutes(environment: environment).shop(request)
        guard let visitor = Query(request).string("visitor"), visitor.count <= 100 else {
            throw ProblemDetails.badQuery("visitor", "pass the shopper's anonymous id (at most 100 characters)")
        }
        let now = environment.clock.now()
        let uploader = "visitor:" + visitor
        guard try await store.attachmentCount(shopID: shop.id, uploader: uploader, since: now.addingTimeInterval(-3600)) < Self.hourlyLimit else {
            throw ProblemDetails(
                .tooManyRequests,
                type: "rate-limited",
                title: "Too many uploads",
                detail: "at most \(Self.hourlyLimit) files an hour",
                headers: [.retryAfter: "600"]
            )
        }
        let declared = request.headers[.contentType] ?? ""
        guard let claimed = ImageSniffer.Format(mediaType: declared) else {
            throw ProblemDetails(
                .unsupportedMediaType,
                type: "unsupported-file-type",
                title: "Unsupported file type",
                detail: "send a PNG, JPEG, GIF or WebP image with its Content-Type"
            )
        }
        let bytes = try await RequestBody.bytes(request, limit: Self.maxBytes)
        guard let image = ImageSniffer.sniff(bytes) else {
            throw ProblemDetails(
                .unsupportedMediaType,
                type: "not-an-image",
                title: "Not an image",
                detail: "the file is not a PNG, JPEG, GIF or WebP image"
            )
        }
        guard image.format == claimed else {
            throw ProblemDetails(
                .unsupportedMediaType,
                type: "type-mismatch",
                title: "The file is not what it claims",
                detail: "Content-Type says \(claimed.mediaType) but the file is \(image.format.mediaType)"
            )
        }
        guard image.width > 0, image.height > 0, image.width <= Self.maxSide, image.height <= Self.maxSide else {
            throw ProblemDetails.validation(field: "(body)", "images are at most \(Self.maxSide) pixels a side")
        }
        let info = AttachmentInfo(
            id: "att_" + RandomToken.make(byteCount: 16),
            contentType: image.format.mediaType,
            size: bytes.count,
            width: image.width,
            height: image.height
        )
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        try await store.saveAttachment(shopID: shop.id, info, uploader: uploader, sha256: digest, data: bytes, now: now)
        return ServerFrame.attachment(info, shopID: shop.id)
    }
}
