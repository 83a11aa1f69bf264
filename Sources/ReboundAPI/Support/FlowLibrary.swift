public import Foundation
public import ReboundCore
public import ReboundFlows
public import ReboundStore

/// Saving flow documents: each save is a new version, and the stored document carries its version number.
public enum FlowLibrary {
    @discardableResult
    public static func save(_ document: FlowDocument, shopID: Shop.ID, store: Store, now: Date) async throws -> StoredFlow {
        try await store.saveFlow(
            shopID: shopID,
            id: document.id,
            name: document.name,
            triggerType: document.trigger.type.rawValue,
            document: { version in
                var versioned = document
                versioned.version = version
                return versioned.jsonValue().jsonText
            },
            now: now
        )
    }
}
