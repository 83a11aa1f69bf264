import ArgumentParser
import Foundation
import ReboundAPI
import ReboundApp
import ReboundCore
import ReboundStore

struct Agents: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create and list the agents who sign in to /admin.",
        subcommands: [Create.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an agent (admin or agent) for a shop.",
            discussion: """
                The password is read from standard input with --password-stdin (one line), else asked for without echo.
                It is stored as a bcrypt hash only.
                  printf '%s\\n' "$PASSWORD" | rebound agents create --shop SHOP --email ann@shop.example --name Ann --role admin --password-stdin
                """
        )
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The shop's id.") var shop: String
        @Option(help: "The agent's email; they sign in with it.") var email: String
        @Option(help: "The agent's name, as shown in the admin.") var name: String
        @Option(help: "admin or agent.") var role: String = "agent"
        @Flag(help: "Read the password from standard input.") var passwordStdin = false
        @Flag(help: "Print JSON.") var json = false

        func validate() throws {
            guard Agent.Role(rawValue: role) != nil else { throw ValidationError("--role must be admin or agent, not '\(role)'") }
            let trimmed = email.trimmingCharacters(in: .whitespaces)
            guard trimmed.count <= 254, trimmed.split(separator: "@").count == 2, !trimmed.contains(" ") else {
                throw ValidationError("--email must be an email address, not '\(email)'")
            }
            guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 200 else {
                throw ValidationError("--name must be 1 to 200 characters")
            }
        }

        func readPassword() throws -> String {
            if passwordStdin {
                guard let line = readLine(strippingNewline: true) else { throw fail("no password on standard input") }
                return line
            }
            guard let typed = getpass("Password for \(email): ") else { throw fail("no password given") }
            return String(cString: typed)
        }

        func run() async throws {
            let password = try readPassword()
            guard password.count >= 10, password.utf8.count <= 72 else {
                throw fail("the password must be at least 10 characters (and at most 72 bytes, bcrypt's limit)")
            }
            do {
                let agent = try await Database.withStore(db.location, logger: db.logger()) { store in
                    try await ShopAdmin.createAgent(
                        shopID: Shop.ID(shop),
                        email: email,
                        name: name,
                        role: Agent.Role(rawValue: role)!,
                        password: password,
                        store: store,
                        now: Date()
                    )
                }
                if json {
                    printJSON([
                        "id": agent.id, "shop_id": agent.shopID.rawValue, "email": agent.email, "name": agent.name, "role": agent.role.rawValue,
                    ])
                } else {
                    print("Created \(agent.role.rawValue) \(agent.name) <\(agent.email)> (\(agent.id)); they sign in at /admin/login")
                }
            } catch {
                throw fail("\(error)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List a shop's agents (never their passwords).")
        @OptionGroup var db: DatabaseOptions
        @Option(help: "The shop's id.") var shop: String
        @Flag(help: "Print JSON.") var json = false

        func run() async throws {
            do {
                let agents = try await Database.withStore(db.location, logger: db.logger()) { store in try await store.agents(shopID: Shop.ID(shop)) }
                if json {
                    let items = agents.map { ["id": $0.id, "email": $0.email, "name": $0.name, "role": $0.role.rawValue] }
                    if let data = try? JSONSerialization.data(withJSONObject: items, options: [.sortedKeys]) {
                        print(String(decoding: data, as: UTF8.self))
                    }
                } else if agents.isEmpty {
                    print("no agents yet: create one with `rebound agents create --shop \(shop) --email E --name N --role admin`")
                } else {
                    for agent in agents { print("\(agent.id)\t\(agent.email)\t\(agent.name)\t\(agent.role.rawValue)") }
                }
            } catch {
                throw fail("\(error)")
            }
        }
    }
}
