// Benchmark B3 (Benchmarks/channels): render N cart-recovery emails from the shipped template, optionally sign
// them with DKIM, and send them over SMTP (Postfix's smtp-sink in the benchmark). Prints one JSON line.
//
// usage: channels-bench --port 2526 [--host 127.0.0.1] [--count 20000] [--pool 8] [--dkim key.pem] [--locale de-DE]
import Foundation
import Logging
import ReboundChannels
import ReboundCore

/// Builds message `i`: a different customer and cart each time, so nothing is cached between messages.
struct Workload: Sendable {
    let renderer: TemplateRenderer
    let links = LinkSigner(key: Array("bench-bench-bench-bench-bench-32".utf8))
    let signer: DKIMSigner?
    let locale: String
    let now = Date(timeIntervalSince1970: 1_795_702_001)
    let shop = ShopBranding(name: "Käsehaus Müller", logoURL: "https://cdn.shop.example/logo.png", address: ["Hauptstraße 1", "50667 Köln"])
    let from: EmailAddress
    let firstNames = ["Jürgen", "Anna", "Özlem", "Kim", "Søren", "Lukas", "Mia", "Björn"]
    let products = ["Bergkäse 500 g", "Gouda alt", "Käsemesser", "Raclette-Set", "Brie de Meaux", "Appenzeller"]

    func makeMessage(_ i: Int) throws -> RenderedEmail {
        let name = firstNames[i % firstNames.count]
        let address = "kunde\(i)@example.de"
        let lines = (0..<(1 + i % 3)).map { k in
            CartLine(
                productID: "p\((i + k) % products.count)",
                variantID: "v\(i + k)",
                title: products[(i + k) % products.count],
                quantity: 1 + k,
                price: Int64(999 + 250 * ((i + k) % 7))
            )
        }
        let cart = Cart(id: Cart.ID("cart_\(i)"), token: "t\(i)", lines: lines, currency: .eur, createdAt: now)
        let tracking = TrackingLinks(
            baseURL: "https://rebound.example",
            signer: links,
            shopID: "shop_1",
            customerID: "cus_\(i)",
            messageID: "m\(i)",
            expiresAt: now + 7 * 86400
        )
        let context = EmailRenderContext(
            shop: shop,
            customer: Customer(id: Customer.ID("cus_\(i)"), email: address, firstName: name, lastName: "Müller", createdAt: now, updatedAt: now),
            cart: cart,
            products: Dictionary(
                uniqueKeysWithValues: lines.map { ($0.itemKey, EmailRenderContext.Product(imageURL: "https://cdn.shop.example/\($0.productID).jpg")) }
            ),
            links: .init(
                restore: tracking.restore(target: RestoreLinks.shopify(storeURL: "https://shop.example", lines: lines)),
                chat: tracking.click("https://shop.example/?chat=1"),
                unsubscribe: tracking.unsubscribe,
                openPixel: tracking.openPixel
            )
        )
        let content = try renderer.render("cart_recovery.help", locale: locale, context: context)
        let message = EmailComposer.message(
            content,
            from: from,
            to: try EmailAddress(address, name: name + " Müller"),
            messageID: "m\(i).\(UUID().uuidString)@shop.example",
            date: now,
            unsubscribeURL: tracking.unsubscribe,
            unsubscribeMailto: "unsubscribe@shop.example"
        )
        var email = MIMEWriter.render(message)
        if let signer { email = try signer.sign(email, now: now) }
        return email
    }
}

@main
struct ChannelsBench {
    static func argument(_ name: String) -> String? {
        let args = CommandLine.arguments
        guard let index = args.firstIndex(of: "--" + name), index + 1 < args.count else { return nil }
        return args[index + 1]
    }

    static func peakRSSKilobytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
        }
        return 0
    }

    static func main() async throws {
        let host = argument("host") ?? "127.0.0.1"
        let port = Int(argument("port") ?? "2526") ?? 2526
        let count = Int(argument("count") ?? "20000") ?? 20000
        let pool = Int(argument("pool") ?? "8") ?? 8
        var signer: DKIMSigner?
        if let path = argument("dkim") {
            signer = try DKIMSigner(domain: "shop.example", selector: "rebound", privateKeyPEM: String(contentsOfFile: path, encoding: .utf8))
        }
        let workload = Workload(
            renderer: try TemplateRenderer(templates: DefaultTemplates.all),
            signer: signer,
            locale: argument("locale") ?? "de-DE",
            from: try EmailAddress("hallo@shop.example", name: "Käsehaus Müller")
        )
        var config = SMTPConfiguration(host: host, port: port, security: .plain, poolSize: pool)
        config.backoff = Backoff(maxAttempts: 3, initial: .milliseconds(100))
        // The benchmark is an edge program, like ReboundApp: it may use the real clock.
        let client = SMTPClient(configuration: config, sleeper: .clock(ContinuousClock()), logger: Logger(label: "channels-bench"))
        let clock = ContinuousClock()
        let start = clock.now
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            // One worker per pooled connection; each renders, signs and sends its share in turn.
            for worker in 0..<pool {
                group.addTask {
                    var failed = 0
                    var i = worker
                    while i < count {
                        let email = try workload.makeMessage(i)
                        do {
                            _ = try await client.send(email, from: "bounces@shop.example", to: ["kunde\(i)@example.de"])
                        } catch {
                            failed += 1
                        }
                        i += pool
                    }
                    return failed
                }
            }
            var total = 0
            for try await failed in group { total += failed }
            return total
        }
        let elapsed = clock.now - start
        await client.shutdown()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let fields = [
            "\"side\":\"swift\"", "\"dkim\":\(signer != nil)", "\"messages\":\(count)", "\"failed\":\(failures)",
            "\"seconds\":" + String(format: "%.2f", seconds), "\"msgs_per_sec\":" + String(format: "%.1f", Double(count) / seconds),
            "\"peak_rss_mb\":" + String(format: "%.1f", Double(peakRSSKilobytes()) / 1024), "\"pool\":\(pool)",
        ]
        print("{" + fields.joined(separator: ",") + "}")
    }
}
