import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import ReboundCore
import ReboundStore

/// `/healthz`, `/widget.js` and `/openapi.yaml`.
public enum StaticRoutes {
    static func resource(_ name: String, _ ext: String) -> ByteBuffer {
        guard let url = Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Resources"),
            let data = try? Data(contentsOf: url)
        else { return ByteBuffer(string: "resource \(name).\(ext) is missing from this build") }
        return ByteBuffer(bytes: data)
    }

    static func add(to router: Router<ReboundRequestContext>, environment: APIEnvironment) {
        let widget = resource("widget", "js")
        let openAPI = resource("openapi", "yaml")
        router.get("widget.js") { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "application/javascript; charset=utf-8", .cacheControl: "public, max-age=300", .accessControlAllowOrigin: "*",
                ],
                body: ResponseBody(byteBuffer: widget)
            )
        }
        router.get("openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"], body: ResponseBody(byteBuffer: openAPI))
        }
        router.get("healthz") { _, _ in
            do {
                try await environment.store.ping()
                return JSONResponse(.object(["status": .string("ok"), "database": .string(environment.store.engine.kind.rawValue)]))
            } catch {
                return JSONResponse(
                    .object(["status": .string("unavailable"), "database": .string(environment.store.engine.kind.rawValue)]),
                    status: .serviceUnavailable
                )
            }
        }
    }

    /// The OpenAPI document's text, for the test that checks every route is described.
    public static var openAPIText: String { String(buffer: resource("openapi", "yaml")) }
}
