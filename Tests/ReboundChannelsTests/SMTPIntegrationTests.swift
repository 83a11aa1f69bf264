import Foundation
import Logging
import ReboundChannels
import ReboundCore
import Testing

/// Sends real mail to aiosmtpd started by the test and checks it with Python's `email` package and dkimpy.
@Suite(.serialized) struct SMTPIntegrationTests {
    static let now = Date(timeIntervalSince1970: 1_795_702_001)

    struct Check: Decodable {
        var dkim: Bool
        var subject: String
        var from: String
        var to: String
        var list_unsubscribe: String
        var list_unsubscribe_post: String
        var text: String?
        var html: String?
        var max_line: Int
        var max_body_line: Int
        var defects: [String]
        var tree: Tree
    }

    struct Tree: Decodable {
        var type: String
        var parts: [Tree]?
    }

    func message(to recipient: String = "jm@example.de") throws -> EmailMessage {
        let renderer = try TemplateRenderer(templates: DefaultTemplates.all)
        let context = EmailRenderContext(
            shop: ShopBranding(name: "Käsehaus Müller", logoURL: "https://cdn.shop.example/logo.png", address: ["Hauptstraße 1", "50667 Köln"]),
            customer: Customer(id: "cus_1", email: recipient, firstName: "Jürgen", lastName: "Müller", createdAt: Self.now, updatedAt: Self.now),
            cart: Cart(
                id: "cart_1",
                token: "t",
                lines: [CartLine(productID: "p1", variantID: "v1", title: "Bergkäse 500 g", quantity: 2, price: 1999)],
                currency: .eur,
                createdAt: Self.now
            ),
            links: .init(restore: "https://rebound.example/r/abc", chat: "https://shop.example/?chat=1", unsubscribe: "https://rebound.example/u/xyz")
        )
        var content = try renderer.render("cart_recovery.help", locale: "de-DE", context: context)
        // A subject with umlauts, so the signed headers include RFC 2047 words.
        content.subject = "Dein Warenkorb wartet, Jürgen – schön, dass du da bist"
        return EmailComposer.message(
            content,
            from: try EmailAddress("hallo@shop.example", name: "Käsehaus Müller"),
            to: try EmailAddress(recipient, name: "Jürgen Müller"),
            messageID: EmailMessage.makeMessageID(domain: "shop.example"),
            date: Self.now,
            unsubscribeURL: "https://rebound.example/u/xyz",
            unsubscribeMailto: "unsubscribe@shop.example"
        )
    }

