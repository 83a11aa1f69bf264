public import Foundation
public import ReboundCore
import SQLKit

/// A shop's SLA targets and the hours their clocks run on: a conversation's team's own hours, else the shop's
/// (`widget.business_hours`), else around the clock.
public struct ServiceSchedule: Sendable {
    public var levels: ServiceLevels
    public var shopHours: BusinessHours?
    public var teamHours: [String: BusinessHours]

    public init(levels: ServiceLevels = ServiceLevels(), shopHours: BusinessHours? = nil, teamHours: [String: BusinessHours] = [:]) {
        self.levels = levels
        self.shopHours = shopHours
        self.teamHours = teamHours
    }

    /// The shop's own hours (`widget.business_hours`), read in the shop's zone unless they name one.
    public static func shopHours(_ channels: ChannelSettings, zone: String) -> BusinessHours? {
        channels.widget?["business_hours"].flatMap { BusinessHours($0, defaultZone: zone) }
    }

    /// The hours that apply to a team's queue (nil: the shop-wide queue).
    public func hours(team: String?) -> BusinessHours? { team.flatMap { teamHours[$0] } ?? shopHours }

    /// Where a conversation stands against its channel's targets, counted in its queue's open hours.
    public func standing(_ c: Conversation, now: Date) -> ServiceLevels.Standing {
        levels.standing(
            channel: c.channel,
            createdAt: c.createdAt,
            firstResponseAt: c.firstResponseAt,
            resolvedAt: c.resolvedAt,
            status: c.status,
            now: now,
            hours: hours(team: c.team)
        )
    }

    /// When a shopper's message that arrived at `at` must be answered by (the next-response target).
    public func responseDue(_ c: Conversation, from at: Date) -> Date {
        let target = levels.firstResponseTarget(c.channel)
        return hours(team: c.team)?.addingOpenTime(target, to: at) ?? at.addingTimeInterval(target)
    }
}

extension Store {
    /// The shop's targets and hours, read together.
    public func serviceSchedule(shopID: Shop.ID) async throws -> ServiceSchedule {
        try await read { db in try await Store.serviceSchedule(shopID: shopID, in: db) }
    }

    static func serviceSchedule(shopID: Shop.ID, in db: any SQLDatabase) async throws -> ServiceSchedule {
        let shop = shopID.rawValue
        guard let row = try await db.raw("SELECT settings, time_zone FROM shops WHERE id = \(bind: shop)").first() else { return ServiceSchedule() }
        let settings = try JSONColumn.decode(ShopSettings.self, from: try row.string("settings"))
        let zone = try row.string("time_zone")
        var schedule = ServiceSchedule(levels: settings.serviceLevels)
        if let document = try await db.raw("SELECT document FROM channel_settings WHERE shop_id = \(bind: shop)").first() {
            let channels = try JSONColumn.decode(ChannelSettings.self, from: try document.string("document"))
            schedule.shopHours = ServiceSchedule.shopHours(channels, zone: zone)
        }
        for team in try await db.raw("SELECT id, business_hours FROM teams WHERE shop_id = \(bind: shop) AND business_hours IS NOT NULL").all() {
            let value = try JSONColumn.decode(JSONValue.self, from: try team.string("business_hours"))
            schedule.teamHours[try team.string("id")] = BusinessHours(value, defaultZone: zone)
        }
        return schedule
    }
}
