import Foundation
import Hummingbird
import ReboundCore
import ReboundStore

/// `GET` and `PATCH /v1/settings`: the shop's settings as one JSON document; a PATCH changes the keys it names.
struct SettingsRoutes {
    let environment: APIEnvironment

    func add(to group: RouterGroup<ReboundRequestContext>) {
        group.get("settings") { _, context in
            let shop = try context.requireShop()
            return JSONResponse(Self.document(shop.settings, channels: try await environment.store.channelSettings(shopID: shop.id)))
        }
        group.patch("settings") { request, context in try await self.patch(request, context: context) }
        group.get("shop") { _, context in
            JSONResponse(DTO.shop(try context.requireShop()))
        }
    }

    func patch(_ request: Request, context: ReboundRequestContext) async throws -> JSONResponse {
        let shop = try context.requireShop()
        guard case .object(var patch) = try await RequestBody.json(request, limit: 64 * 1024) else {
            throw ProblemDetails.validation(field: "(body)", "must be a JSON object of settings")
        }
        guard case .object(var merged) = DTO.settings(shop.settings) else { throw ProblemDetails.internalError }
        // Channel settings live apart from the shop's (they hold secrets); both are checked before either is saved.
        let channelPatch = patch.filter { ChannelSettingsPatch.keys.contains($0.key) }
        for key in channelPatch.keys { patch[key] = nil }
        let currentChannels = try await environment.store.channelSettings(shopID: shop.id)
        var (channels, errors) = ChannelSettingsPatch.apply(channelPatch, to: currentChannels)
        for (key, value) in patch.sorted(by: { $0.key < $1.key }) {
            guard let current = merged[key] else {
                let known = (merged.keys.sorted() + ChannelSettingsPatch.keys.sorted()).joined(separator: ", ")
                errors.append(.init(field: key, detail: "is not a setting; known: " + known))
                continue
            }
            if !Self.sameKind(current, value, key: key) {
                errors.append(.init(field: key, detail: "has the wrong type"))
                continue
            }
            merged[key] = value
        }
        guard errors.isEmpty else { throw ProblemDetails.validation(errors) }
        let settings: ShopSettings
        do {
            settings = try JSONDecoder().decode(ShopSettings.self, from: JSONEncoder().encode(JSONValue.object(merged)))
        } catch {
            throw ProblemDetails.validation(field: "(body)", "settings could not be read: \(error)")
        }
        let problems = settings.validate()
        guard problems.isEmpty else { throw ProblemDetails.validation(problems.map { .init(field: $0.field, detail: $0.reason) }) }
        try await environment.store.updateSettings(shopID: shop.id, settings)
        if !channelPatch.isEmpty {
            if channels.webhookSecret == nil { channels.webhookSecret = RandomToken.make(byteCount: 32) }
            try await environment.store.saveChannelSettings(shopID: shop.id, channels, now: environment.clock.now())
        }
        environment.keyCache.invalidate(shopID: shop.id)
        return JSONResponse(Self.document(settings, channels: channels))
    }

    /// The shop's settings with its channel settings, secrets redacted.
    static func document(_ settings: ShopSettings, channels: ChannelSettings) -> JSONValue {
        guard case .object(var object) = DTO.settings(settings), case .object(let redacted) = channels.redacted else { return DTO.settings(settings) }
        for (key, value) in redacted { object[key] = value }
        return .object(object)
    }

    /// Integers where integers are, arrays where arrays are; `null` only for optional settings.
    static func sameKind(_ current: JSONValue, _ value: JSONValue, key: String) -> Bool {
        switch (current, value) {
        case (.int, .int), (.array, .array), (.string, .string), (.bool, .bool), (.object, .object): true
        case (.null, .int), (.null, .null), (.int, .null): key == "free_shipping_threshold"
        default: false
        }
    }
}