    func savedMessages(_ directory: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil).filter { $0.pathExtension == "eml" }.sorted {
            $0.path < $1.path
        }
    }

    @Test func signedMultipartMessageVerifiesWithDkimpyAndParses() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let server = try PythonServer(script: "smtp_server.py", arguments: ["--dir", dir.path, "--pipelining"])
        defer { server.stop() }
        let signer = try DKIMSigner(domain: "shop.example", selector: "rebound", privateKeyPEM: try Fixtures.dkimKey(in: dir))
        let client = SMTPClient(
            configuration: try SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)?tls=none"),
            sleeper: RecordedSleeps().sleeper,
            logger: Logger(label: "test")
        )
        let result = try await client.send(try message(), signer: signer)
        await client.shutdown()
        #expect(result.accepted == ["jm@example.de"])
        let files = try savedMessages(dir)
        try #require(files.count == 1)
        let json = try Fixtures.run("python3", [Fixtures.path("check_message.py"), files[0].path, signer.dnsRecord])
        let check = try JSONDecoder().decode(Check.self, from: Data(json.utf8))
        #expect(check.dkim)
        #expect(check.subject == "Dein Warenkorb wartet, Jürgen – schön, dass du da bist")
        #expect(check.from == "Käsehaus Müller <hallo@shop.example>")
        #expect(check.to == "Jürgen Müller <jm@example.de>")
        #expect(check.tree.type == "multipart/alternative")
        #expect(check.tree.parts?.map(\.type) == ["text/plain", "text/html"])
        #expect(check.text?.contains("Hallo Jürgen") == true)
        #expect(check.html?.contains("39,98\u{00A0}€") == true)
        #expect(check.list_unsubscribe.contains("mailto:unsubscribe@shop.example"))
        #expect(check.list_unsubscribe_post == "List-Unsubscribe=One-Click")
        #expect(check.max_line <= 998)
        #expect(check.max_body_line <= 78)
        #expect(check.defects.isEmpty)
    }

    @Test func startTLSWithAuthAndConnectionReuse() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let (cert, key) = try Fixtures.selfSignedCertificate(in: dir)
        let server = try PythonServer(script: "smtp_server.py", arguments: ["--dir", dir.path, "--tls", cert, key, "--auth", "shop:s3cr@t"])
        defer { server.stop() }
        let config = try SMTPConfiguration(url: "smtp://shop:s3cr%40t@127.0.0.1:\(server.port)?tls=starttls&pool=1&verify=none")
        #expect(config.security == .startTLS && config.password == "s3cr@t" && config.poolSize == 1)
        let client = SMTPClient(configuration: config, sleeper: RecordedSleeps().sleeper, logger: Logger(label: "test"))
        for _ in 0..<3 { _ = try await client.send(try message()) }
        #expect(await client.openConnections == 1)
        await client.shutdown()
        #expect(try savedMessages(dir).count == 3)
    }

    @Test func wrongPasswordIsAnAuthenticationFailure() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let (cert, key) = try Fixtures.selfSignedCertificate(in: dir)
        let server = try PythonServer(script: "smtp_server.py", arguments: ["--dir", dir.path, "--tls", cert, key, "--auth", "shop:right"])
        defer { server.stop() }
        var config = try SMTPConfiguration(url: "smtp://shop:wrong@127.0.0.1:\(server.port)?tls=starttls&verify=none")
        config.commandTimeout = .seconds(5)
        let client = SMTPClient(configuration: config, sleeper: RecordedSleeps().sleeper, logger: Logger(label: "test"))
        await #expect { _ = try await client.send(try message()) } throws: { ($0 as? DeliveryError)?.code == .authenticationFailed }
    }

    @Test func implicitTLS() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let (cert, key) = try Fixtures.selfSignedCertificate(in: dir)
        let server = try PythonServer(script: "smtp_server.py", arguments: ["--dir", dir.path, "--tls", cert, key, "--implicit"])
        defer { server.stop() }
        var config = try SMTPConfiguration(url: "smtps://127.0.0.1:\(server.port)")
        config.trustRootsPEM = try String(contentsOfFile: cert, encoding: .utf8)
        config.certificateVerification = .noHostnameVerification
        let client = SMTPClient(configuration: config, sleeper: RecordedSleeps().sleeper, logger: Logger(label: "test"))
        _ = try await client.send(try message())
        await client.shutdown()
        #expect(try savedMessages(dir).count == 1)
    }

    @Test func transientFailuresAreRetriedWithBackoff() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let server = try PythonServer(script: "smtp_server.py", arguments: ["--dir", dir.path, "--tempfail", "2", "--pipelining"])
        defer { server.stop() }
        var config = try SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)?tls=none")
        config.backoff = Backoff(maxAttempts: 4, initial: .seconds(30), maximum: .seconds(600))
        let sleeps = RecordedSleeps()
        let client = SMTPClient(configuration: config, sleeper: sleeps.sleeper, logger: Logger(label: "test"))
        let result = try await client.send(try message())
        await client.shutdown()
        #expect(result.reply.code == 250)
        #expect(await sleeps.waits == [.seconds(30), .seconds(60)])
        #expect(try savedMessages(dir).count == 1)
    }

    @Test func permanentFailureIsNotRetried() async throws {
        let dir = try Fixtures.temporaryDirectory()
        let server = try PythonServer(script: "smtp_server.py", arguments: ["--dir", dir.path])
        defer { server.stop() }
        let sleeps = RecordedSleeps()
        let client = SMTPClient(
            configuration: try SMTPConfiguration(url: "smtp://127.0.0.1:\(server.port)?tls=none"),
            sleeper: sleeps.sleeper,
            logger: Logger(label: "test")
        )
        await #expect {
            _ = try await client.send(try message(to: "reject-me@example.de"))
        } throws: { error in
            (error as? DeliveryError)?.code == .permanentFailure && (error as? DeliveryError)?.status == 550
        }
        #expect(await sleeps.waits.isEmpty)
        // The connection survives the refusal and carries the next message.
        _ = try await client.send(try message())
        #expect(await client.openConnections == 1)
        await client.shutdown()
    }

    @Test func timeoutWhenTheServerSaysNothing() async throws {
        let server = try PythonServer(script: "silent_server.py", arguments: [])
        defer { server.stop() }
        var config = SMTPConfiguration(host: "127.0.0.1", port: server.port, security: .plain)
        config.commandTimeout = .milliseconds(200)
        config.backoff = Backoff(maxAttempts: 1)
        let client = SMTPClient(configuration: config, sleeper: RecordedSleeps().sleeper, logger: Logger(label: "test"))
        await #expect { _ = try await client.send(try message()) } throws: { ($0 as? DeliveryError)?.code == .timeout }
    }

    @Test func urlParsing() throws {
        let c = try SMTPConfiguration(url: "smtps://apikey:p%2Fw@mail.example.com?pool=8")
        #expect(c.security == .implicitTLS && c.port == 465 && c.username == "apikey" && c.password == "p/w" && c.poolSize == 8)
        let d = try SMTPConfiguration(url: "smtp://mail.example.com:2525")
        #expect(d.security == .startTLSIfAvailable && d.port == 2525 && d.username == nil)
        #expect(throws: DeliveryError.self) { try SMTPConfiguration(url: "http://mail.example.com") }
    }
}
