public import Foundation
public import ReboundCore
import SQLKit

/// A stored version of a flow document. The store keeps the text; `ReboundFlows` reads it.
public struct StoredFlow: Sendable, Hashable {
    public var shopID: Shop.ID
    public var id: String
    public var version: Int
    public var name: String
    public var triggerType: String
    public var enabled: Bool
    /// The flow document as JSON text.
    public var document: String
    public var createdAt: Date

    public init(shopID: Shop.ID, id: String, version: Int, name: String, triggerType: String, enabled: Bool, document: String, createdAt: Date) {
        self.shopID = shopID
        self.id = id
        self.version = version
        self.name = name
        self.triggerType = triggerType
        self.enabled = enabled
        self.document = document
        self.createdAt = createdAt
    }
}

/// A flow run as stored: its engine state is JSON text, its next wake-up an indexed time.
public struct StoredFlowRun: Sendable, Hashable {
    public var shopID: Shop.ID
    public var id: String
    public var flowID: String
    public var flowVersion: Int
    public var triggerEventID: String
    public var cartID: Cart.ID?
    public var customerID: Customer.ID?
    public var status: String
    public var state: String
    public var wakeAt: Date?
    /// Why the run is on the dead-letter list (status `dead`).
    public var lastError: String?
    /// The experiment arm the run was assigned (`holdout` included); kept in a column for the experiment report.
    public var variant: String?

    public init(
        shopID: Shop.ID,
        id: String,
        flowID: String,
        flowVersion: Int,
        triggerEventID: String,
        cartID: Cart.ID?,
        customerID: Customer.ID?,
        status: String,
        state: String,
        wakeAt: Date?
    ) {
        self.shopID = shopID
        self.id = id
        self.flowID = flowID
        self.flowVersion = flowVersion
        self.triggerEventID = triggerEventID
        self.cartID = cartID
        self.customerID = customerID
        self.status = status
        self.state = state
        self.wakeAt = wakeAt
    }
}

/// One entry of the message log: an intended or sent message, or another flow effect (task, Slack, discount).
public struct MessageRecord: Sendable, Hashable {
    public var id: String
    /// Idempotency key: a second process or a retry cannot log (or send) the same step twice.
    public var key: String
    public var runID: String?
    public var flowID: String?
    public var flowVersion: Int?
    public var step: String?
    public var variant: String?
    public var channel: String
    public var template: String?
    public var status: String
    public var customerID: Customer.ID?
    public var recipient: String?
    public var cartID: Cart.ID?
    public var detail: String?
    public var scheduledAt: Date
    public var sentAt: Date?
    /// When the dispatcher should send it; `nil` for effects that are complete once logged.
    public var dispatchAt: Date?
    /// Delivery progress, filled when read back from the log.
    public var attempts: Int = 0
    public var providerID: String?
    public var subject: String?
    public var error: String?
    public var deliveredAt: Date?
    public var openedAt: Date?
    public var clickedAt: Date?
    public var bouncedAt: Date?

    public init(
        id: String,
        key: String,
        runID: String?,
        flowID: String?,
        flowVersion: Int?,
        step: String?,
        variant: String?,
        channel: String,
        template: String?,
        status: String,
        customerID: Customer.ID?,
        recipient: String?,
        cartID: Cart.ID?,
        detail: String?,
        scheduledAt: Date,
        sentAt: Date?
    ) {
        self.id = id
        self.key = key
        self.runID = runID
        self.flowID = flowID
        self.flowVersion = flowVersion
        self.step = step
        self.variant = variant
        self.channel = channel
        self.template = template
        self.status = status
        self.customerID = customerID
        self.recipient = recipient
        self.cartID = cartID
        self.detail = detail
        self.scheduledAt = scheduledAt
        self.sentAt = sentAt
    }
}

extension Store {
    static let flowColumns = "shop_id, id, version, name, trigger_type, enabled, document, created_at"

    static func storedFlow(from row: any SQLRow) throws -> StoredFlow {
        StoredFlow(
            shopID: Shop.ID(try row.string("shop_id")),
            id: try row.string("id"),
            version: Int(try row.int("version")),
            name: try row.string("name"),
            triggerType: try row.string("trigger_type"),
            enabled: try row.bool("enabled"),
            document: try row.string("document"),
            createdAt: try row.date("created_at")
        )
    }

    /// Saves a new version of a flow (1 for a new id) and returns it.
    public func saveFlow(
        shopID: Shop.ID,
        id: String,
        name: String,
        triggerType: String,
        document: (Int) -> String,
        now: Date
    ) async throws -> StoredFlow {
        let current = try await read { db in
            try await db.raw(
                "SELECT MAX(version) AS v FROM flows WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)"
            ).first()?.optionalInt("v")
        }
        let version = Int((current ?? 0) + 1)
        let flow = StoredFlow(
            shopID: shopID,
            id: id,
            version: version,
            name: name,
            triggerType: triggerType,
            enabled: true,
            document: document(version),
            createdAt: now
        )
        try await write { db in
            // Only the newest version of a flow starts new runs; running ones keep theirs.
            try await db.raw("UPDATE flows SET enabled = 0 WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id)").run()
            try await db.raw(
                """
                INSERT INTO flows (shop_id, id, version, name, trigger_type, enabled, document, created_at)
                VALUES (\(bind: shopID.rawValue), \(bind: id), \(bind: Int64(version)), \(bind: name), \(bind: triggerType), 1,
                    \(bind: flow.document), \(bind: now.epochMilliseconds))
                """
            ).run()
        }
        return flow
    }

    /// The newest version of each flow of a shop.
    public func flows(shopID: Shop.ID) async throws -> [StoredFlow] {
        try await read { db in
            try await db.raw(
                """
                SELECT \(unsafeRaw: Store.flowColumns) FROM flows f WHERE shop_id = \(bind: shopID.rawValue)
                AND version = (SELECT MAX(version) FROM flows g WHERE g.shop_id = f.shop_id AND g.id = f.id) ORDER BY id
                """
            ).all().map(Store.storedFlow(from:))
        }
    }

    public func flow(shopID: Shop.ID, id: String, version: Int? = nil) async throws -> StoredFlow? {
        try await read { db in
            if let version {
                return try await db.raw(
                    "SELECT \(unsafeRaw: Store.flowColumns) FROM flows WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id) AND version = \(bind: Int64(version))"
                ).first().map(Store.storedFlow(from:))
            }
            return try await db.raw(
                "SELECT \(unsafeRaw: Store.flowColumns) FROM flows WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id) ORDER BY version DESC LIMIT 1"
            ).first().map(Store.storedFlow(from:))
        }
    }

    /// Turns a flow off (its newest version); running runs finish on the version they have.
    @discardableResult
    public func disableFlow(shopID: Shop.ID, id: String) async throws -> Bool {
        try await write { db in
            !(try await db.raw(
                "UPDATE flows SET enabled = 0 WHERE shop_id = \(bind: shopID.rawValue) AND id = \(bind: id) AND enabled = 1 RETURNING id"
            ).all()).isEmpty
        }
    }
}
