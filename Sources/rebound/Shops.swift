import ArgumentParser
import Foundation
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore

struct Shops: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create and list shops.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a shop with its first API key and public key.")

        @OptionGroup var db: DatabaseOptions
        @Option(help: "The shop's name.") var name: String
        @Option(help: "ISO 4217 currency, e.g. EUR.") var currency: String
        @Option(help: "IANA time zone, e.g. Europe/Berlin.") var timezone: String
        @Option(help: "Shopify app API secret, to verify Shopify webhooks.") var shopifySecret: String?
        @Option(help: "WooCommerce webhook secret, to verify WooCommerce webhooks.") var woocommerceSecret: String?
        @Flag(help: "Print {\"id\", \"api_key\", \"public_key\"} as JSON.") var json = false

        func validate() throws {
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 200 else {
                throw ValidationError("--name must be 1 to 200 characters")
            }
            guard Currency(rawValue: currency) != nil else {
                throw ValidationError("--currency must be an ISO 4217 code such as EUR, not '\(currency)'")
            }
            guard TimeZone(identifier: timezone) != nil else {
                throw ValidationError("--timezone must be an IANA time zone such as Europe/Berlin, not '\(timezone)'")
            }
        }

        func run() async throws {
            let logger = db.logger()
            do {
                let created = try await Database.withStore(db.location, logger: logger) { store in
                    try await ShopAdmin.createShop(
                        name: name,
                        currency: Currency(rawValue: currency)!,
                        timeZone: timezone,
                        shopifySecret: shopifySecret,
                        woocommerceSecret: woocommerceSecret,
                        store: store,
                        now: Date()
                    )
                }
                if json {
                    printJSON(["id": created.shop.id.rawValue, "api_key": created.apiKey, "public_key": created.shop.publicKey])
                } else {
                    print(
                        """
                        Created shop \(created.shop.name) (\(created.shop.id))
                          API key (shown once, keep it secret): \(created.apiKey)
                          Public key (for the storefront script): \(created.shop.publicKey)
                          Storefront: <script async src="https://YOUR-REBOUND/widget.js" data-key="\(created.shop.publicKey)"></script>
                        """
                    )
                }
            } catch {
                throw fail("\(error)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List shops.")
        @OptionGroup var db: DatabaseOptions
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            do {
                let shops = try await Database.withStore(db.location, logger: db.logger()) { store in try await store.shops() }
                if json {
                    let items = shops.map {
                        [
                            "id": $0.id.rawValue, "name": $0.name, "currency": $0.currency.rawValue, "timezone": $0.timeZone,
                            "public_key": $0.publicKey,
                        ]
                    }
                    if let data = try? JSONSerialization.data(withJSONObject: items, options: [.sortedKeys]) {
                        print(String(decoding: data, as: UTF8.self))
                    }
                } else if shops.isEmpty {
                    print("no shops yet: create one with `rebound shops create --name N --currency EUR --timezone Europe/Berlin`")
                } else {
                    for shop in shops { print("\(shop.id)\t\(shop.name)\t\(shop.currency)\t\(shop.timeZone)") }
                }
            } catch {
                throw fail("\(error)")
            }
        }
    }
}

struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create, list and revoke API keys.",
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a secret API key for a shop (shown once).")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The shop's id.") var shop: String
        @Option(help: "A label to recognise the key by.") var label: String?
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            do {
                let issued = try await Database.withStore(db.location, logger: db.logger()) { store in
                    try await ShopAdmin.createKey(shopID: Shop.ID(shop), label: label, store: store, now: Date())
                }
                if json {
                    printJSON(["id": issued.record.id, "api_key": issued.plaintext])
                } else {
                    print("API key \(issued.record.id) (shown once): \(issued.plaintext)")
                }
            } catch {
                throw fail("\(error)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a shop's API keys (never the secrets).")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The shop's id.") var shop: String

        func run() async throws {
            do {
                let keys = try await Database.withStore(db.location, logger: db.logger()) { store in try await store.apiKeys(shopID: Shop.ID(shop)) }
                for key in keys {
                    print("\(key.id)\t\(key.label ?? "-")\t\(key.revokedAt == nil ? "active" : "revoked")")
                }
            } catch {
                throw fail("\(error)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke an API key by its id (key_…) or prefix.")
        @OptionGroup var db: DatabaseOptions
        @Argument(help: "The key's id or prefix.") var key: String

        func run() async throws {
            let revoked: Bool
            do {
                revoked = try await Database.withStore(db.location, logger: db.logger()) { store in
                    try await store.revokeAPIKey(idOrPrefix: key.hasPrefix("key_") ? key : (ShopAdmin.keyPrefix(of: key) ?? key), now: Date())
                }
            } catch {
                throw fail("\(error)")
            }
            guard revoked else { throw fail("no active key '\(key)'") }
            print("revoked \(key)")
        }
    }
}
